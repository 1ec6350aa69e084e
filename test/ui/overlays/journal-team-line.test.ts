// A colleague's freeze as the journal view (`J`) lists it: the freeze kind and region where a service's change shows
// `service@region`, who and from where and the incident early enough to survive an 80-column terminal, the object last.
import {describe, expect, it} from 'vitest';
import type {TeamAction} from '../../../src/data/sources/types.js';
import {teamLine} from '../../../src/ui/overlays/journal-view.js';

const freeze: TeamAction = {
  at: Date.UTC(2026, 10, 28, 2, 57),
  by: 'bob',
  host: 'jump-3',
  action: 'freeze',
  freeze: 'integrity',
  object: 'cronjob/atp-purge -n atp-system',
  region: 'us-east',
  reason: 'tamper alert on segment 7',
  incident: 'INC-9',
  message: '',
};

describe('a freeze in the team list', () => {
  it('names the freeze kind and region, who, from where and the incident within 80 columns; the object comes last', () => {
    const line = teamLine(freeze, false, ' · ');
    expect(line).toBe(
      ' 02:57:00Z freeze    integrity @us-east by bob from jump-3 [INC-9] · reason: tamper alert on segment 7 · cronjob/atp-purge -n atp-system',
    );
    expect(line.slice(0, 80)).toContain('by bob from jump-3 [INC-9]');
  });

  it("marks this cockpit's own; a service change is unchanged", () => {
    expect(teamLine({...freeze, action: 'unfreeze', by: 'tester', host: 'testhost'}, true, ' - ')).toMatch(
      /unfreeze {2}integrity @us-east by tester from testhost - this cockpit \[INC-9\]/,
    );
    const restart = {...freeze, action: 'restart', freeze: undefined, service: 'ingestion', object: 'deployment/ingestion -n atp-ingest-ns'};
    expect(teamLine(restart, false, ' · ')).toBe(' 02:57:00Z restart   ingestion@us-east by bob from jump-3 [INC-9] · reason: tamper alert on segment 7');
  });
});
