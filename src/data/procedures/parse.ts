// A runbook of procedures: Markdown with one section per catalog section number ("## 6.1 Service Restart"), so the
// alert view can show the steps of the section an alert cites. A team points its context at its own file.
import {sanitizeLine} from '../text/sanitize.js';

/** One section: its number ("6.1", "Topic 10"), its title, and its lines (steps, commands, notes). */
export interface Procedure {
  readonly section: string;
  readonly title: string;
  readonly lines: readonly string[];
}

/** The catalog's section number of a rule's `runbook` label: "6.1 (Service Restart)" → "6.1", "Topic 10 (...)" → "Topic 10". */
export function sectionOf(runbook: string): string {
  return /^(Topic \d+|\d+(?:\.\d+)?)/.exec(runbook.trim())?.[1] ?? runbook.trim();
}

const HEADING = /^#{2,3}\s+(Topic \d+|\d+(?:\.\d+)?)\s*[-–—:.]?\s*(.*)$/;

/** Parses the sections of a procedures file; text outside a numbered section is ignored. Every line is sanitised. */
export function parseProcedures(markdown: string): ReadonlyMap<string, Procedure> {
  const out = new Map<string, Procedure>();
  let current: {section: string; title: string; lines: string[]} | undefined;
  const close = () => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1] === '') current.lines.pop();
    out.set(current.section, current);
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = sanitizeLine(raw).trimEnd();
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      current = {section: heading[1]!, title: heading[2]!.trim(), lines: []};
    } else if (/^#{1,2}\s/.test(line)) {
      close();
      current = undefined;
    } else if (current && (line !== '' || current.lines.length > 0)) current.lines.push(line);
  }
  close();
  return out;
}

/** A link for a section from a URL template (`https://wiki/atp/runbook#{section}`), or undefined without one. */
export function procedureLink(template: string | undefined, section: string): string | undefined {
  return template ? template.replaceAll('{section}', encodeURIComponent(section.replace(/^Topic /, 'topic-'))) : undefined;
}
