// The demo's restart, scale, logs and team actions: every scenario can be played without a cluster.
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../../src/data/clock.js';
import {createDemoSource} from '../../../src/data/demo/source.js';
import type {ScenarioName} from '../../../src/data/demo/scenarios.js';
import type {ReadingByPane} from '../../../src/data/readings/types.js';
import type {ChangeNote, Progress, RunControl} from '../../../src/data/sources/types.js';

const signal = new AbortController().signal;
const note: ChangeNote = {by: 'carol', host: 'jump-3', reason: 'stuck consumers', incident: 'INC-9'};
const ref = {service: 'ingestion', region: 'us-east'};

function setup(scenario: ScenarioName = 'calm') {
  const clock = new ManualClock();
  const source = createDemoSource({scenario, seed: 1, clock});
  const drive = async <T>(p: Promise<T>): Promise<T> => {
    let settled = false;
    void p.finally(() => (settled = true));
    for (let i = 0; i < 400 && !settled; i++) {
      clock.advance(500);
      await new Promise((r) => setImmediate(r));
    }
    return p;
  };
  return {clock, source, drive};
}

function recorder(): RunControl & {events: Progress[]} {
  const events: Progress[] = [];
  return {signal, progress: (p) => events.push(p), events};
}

describe('demo service actions', () => {
  it('restart replaces every pod one by one, keeps the version, and the team sees it', async () => {
    const {source, drive} = setup();
    const before = (await source.capabilities.detail!.detail(ref, signal)).pods.map((p) => p.name);
    const run = recorder();
    const outcome = await drive(source.capabilities.restart!.restart(ref, note, run));
    expect(outcome.status).toMatchObject({done: true, desired: 3, message: 'deployment "ingestion" successfully rolled out'});
    expect(run.events.some((e) => e.kind === 'rollout' && !e.status.done)).toBe(true);
    const after = (await source.capabilities.detail!.detail(ref, signal)).pods.map((p) => p.name);
    expect(after).toHaveLength(3);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
    const history = await source.capabilities.rollback!.history(ref, signal);
    expect(history[0]).toMatchObject({revision: 3, version: history[1]!.version, active: true});
    const [action] = await source.capabilities.teamActions!.recent(signal);
    expect(action).toMatchObject({
      action: 'restart',
      by: 'carol',
      host: 'jump-3',
      incident: 'INC-9',
      reason: 'stuck consumers',
      object: 'deployment/ingestion -n atp-ingest-ns',
      region: 'us-east',
    });
    expect(source.capabilities.restart!.command(ref)).toBe('kubectl rollout restart deployment/ingestion -n atp-ingest-ns --context us-east');
  });

  it('scale changes the desired replicas up and down, shows the HPA and refuses out-of-bounds counts', async () => {
    const {source, drive} = setup();
    const scale = source.capabilities.scale!;
    const info = await scale.info(ref, signal);
    expect(info).toMatchObject({replicas: 3, hpa: {name: 'ingestion', min: 3, max: 9}, min: 0, max: 50});
    expect(scale.check(info, 12).warnings).toEqual(['HPA ingestion keeps 3..9 replicas: it will scale back down to 9']);
    const up = await drive(scale.scale(ref, 5, note, recorder()));
    expect(up).toMatchObject({from: 3, to: 5, status: {done: true, desired: 5, available: 5}});
    expect((await source.read('health', signal)).services.find((s) => s.service === 'ingestion' && s.region === 'us-east')).toMatchObject({
      podsDesired: 5,
      podsReady: 5,
    });
    const down = await drive(scale.scale(ref, 2, note, recorder()));
    expect(down.warnings).toEqual(['HPA ingestion keeps 3..9 replicas: it will scale back up to 3']);
    expect((await source.capabilities.detail!.detail(ref, signal)).pods).toHaveLength(2);
    await expect(scale.scale(ref, 51, note, recorder())).rejects.toThrow('the replica count must be between 0 and 50');
    const recent = await source.capabilities.teamActions!.recent(signal);
    expect(recent.map((a) => a.message)).toEqual([
      'carol@jump-3 via atp-cockpit: scale deployment/ingestion from 5 to 2; reason: stuck consumers; incident INC-9',
      'carol@jump-3 via atp-cockpit: scale deployment/ingestion from 3 to 5; reason: stuck consumers; incident INC-9',
    ]);
  });

  it("logs: plausible lines, a filter, follow until stopped, and a crash in a restarted pod's previous instance", async () => {
    const {clock, source} = setup();
    const logs = source.capabilities.logs!;
    const targets = await logs.targets(ref, signal);
    expect(targets).toHaveLength(3);
    const tail = logs.tail(ref, {pod: targets[0]!.pod, maxLines: 100}, signal);
    expect(await tail.done).toEqual({reason: 'eof'});
    expect(tail.lines()).toHaveLength(100);
    expect(tail.received).toBeGreaterThanOrEqual(500);
    expect(tail.dropped).toBe(tail.received - 100);
    expect(tail.lines()[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (info|dbug|warn): [\w.]+\[\d+\] \S/);

    const follow = logs.tail(ref, {pod: targets[0]!.pod, follow: true, filter: 'Outbox relay'}, signal);
    const n = follow.lines().length;
    clock.advance(20_000);
    expect(follow.lines().length).toBeGreaterThan(n);
    expect(follow.lines().every((l) => l.includes('Outbox relay'))).toBe(true);
    follow.stop();
    expect(await follow.done).toEqual({reason: 'stopped'});
    expect(clock.pendingTimers()).toBe(0);

    // some demo pods have restarted: their previous instance crashed; the others have none, as Kubernetes says
    const all = [...(await logs.targets(ref, signal)), ...(await logs.targets({service: 'gateway', region: 'us-east'}, signal))];
    const crashed = all.find((t) => t.restarts > 0);
    const healthy = targets.find((t) => t.restarts === 0)!;
    expect(crashed).toBeDefined();
    const svc = crashed!.containers[0]!;
    const previous = logs.tail({service: svc, region: 'us-east'}, {pod: crashed!.pod, previous: true}, signal);
    await previous.done;
    expect(previous.lines().join('\n')).toMatch(/force detached[\s\S]*Unhandled exception\. System\.OutOfMemoryException/);
    const none = logs.tail(ref, {pod: healthy.pod, previous: true}, signal);
    expect(await none.done).toEqual({
      reason: 'error',
      message: `logs ${healthy.pod}: previous terminated container "ingestion" in pod "${healthy.pod}" not found`,
    });
  });

  it("logs tell each scenario's story: a bad deploy's crash, a DLQ storm's SerializationException, a down region's hostless pods", async () => {
    const clock = new ManualClock();
    const bad = createDemoSource({scenario: 'bad-deploy', seed: 1, clock}).capabilities.logs!;
    const pods = await bad.targets(ref, signal);
    const current = bad.tail(ref, {pod: pods[0]!.pod}, signal);
    await current.done;
    expect(current.lines().join('\n')).toMatch(/fail: Atp\.Ingestion\.AppendHandler\[0\] Append failed[\s\S]*NullReferenceException/);
    // A bad pod that has restarted (which pods restart depends on the seed): its previous instance failed to start.
    const crashes = [];
    for (let seed = 1; seed <= 30 && crashes.length === 0; seed++) {
      const logs = createDemoSource({scenario: 'bad-deploy', seed, clock}).capabilities.logs!;
      const crashed = (await logs.targets(ref, signal)).find((p) => p.restarts > 0);
      if (crashed) crashes.push(logs.tail(ref, {pod: crashed.pod, previous: true}, signal));
    }
    expect(crashes).toHaveLength(1);
    await crashes[0]!.done;
    expect(crashes[0]!.lines().join('\n')).toMatch(/Hosting failed to start[\s\S]*Unhandled exception\. System\.InvalidOperationException/);
    const storm = createDemoSource({scenario: 'dlq-storm', seed: 1, clock}).capabilities.logs!;
    const search = {service: 'search', region: 'eu-west'};
    const tail = storm.tail(search, {pod: (await storm.targets(search, signal))[0]!.pod, filter: 'serialization'}, signal);
    await tail.done;
    expect(tail.lines().length).toBeGreaterThan(10);
    expect(tail.lines().join('\n')).toMatch(
      /dead-lettered after 10 deliveries: SerializationException\n.*System\.Runtime\.Serialization\.SerializationException: Cannot deserialize/,
    );
    const outage = createDemoSource({scenario: 'region-outage', seed: 1, clock}).capabilities.logs!;
    const down = await outage.targets(ref, signal);
    expect(await outage.tail(ref, {pod: down[0]!.pod}, signal).done).toEqual({
      reason: 'error',
      message: `logs ${down[0]!.pod}: pod ${down[0]!.pod} does not have a host assigned`,
    });
  });

  it('a rollback is a team action too', async () => {
    const {source, drive} = setup();
    await drive(source.capabilities.rollback!.rollback(ref, 1, recorder(), note));
    expect((await source.capabilities.teamActions!.recent(signal))[0]).toMatchObject({
      action: 'rollback',
      by: 'carol',
      message: 'carol@jump-3 via atp-cockpit: rollback deployment/ingestion to revision 1; reason: stuck consumers; incident INC-9',
    });
  });
});

describe('what a change heals in the demo (each scenario can be played to the end)', () => {
  const lagOf = async (source: ReturnType<typeof setup>['source'], projection = 'timeline') =>
    ((await source.read('lag', signal)) as ReadingByPane['lag']).projections.find((p) => p.projection === projection && p.region === 'us-east')!;
  const workers = {service: 'projection', region: 'us-east'};

  it('projection-stall: scaling the projection workers up ends the stall; the lag drains within minutes and stays down', async () => {
    const {source, drive, clock} = setup('projection-stall');
    expect((await lagOf(source)).lagSeconds).toBeGreaterThan(2000);
    await drive(source.capabilities.scale!.scale(workers, 4, note, recorder()));
    const lags: number[] = [];
    for (let i = 0; i < 24; i++) {
      clock.advance(5000);
      lags.push((await lagOf(source)).lagSeconds);
    }
    expect(lags.every((l, i) => i === 0 || l <= lags[i - 1]! + 1)).toBe(true);
    expect(lags.at(-1)).toBeLessThan(5);
    expect((await lagOf(source)).eventsPerSecond).toBeGreaterThan(0);
    clock.advance(10 * 60_000);
    expect((await lagOf(source)).lagSeconds).toBeLessThan(5);
  });

  it("projection-stall: a restart of the workers ends it too, draining at a quarter of the doubled workers' pace", async () => {
    const {source, drive, clock} = setup('projection-stall');
    await drive(source.capabilities.restart!.restart(workers, note, recorder()));
    const start = (await lagOf(source)).lagSeconds;
    clock.advance(60_000);
    const drained = start - (await lagOf(source)).lagSeconds;
    expect(drained).toBeGreaterThan(500);
    expect(drained).toBeLessThan(700);
  });

  it('projection-stall: a restart of another service, or scaling the workers down, does not', async () => {
    const {source, drive, clock} = setup('projection-stall');
    await drive(source.capabilities.restart!.restart({service: 'query', region: 'us-east'}, note, recorder()));
    await drive(source.capabilities.scale!.scale(workers, 1, note, recorder()));
    const start = (await lagOf(source)).lagSeconds;
    clock.advance(60_000);
    expect((await lagOf(source)).lagSeconds).toBeGreaterThan(start + 50);
  });

  it('bad-deploy: a restart keeps the bad version, so errors stay; region-outage: a restart leaves the region down', async () => {
    const bad = setup('bad-deploy');
    await bad.drive(bad.source.capabilities.restart!.restart(ref, note, recorder()));
    bad.clock.advance(60_000);
    const row = ((await bad.source.read('health', signal)) as ReadingByPane['health']).services.find(
      (s) => s.service === 'ingestion' && s.region === 'us-east',
    );
    expect(row!.errorRatio).toBeGreaterThan(0.05);
    const dark = setup('region-outage');
    void dark.source.capabilities.restart!.restart(ref, note, {signal: AbortSignal.abort(), progress: () => undefined});
    dark.clock.advance(60_000);
    const down = ((await dark.source.read('health', signal)) as ReadingByPane['health']).services.find(
      (s) => s.service === 'ingestion' && s.region === 'us-east',
    );
    expect(down!.podsReady).toBe(0);
  });
});
