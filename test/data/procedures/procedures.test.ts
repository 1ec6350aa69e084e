// Runbook procedures per catalog section: parsed from Markdown, sanitised, found for every alert the cockpit raises.
import {describe, expect, it} from 'vitest';
import {ALERT_RULES} from '../../../src/data/alerts/catalog.js';
import {loadProcedures} from '../../../src/data/procedures/load.js';
import {parseProcedures, procedureLink, sectionOf} from '../../../src/data/procedures/parse.js';

describe('procedures', () => {
  it('reads one section per catalog number, with its steps, and drops control sequences', () => {
    const md =
      '# Team runbook\nintro\n## 6.1 Service Restart\n1. kubectl get pods\n\u001b]0;pwned\u0007\n2. restart\n\n## Topic 10: Burn\n- look\n# Appendix\nignored';
    const sections = parseProcedures(md);
    expect([...sections.keys()]).toEqual(['6.1', 'Topic 10']);
    expect(sections.get('6.1')).toMatchObject({title: 'Service Restart'});
    for (const line of sections.get('6.1')!.lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(sections.get('6.1')!.lines[0]).toBe('1. kubectl get pods');
    expect(sections.get('Topic 10')!.lines).toEqual(['- look']);
  });

  it('finds the section an alert cites, and builds its link', () => {
    expect(sectionOf('6.1 (Service Restart)')).toBe('6.1');
    expect(sectionOf('Topic 10 (SLO Monitoring & Burn Rate Alerts)')).toBe('Topic 10');
    expect(procedureLink('https://wiki.example.com/atp#{section}', '10.2')).toBe('https://wiki.example.com/atp#10.2');
  });

  it('the demo ships a procedure for every section an alert cites', () => {
    const demo = loadProcedures({demo: true});
    for (const rule of ALERT_RULES) expect(demo.sections.get(sectionOf(rule.runbook))?.lines.length, rule.runbook).toBeGreaterThan(1);
  });

  it('a file that cannot be read says why, and the cockpit goes on', () => {
    const missing = loadProcedures({demo: false, path: '/nonexistent/procedures.md'});
    expect(missing.sections.size).toBe(0);
    expect(missing.error).toMatch(/cannot read runbook.path \/nonexistent\/procedures.md: ENOENT/);
    expect(loadProcedures({demo: false}).origin).toMatch(/set runbook.path/);
  });
});
