// A pane the context gives no source (issue 15): it says so instead of "loading…" forever, the header does not call
// the data STALE for it, and `status` does not count it as a pane that could not be read (exit 5).
import {afterEach, describe, expect, it} from 'vitest';
import {systemClock} from '../../src/data/clock.js';
import {resolveContext} from '../../src/data/config/context.js';
import {statusCode, EXIT_UNAVAILABLE} from '../../src/cli/status.js';
import {takeSnapshot} from '../../src/cli/snapshot.js';
import {renderCockpit, type AppHarness} from '../helpers/render-app.js';

// The demo serves every pane but the outbox, which this context leaves out on purpose.
const config = {
  contexts: {
    lab: {environment: 'lab', panes: {health: 'demo', lag: 'demo', dlq: 'demo', burn: 'demo'}, sources: {demo: {kind: 'demo' as const, scenario: 'calm'}}},
  },
};

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('a pane with no source', () => {
  it('says "no source configured for this pane", and the header is not STALE because of it', async () => {
    app = await renderCockpit({config, flags: {context: 'lab'}});
    await app.waitFor('ingestion@us-east');
    app.clock.advance(5_000);
    const frame = await app.waitFor('no source configured for this pane');
    expect(frame).not.toContain('loading…');
    expect(frame).not.toContain('STALE');
  });

  it('`status` lists it as unconfigured, not unreadable: exit 0 on a calm demo, not 5', async () => {
    const context = resolveContext(config, {context: 'lab'}, 'test-config.json');
    const snapshot = await takeSnapshot(context, systemClock());
    expect(snapshot.panes.outbox).toMatchObject({ok: true, unconfigured: true, sources: []});
    expect(statusCode(snapshot)).not.toBe(EXIT_UNAVAILABLE);
    expect(statusCode(snapshot)).toBe(0);
  });
});
