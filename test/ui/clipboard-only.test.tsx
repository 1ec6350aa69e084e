// Nothing but `:update` may write the clipboard: OSC 52 in any outside string (a DLQ message body, a health check's
// description, a property) is stripped before display, so the bytes the screen writes carry no OSC at all; the one
// OSC 52 the cockpit sends is the update it copies, written between frames.
import {describe, expect, it} from 'vitest';
import {PANE_IDS, type PaneId, type ReadingByPane} from '../../src/data/readings/types.js';
import type {Source} from '../../src/data/sources/types.js';
import {sanitize, sanitizeLine} from '../../src/data/text/sanitize.js';
import {osc52} from '../../src/ui/terminal/osc52.js';
import {Screen} from '../../src/ui/terminal/screen.js';
import {KEYS, renderCockpit} from '../helpers/render-app.js';

/** OSC 52 as a hostile string may carry it: BEL or ST terminated, 8-bit C1, unterminated, inside tmux's passthrough. */
const OSC52_FORMS = [
  '\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b]52;c;cm0gLXJmIH4=\u001b\\',
  '\u009d52;c;cm0gLXJmIH4=\u009c',
  '\u009d52;c;cm0gLXJmIH4=\u0007',
  '\u001b]52;p;cm0gLXJmIH4=',
  '\u001bPtmux;\u001b\u001b]52;c;cm0gLXJmIH4=\u0007\u001b\\',
  '\u001b\u001b]52;c;aGk=\u0007',
  '\u001b]\u001b]52;c;aGk=\u0007',
];
/** What a terminal needs to start an OSC: ESC ] or the C1 byte; BEL or ST to end one. */
const OSC_PARTS = /[\u001b\u009d\u0007\u009c]/;

const HOSTILE = `payload ${OSC52_FORMS.join(' ')} end`;

function hostileSource(): Source {
  const readings: ReadingByPane = {
    health: {
      services: [
        {
          service: 'ingestion',
          region: 'us-east',
          status: 'Unhealthy',
          statusReason: HOSTILE,
          podsReady: 0,
          podsDesired: 3,
          checks: [{name: 'sql', status: 'Unhealthy', description: HOSTILE}],
        },
      ],
    },
    lag: {projections: []},
    dlq: {entities: [{entity: 'webhook-delivery', kind: 'queue', consumer: 'webhook', deadLetter: 150, active: 2, reasons: {DeliveryCountExceeded: 150}}]},
    outbox: {outboxes: []},
    burn: {slos: []},
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
            messageId: 'm1',
            reason: 'DeliveryCountExceeded',
            description: HOSTILE,
            deliveryCount: 3,
            enqueuedAt: 0,
            properties: {'x-callback': HOSTILE},
            body: {kind: 'text', preview: HOSTILE, bytes: 99},
          },
        ],
      },
    },
    read: async <P extends PaneId>(pane: P) => readings[pane],
  };
}

describe('only :update writes the clipboard', () => {
  it('sanitize leaves no part of an OSC 52 a terminal could act on, in every form', () => {
    for (const form of OSC52_FORMS) {
      for (const out of [sanitizeLine(`a${form}b`), sanitize(`a${form}b`, {multiline: true})]) {
        expect(out, JSON.stringify(form)).not.toMatch(OSC_PARTS);
        expect(out).not.toMatch(/52;[cp];[A-Za-z0-9+/=]+\u0007/);
      }
    }
  });

  it('a hostile DLQ body and health description reach the screen as text, and the screen writes no OSC 52 until an update is copied', async () => {
    const app = await renderCockpit({columns: 120, rows: 40, session: {createSource: async () => hostileSource()}});
    const written: string[] = [];
    const screen = new Screen({write: (d: string) => written.push(d)}, 120, 40, {sync: true});
    screen.enter();
    const inkFrames: string[] = [];
    const paint = () => {
      inkFrames.push(app.rawFrame());
      screen.frame(app.rawFrame());
      screen.flush();
    };
    try {
      await app.tick(1000);
      paint();
      // The DLQ peek (message body, description, properties), the health detail (check description), the update editor.
      // Opening a view holds the keys after it until the view takes them (or 250 ms pass): wait in real time.
      const settle = () => new Promise((r) => setTimeout(r, 300));
      for (const keys of [['3', KEYS.enter], [KEYS.enter], [KEYS.escape, KEYS.escape, '1', KEYS.enter], [KEYS.escape], [':', 'update', KEYS.enter]]) {
        await app.press(...keys);
        await settle();
        await app.tick(200);
        paint();
      }
      expect(app.lastFrame()).toContain('edit it in place');
      expect(app.lastFrame()).toContain('payload');
      // What the views drew holds no OSC introducer (sanitised), and neither does what the screen wrote from it.
      for (const f of inkFrames) expect(f).not.toMatch(/\u001b\]|\u009d/);
      expect(inkFrames.some((f) => f.includes('x-callback=payload'))).toBe(true);
      const bytes = written.join('');
      expect(bytes).not.toMatch(/\u001b\]|\u009d/);
      // Copying the update is the one OSC 52 the cockpit writes, in a write of its own.
      await app.press(KEYS.tab, KEYS.enter);
      await app.waitFor('Copied');
      expect(app.clipboard).toHaveLength(1);
      expect(app.clipboard[0]).not.toMatch(OSC_PARTS);
      screen.control(osc52(app.clipboard[0]!)!);
      const osc = written.filter((w) => w.includes('\u001b]'));
      expect(osc).toEqual([`\u001b]52;c;${Buffer.from(app.clipboard[0]!).toString('base64')}\u0007`]);
    } finally {
      app.unmount();
    }
  });

  it('osc52 encodes UTF-8 as base64 and refuses text over the limit', () => {
    expect(osc52('héllo ✓')).toBe(`\u001b]52;c;${Buffer.from('héllo ✓').toString('base64')}\u0007`);
    expect(osc52('x'.repeat(64 * 1024 + 1))).toBeUndefined();
  });

  it('the screen writes a control string only while it owns the terminal, never inside a frame write', () => {
    const written: string[] = [];
    const screen = new Screen({write: (d: string) => written.push(d)}, 10, 2, {sync: true});
    expect(screen.control('\u001b]52;c;aGk=\u0007')).toBe(false);
    screen.enter();
    screen.frame('hello');
    expect(screen.control('\u001b]52;c;aGk=\u0007')).toBe(true);
    screen.frame('world');
    screen.flush();
    expect(written.filter((w) => w.includes('52;c;'))).toEqual(['\u001b]52;c;aGk=\u0007']);
    for (const w of written.filter((x) => x.includes('hello') || x.includes('world'))) expect(w).not.toContain('\u001b]');
  });
});
