// The cockpit on a Service Bus DLQ pane (the double behind it): detail with safe text, and the replay dialog's blast
// radius naming every subscription a replay to the topic reaches.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {sampleDeadLetters} from '../doubles/servicebus/index.js';
import {KEYS, renderCockpit} from '../helpers/render-app.js';
import {FAST, startBus, type Bus} from '../data/servicebus/helpers.js';

let bus: Bus;

/** Retries a frame wait for up to `ms` (the harness's own wait gives up after about half a second). */
async function eventually(wait: () => Promise<string>, ms = 5_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await wait();
    } catch (error) {
      if (Date.now() > end) throw error;
    }
  }
}
beforeAll(async () => {
  bus = await startBus();
  bus.sb.seed({
    topics: [
      {
        name: 'audit.appended.v1',
        subscriptions: [{name: 'projection', deadLetter: sampleDeadLetters()}, {name: 'search'}, {name: 'export', active: [{body: 'x'}]}],
      },
    ],
  });
});
afterAll(async () => bus.close());

it('shows Service Bus dead letters safely and names every subscription in the replay blast radius', async () => {
  const config = {
    contexts: {
      sb: {
        panes: {health: 'demo', lag: 'demo', dlq: 'servicebus', outbox: 'demo', burn: 'demo'},
        sources: {
          demo: {kind: 'demo' as const},
          servicebus: {
            kind: 'servicebus' as const,
            caFile: bus.caFile,
            consumers: {'audit.appended.v1/Subscriptions/projection': 'projection-worker'},
            ...FAST,
          },
        },
      },
    },
  };
  const app = await renderCockpit({
    config,
    flags: {context: 'sb'},
    columns: 160,
    rows: 44,
    session: {env: {ATP_SERVICEBUS_CONNECTION_STRING: bus.sb.connectionString}},
  });
  try {
    await app.waitFor('audit.appended.v1/projection');
    await app.press('3', KEYS.enter);
    let frame = await app.waitFor('msg-hostile-1');
    expect(frame).toContain('8 dead-lettered · 0 active · consumer projection-worker');
    expect(frame).toMatch(/MaxDeliveryCountExceeded\s+2\s+Persistent handler failure → Fix code\/config, then replay/);
    expect(app.rawFrame()).not.toContain('pwned');
    await app.press(KEYS.escape, 'p');
    frame = await app.waitFor('Target: topic audit.appended.v1');
    expect(frame).toContain('reaches EVERY subscription: 3 subscriptions');
    await app.press(KEYS.enter);
    await app.waitFor('Enter continue to confirmation');
    // The dialog's key handler registers in an effect after the frame that shows it: let the app settle first.
    await app.tick(0);
    await app.press(KEYS.enter);
    // The confirmation appears once the plan is written to the journal, which can take a moment.
    frame = await eventually(() => app.waitFor('EVERY subscription receives them'));
    // The dialog wraps lines inside its frame: read its inside as one line of text.
    const dialog = frame
      .split('\n')
      .flatMap((line) => /║(.*)║/.exec(line)?.[1]?.trim() ?? [])
      .join(' ');
    // Only the reasons whose runbook action is a replay are preselected (issue 13): 2 MaxDeliveryCountExceeded, 2 SerializationException.
    expect(dialog).toContain('Blast radius 4 copies to topic audit.appended.v1: EVERY subscription receives them (3: export, projection, search)');
    expect(dialog).toMatch(/atp-admin dlq replay --consumer projection-worker --filter "reason=MaxDeliveryCountExceeded" --max-count 2 --confirm/);
    expect(dialog).toMatch(/atp-admin dlq replay --consumer projection-worker --filter "reason=SerializationException" --max-count 2 --confirm/);
    await app.press(KEYS.escape);
    // Cancelled: nothing was received, locked or sent.
    expect(bus.sb.entity('audit.appended.v1/Subscriptions/projection').deadLetter).toHaveLength(8);
    expect(bus.sb.topic('audit.appended.v1').sentCount).toBe(0);
    expect(bus.sb.entity('audit.appended.v1/Subscriptions/projection').deadLetterQueue.stats.delivered).toBe(0);
  } finally {
    app.unmount();
  }
});
