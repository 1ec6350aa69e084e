// The view's outside poller: revision histories of at most MAX_HISTORIES services (each is requests on Kubernetes),
// only `service@region` targets, and a history that fails becomes a (sanitised) note while the rest is still read.
import {describe, expect, it} from 'vitest';
import {MAX_HISTORIES, outsidePoller} from '../../../src/actions/timeline-feed.js';
import {ManualClock} from '../../../src/data/clock.js';
import type {Session} from '../../../src/data/session.js';
import type {Revision, Source} from '../../../src/data/sources/types.js';

function sessionWith(histories: string[]): Session {
  const source = {
    id: 'kube',
    kind: 'kubernetes',
    description: 'test',
    panes: ['health'],
    read: () => Promise.reject(new Error('unused')),
    capabilities: {
      rollback: {
        history: async (ref: {service: string; region: string}): Promise<Revision[]> => {
          histories.push(`${ref.service}@${ref.region}`);
          if (ref.service === 'broken') throw new Error('replicasets: 403\u001b[2J');
          return [
            {revision: 3, version: '1.2.5', createdAt: 3_000, status: 'active', active: true},
            {revision: 2, version: '1.2.4', status: 'superseded', active: false},
          ];
        },
        where: () => '',
        command: () => '',
        rollback: () => Promise.reject(new Error('unused')),
      },
    },
  } as unknown as Source;
  return {context: {panes: {health: ['kube']}}, sources: new Map([['kube', source]])} as unknown as Session;
}

describe('timeline outside poller', () => {
  it('reads at most MAX_HISTORIES histories, of service@region targets only; failures become notes', async () => {
    const histories: string[] = [];
    const targets = ['broken@us-east', 'audit.appended.v1/Subscriptions/x', ...Array.from({length: 12}, (_, i) => `svc${i}@eu-west`), 'svc0@eu-west'];
    const poller = outsidePoller(sessionWith(histories), new ManualClock(), () => targets);
    const snap = await poller.pollOnce();
    expect(histories).toHaveLength(MAX_HISTORIES);
    expect(histories[0]).toBe('broken@us-east');
    expect(histories.every((h) => /^[a-z0-9]+@[a-z-]+$/.test(h))).toBe(true);
    // Revisions without a creation time give no marker.
    expect(snap.value?.deploys).toHaveLength(MAX_HISTORIES - 1);
    expect(snap.value?.deploys[0]).toEqual({at: 3_000, target: 'svc0@eu-west', revision: 3, version: '1.2.5'});
    expect(snap.value?.notes).toEqual(['revisions of broken@us-east: replicasets: 403']);
  });
});
