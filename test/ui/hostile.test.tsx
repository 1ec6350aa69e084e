// Hostile terminal input through every outside string that reaches the screen: the layout stays intact,
// and the bytes sent to the terminal hold nothing but cursor moves, colours and synchronized-output brackets.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {PANE_IDS, type PaneId, type ReadingByPane} from '../../src/data/readings/types.js';
import type {Source} from '../../src/data/sources/types.js';
import {parseFrame} from '../../src/ui/terminal/cells.js';
import {diffFrames, fullRepaint} from '../../src/ui/terminal/diff.js';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

const HOSTILE = [
  '\u001b]0;pwned\u0007',
  '\u001b]0;pwned\u001b\\',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b[2J',
  '\u001b[H',
  '\u001b[3J',
  '\u001bc',
  '\u001b[?1049l',
  '\u001b[10;10H',
  '\u001b[31m',
  '\u001bP1$r\u001b\\',
  '\u009b2J',
  '\u009d0;x\u009c',
  '\u0085',
  '\u202eRTL\u202c',
  '\u2066iso\u2069',
  '\u200b\u200d\ufeff',
  '漢字',
  '👨‍👩‍👧',
  '🇩🇪',
  'e\u0301',
  '\t',
  '\r\n',
  '\u0007',
  '\u0000',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({maxLength: 5}), fc.string({unit: 'binary', maxLength: 3})), {minLength: 1, maxLength: 5})
  .map((p) => p.join(''));

/** A source that returns whatever strings the property gives it, unsanitised (a source that forgot to). */
function hostileSource(s: Record<string, string>, failWith: string): Source {
  const readings: ReadingByPane = {
    health: {
      services: [
        {
          service: s.service!,
          region: s.region!,
          status: 'Degraded',
          statusReason: s.reason,
          podsReady: 1,
          podsDesired: 3,
          version: s.version,
          checks: [{name: s.check!, status: 'Unhealthy', description: s.description}],
          problems: [{state: 'Pending', reason: s.pod!}],
        },
      ],
    },
    lag: {projections: [{projection: s.projection!, region: s.region!, lagSeconds: 40, p95Seconds: 45}]},
    dlq: {entities: [{entity: s.entity!, kind: 'queue', consumer: s.consumer, deadLetter: 150, active: 2, reasons: {[s.dlqReason!]: 150}}]},
    outbox: {outboxes: [{service: s.service!, region: s.region!, pending: 10, oldestAgeSeconds: 2}]},
    burn: {slos: [{slo: s.slo!, description: s.description, objective: 0.999, periodDays: 30, errorRatio: {'5m': 0.03, '1h': 0.02, '30d': 0.0001}}]},
  };
  return {
    id: 'hostile',
    kind: 'demo',
    description: 'hostile',
    panes: PANE_IDS,
    capabilities: {
      inspect: {
        peek: async () => [
          {
            sequenceNumber: 1,
            messageId: s.entity!,
            reason: s.dlqReason!,
            description: s.description,
            deliveryCount: 3,
            enqueuedAt: 0,
            properties: {[s.check!]: s.pod!},
            body: {kind: 'text', preview: s.description!, bytes: 9},
          },
        ],
      },
    },
    read: async <P extends PaneId>(pane: P) => {
      if (pane === 'outbox' && failWith) throw new Error(failWith);
      return readings[pane];
    },
  };
}

const FIELDS = ['service', 'region', 'reason', 'version', 'check', 'description', 'pod', 'projection', 'entity', 'consumer', 'dlqReason', 'slo', 'error'];

/** Escape sequences the diff writer may emit: cursor position, SGR, synchronized output. */
const ALLOWED = /\u001b\[(?:\d+;\d+H|[0-9;]*m|\?2026[hl])/g;

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('hostile terminal input', () => {
  it('keeps the layout: exact size, every line within the width, and only safe escapes go to the terminal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record(Object.fromEntries(FIELDS.map((f) => [f, hostile]))) as fc.Arbitrary<Record<string, string>>, async (strings) => {
        const source = hostileSource(strings, strings.error!);
        app = await renderCockpit({columns: 100, rows: 30, session: {createSource: async () => source}});
        await app.tick(1000);
        const views: string[][] = [[], ['3', KEYS.enter], [KEYS.escape, '1', KEYS.enter], [KEYS.escape, 'a'], [KEYS.escape, '5', KEYS.enter]];
        for (const keys of views) {
          await app.press(...keys);
          const frame = app.lastFrame();
          const lines = frame.split('\n');
          expect(lines.length).toBeLessThanOrEqual(30);
          for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(100);
          // What Ink produced may hold colours (SGR) and nothing else that a terminal would act on.
          expect(app.rawFrame().replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
          // And what the screen writes to the terminal: cursor moves, colours, synchronized output.
          const cells = parseFrame(app.rawFrame(), 100, 30);
          const bytes = fullRepaint(cells) + diffFrames(parseFrame('', 100, 30), cells);
          const leftover = bytes.replace('\u001b[0m\u001b[H\u001b[2J', '').replace(ALLOWED, '');
          expect(leftover).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        }
        app.unmount();
        app = undefined;
      }),
      {numRuns: 25},
    );
  }, 120_000);
});
