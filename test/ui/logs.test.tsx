// The log view on the demo (issue 16): follow, previous, since, a typed filter, scrolling with the list keys, the
// kubectl equivalent, the ring buffer's dropped count, hostile lines made harmless, and read-only allowed.
import {afterEach, describe, expect, it} from 'vitest';
import {createDemoSource} from '../../src/data/demo/source.js';
import {isScenario} from '../../src/data/demo/scenarios.js';
import type {SourceFactory} from '../../src/data/sources/registry.js';
import type {Capabilities, Loggable, Source} from '../../src/data/sources/types.js';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** The demo with its logs changed by `wrap` (a smaller ring, a hostile line), counting tails and mutating calls. */
function demoWith(wrap: (logs: Loggable) => Loggable, calls: string[] = []): SourceFactory {
  return async (config, {clock}) => {
    const scenario = typeof config.scenario === 'string' && isScenario(config.scenario) ? config.scenario : 'calm';
    const demo = createDemoSource({scenario, seed: 1, clock});
    const c = demo.capabilities;
    const logs = wrap(c.logs!);
    const capabilities: Capabilities = {
      ...c,
      logs: {
        ...logs,
        tail: (ref, request, signal) => (calls.push(`tail ${request.pod}${request.previous ? ' previous' : ''}`), logs.tail(ref, request, signal)),
      },
      rollback: c.rollback && {...c.rollback, rollback: (...args) => (calls.push('rollback'), c.rollback!.rollback(...args))},
    };
    const source: Source = {...demo, capabilities, read: demo.read.bind(demo)};
    return source;
  };
}

const body = (frame: string) => frame.split('\n').filter((l) => /^ \d{4}-\d\d-\d\dT/.test(l));

describe('log view', () => {
  it(':logs opens a following tail with the kubectl equivalent; F stops following; the list keys scroll', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.waitFor('ingestion@us-east');
    await app.press(':', ...'logs ingestion@us-east', KEYS.enter);
    let frame = await app.waitFor(/LOGS ingestion@us-east · following\n pod ingestion-[\w-]+ · container ingestion · /);
    expect(frame).toMatch(/\$ kubectl logs ingestion-\S+ -n atp-ingest-ns -c ingestion -f --context us-east/);
    expect(frame).toMatch(/[\d,]+ lines · 0 dropped \(buffer 10,000\)/);
    expect(frame).toContain('NullReferenceException');
    const lastBefore = body(frame).at(-1);
    await app.tick(2_000);
    await app.waitUntil((f) => body(f).at(-1) !== lastBefore, 'new lines followed');
    // Scrolling back holds the view still while lines arrive; G goes back to the end and follows again.
    await app.press('k', 'k', 'k');
    frame = await app.waitFor('following (scrolled back)');
    const held = body(frame).at(-1);
    await app.tick(2_000);
    expect(body(app.lastFrame()).at(-1)).toBe(held);
    await app.press('G');
    await app.waitUntil((f) => /· following$/m.test(f) && body(f).at(-1) !== held, 'back at the end');
    await app.press('F');
    frame = await app.waitFor('not following');
    expect(frame).toMatch(/\$ kubectl logs ingestion-\S+ -n atp-ingest-ns -c ingestion --context us-east/);
    // Esc goes back to the health detail, a second Esc to the panes.
    await app.press(KEYS.escape);
    await app.waitFor('READINESS CHECKS');
  });

  it("l from the health pane; Enter picks a pod; P shows the previous instance's crash (--previous); t limits the time", async () => {
    // Seed 2: the first ingestion pod in us-east has restarted (4 times), the other two never did.
    app = await renderCockpit({flags: {demo: 'bad-deploy', seed: 2}, columns: 160});
    await app.waitFor('ingestion@us-east');
    await app.press('l');
    await app.waitFor(/LOGS \S+@\S+ · /);
    await app.press(KEYS.escape, KEYS.escape);
    await app.press(':', ...'logs ingestion@us-east', KEYS.enter);
    await app.waitFor(/LOGS ingestion@us-east · /);
    await app.press(KEYS.enter);
    let frame = await app.waitFor(/restarts \d/);
    const pods = frame.split('\n').filter((l) => /container ingestion {2}restarts/.test(l));
    expect(pods.map((l) => l.trim().split(' ').at(-1))).toEqual(['4', '0', '0']);
    await app.press(KEYS.enter, 'P');
    frame = await app.waitFor('previous instance');
    expect(frame).toMatch(/\$ kubectl logs ingestion-\S+ -n atp-ingest-ns -c ingestion --previous --context us-east/);
    expect(frame).toMatch(/Hosting failed to start/);
    expect(frame).toMatch(/Unhandled exception\. System\.InvalidOperationException: Contract 'AuditEvent\.v3' is not registered/);
    // A pod that never restarted has no previous instance, as Kubernetes says.
    await app.press(KEYS.enter, 'j', KEYS.enter);
    frame = await app.waitFor(/ended \(error\): logs ingestion-\S+: previous terminated container "ingestion" in pod/);
    expect(frame).toContain('previous instance');
    await app.press('P', 't');
    frame = await app.waitFor('since 5m');
    expect(frame).toMatch(/--since-time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(Number(/ ([\d,]+) lines · /.exec(frame)?.[1]?.replace(',', ''))).toBeLessThanOrEqual(2 * ((5 * 60) / 0.4 + 1));
  });

  it('a typed filter narrows the lines at once, Enter tails again with it (| grep -iF), Esc clears it', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 160});
    await app.waitFor('Healthy');
    await app.press(':', ...'logs search@us-east', KEYS.enter);
    await app.waitFor(/LOGS search@us-east · /);
    await app.press('/', ...'serializationexception');
    let frame = await app.waitFor('/serializationexception▏');
    expect(frame).toMatch(/\d+ lines match/);
    await app.press(KEYS.enter);
    frame = await app.waitFor('filter "serializationexception"');
    expect(frame).toContain("| grep -iF -- 'serializationexception'");
    const lines = body(frame);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.toLowerCase()).toContain('serializationexception');
    await app.press(KEYS.escape);
    frame = await app.waitUntil((f) => !f.includes('filter "') && f.includes('LOGS search@us-east'), 'filter cleared');
    expect(body(frame).some((l) => !l.toLowerCase().includes('serialization'))).toBe(true);
  });

  it('the ring buffer bounds memory, and the view says how many lines it dropped', async () => {
    app = await renderCockpit({
      flags: {demo: 'calm'},
      session: {createSource: demoWith((l) => ({...l, tail: (ref, r, s) => l.tail(ref, {...r, maxLines: 100}, s)}))},
    });
    await app.waitFor('ingestion@us-east');
    await app.press(':', ...'logs ingestion@us-east', KEYS.enter);
    let frame = await app.waitFor(/100 lines · 4\d\d dropped \(buffer 100\)/);
    await app.tick(4_000);
    const before = Number(/100 lines · (\d+) dropped/.exec(frame)![1]);
    frame = await app.waitUntil((f) => Number(/100 lines · (\d+) dropped \(buffer 100\)/.exec(f)?.[1]) > before, 'more dropped');
    expect(body(frame)).toHaveLength(Math.min(100, body(frame).length));
  });

  it('a hostile log line cannot retitle the window, clear the screen or move the cursor', async () => {
    const evil = 'pwned \u001b]0;HACKED TITLE\u0007 \u001b[2J\u001b[H \u009b31m \u202egnp.exe \u001bP+q\u001b\\ end';
    const factory = demoWith((l) => ({
      ...l,
      tail: (ref, r, s) => {
        const tail = l.tail(ref, r, s);
        (tail as unknown as {feed(text: string): void}).feed(`2026-12-06T03:00:00.000Z fail: ${evil}\n`);
        return tail;
      },
    }));
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: factory}});
    await app.waitFor('ingestion@us-east');
    await app.press(':', ...'logs ingestion@us-east', KEYS.enter);
    const frame = await app.waitFor('fail: pwned');
    const raw = app.rawFrame();
    expect(raw).not.toContain('\u001b]');
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u001bP');
    expect(raw).not.toContain('\u009b');
    expect(raw).not.toContain('\u202e');
    expect(frame).toMatch(/fail: pwned .* end/);
  });

  it('works read-only: logs are reading, not an action', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, session: {createSource: demoWith((l) => l, calls)}});
    await app.waitFor('READ-ONLY');
    await app.press(':', ...'logs ingestion@us-east', KEYS.enter);
    const frame = await app.waitFor(/LOGS ingestion@us-east · following\n pod ingestion-[\w-]+ · container ingestion · /);
    expect(frame).not.toContain('This cockpit is read-only');
    expect(body(frame).length).toBeGreaterThan(5);
    expect(calls.filter((c) => c.startsWith('tail'))).toHaveLength(1);
    expect(calls.filter((c) => !c.startsWith('tail'))).toEqual([]);
  });
});
