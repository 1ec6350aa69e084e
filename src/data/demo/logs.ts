// The demo's container logs: what an ATP (.NET) service writes, with each scenario's story in it. A bad deploy's pods
// throw and their previous instance crashed on start; in a DLQ storm the consumers fail to deserialise; a stalled
// projection loses its locks; a region that is down has pods with no host (nothing to read). Deterministic: the same
// pod logs the same lines. One line every LINE_MS while following.
import type {Clock} from '../clock.js';
import {runbookNamespace} from '../readings/names.js';
import type {Loggable, LogRequest, ServiceRef} from '../sources/types.js';
import {LogTailBuffer} from '../text/log-tail.js';
import {sanitizeLine} from '../text/sanitize.js';
import {hash} from './random.js';
import {podRestarts} from './service-sim.js';
import type {DemoActionDeps} from './service-actions.js';
import type {DemoWorld} from './world.js';

const LINE_MS = 400;
/** History a new tail starts with (at most), as `kubectl logs` of a long-running pod would be cut by the ring. */
const HISTORY = 500;

const CLASS: Readonly<Record<string, string>> = {
  gateway: 'Atp.Gateway.ApiProxy',
  ingestion: 'Atp.Ingestion.AppendHandler',
  query: 'Atp.Query.TimelineQuery',
  projection: 'Atp.Projection.TimelineProjector',
  export: 'Atp.Export.ExportFeedConsumer',
  integrity: 'Atp.Integrity.SealWorker',
  policy: 'Atp.Policy.PolicyEvaluator',
  search: 'Atp.Search.AuditAppendedIndexer',
};

const NORMAL = [
  (c: string, n: number) => `info: ${c}[0] Appended batch tenant=t-${String(n % 97).padStart(4, '0')} events=${50 + (n % 200)} durationMs=${12 + (n % 40)}`,
  (c: string, n: number) =>
    `info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 POST /api/v1/audit - 202 - ${(20 + (n % 90)).toFixed(1)}ms`,
  (c: string, n: number) => `dbug: ${c}[0] Checkpoint committed partition=${n % 8} offset=${100_000 + n}`,
  (c: string, n: number) =>
    n % 17 === 0
      ? `warn: ${c}[0] Slow dependency target=sql latencyMs=${800 + (n % 400)}`
      : `info: ${c}[0] Outbox relay tick pending=${n % 12} relayed=${n % 40}`,
];

/** A request whose User-Agent an attacker controls: it tries to retitle the window and clear the screen (log injection). */
const HOSTILE_UA = 'curl/8.5 \u001b]0;pwned\u0007\u001b[2J\u001b[H\u202e';

/** Lines a scenario adds to a pod's line `n`, if any (an exception and its stack). */
function storyLines(world: DemoWorld, ref: ServiceRef, bad: boolean, n: number, at: number): string[] {
  const c = CLASS[ref.service] ?? `Atp.${ref.service}`;
  // In every scenario: the gateway logs what clients send, hostile or not (the log view must show it harmlessly).
  if (ref.service === 'gateway' && n % 25 === 0) return [`info: Atp.Gateway[1] 401 ua="${HOSTILE_UA}" path=/api/v1/audit`];
  for (const e of world.scenario.events) {
    if (world.start + e.atMs > at) continue;
    if (e.kind === 'deploy' && e.bad && bad && n % 3 === 0)
      return [
        `fail: ${c}[0] Append failed tenant=t-${String(n % 97).padStart(4, '0')} correlationId=${(hash(`c${n}`) >>> 0).toString(16)}`,
        'System.NullReferenceException: Object reference not set to an instance of an object.',
        `   at Atp.Ingestion.Pipeline.EnrichActor(AuditEvent evt) in /src/Atp.Ingestion/Pipeline.cs:line 88`,
        `   at ${c}.HandleAsync(AppendBatch batch, CancellationToken ct) in /src/Atp.Ingestion/AppendHandler.cs:line 141`,
      ];
    if (e.kind === 'storm' && (ref.service === 'search' || ref.service === 'export') && n % 4 === 0)
      return [
        `fail: ${c}[0] Message ${(hash(`m${n}`) >>> 0).toString(16)}-${n} dead-lettered after 10 deliveries: SerializationException`,
        'System.Runtime.Serialization.SerializationException: ' +
          "Cannot deserialize 'audit.appended.v1': unknown member 'actor.kind' (producer schema v4, consumer expects v3)",
        '   at Atp.Contracts.EnvelopeSerializer.Deserialize[T](BinaryData body) in /src/Atp.Contracts/EnvelopeSerializer.cs:line 63',
        `   at ${c}.ProcessMessageAsync(ProcessMessageEventArgs args) in /src/${c.split('.').slice(0, 2).join('.')}/Consumer.cs:line 52`,
      ];
    if (e.kind === 'stall' && ref.service === 'projection' && ref.region === e.region && n % 5 === 0)
      return [
        `warn: ${c}[0] Checkpoint for projection ${e.projection} not advanced for ${Math.round((at - world.start - e.atMs) / 1000)}s`,
        `fail: ${c}[0] Azure.Messaging.ServiceBus.ServiceBusException: The lock supplied is invalid. ` +
          'Either the lock expired, or the message has already been removed from the queue. (MessageLockLost)',
      ];
  }
  return [];
}

/** The crash a restarted container's previous instance ended with (`kubectl logs --previous`). */
function crashLines(ref: ServiceRef, bad: boolean, version: string): string[] {
  if (bad)
    return [
      `info: Microsoft.Hosting.Lifetime[0] Application started. Version ${version}`,
      'crit: Microsoft.Extensions.Hosting.Internal.Host[11] Hosting failed to start',
      `System.InvalidOperationException: Contract 'AuditEvent.v3' is not registered: ${ref.service} ${version} expects schema v4`,
      '   at Atp.Contracts.SchemaRegistry.Resolve(String contract) in /src/Atp.Contracts/SchemaRegistry.cs:line 41',
      '   at Microsoft.Extensions.Hosting.Internal.Host.StartAsync(CancellationToken cancellationToken)',
      `Unhandled exception. System.InvalidOperationException: Contract 'AuditEvent.v3' is not registered`,
    ];
  return [
    'fail: Azure.Messaging.ServiceBus[0] The link was force detached by the broker (amqp:link:detach-forced)',
    "Unhandled exception. System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.",
    `   at ${CLASS[ref.service] ?? ref.service}.HandleAsync(AppendBatch batch, CancellationToken ct)`,
  ];
}

const stamp = (at: number) => new Date(at).toISOString();

/** A pod's line `n` and what the scenario adds to it. */
function demoLines(world: DemoWorld, ref: ServiceRef, pod: string, bad: boolean, n: number, at: number): string[] {
  const c = CLASS[ref.service] ?? `Atp.${ref.service}`;
  const line = `${stamp(at)} ${NORMAL[(hash(`${pod}:${n}`) + n) % NORMAL.length]!(c, n)}`;
  return [line, ...storyLines(world, ref, bad, n, at).map((l, i) => (i === 0 ? `${stamp(at)} ${l}` : l))];
}

export function demoLogs(deps: DemoActionDeps): Loggable {
  const pods = (ref: ServiceRef) => deps.sim(ref).pods;
  return {
    async targets(ref) {
      deps.world.advance();
      return pods(ref).map((p) => ({pod: p.name, containers: [ref.service], restarts: podRestarts(deps.world.seed, p.name)}));
    },
    command: (ref, r: LogRequest) => {
      const since = r.sinceTime !== undefined ? ` --since-time=${new Date(r.sinceTime).toISOString().replace(/\.\d{3}Z$/, 'Z')}` : '';
      const flags = `${r.follow && !r.previous ? ' -f' : ''}${r.previous ? ' --previous' : ''}${since}`;
      const filter = r.filter ? ` | grep -iF -- '${r.filter.replace(/'/g, `'\\''`)}'` : '';
      return `kubectl logs ${r.pod} -n ${runbookNamespace(ref.service)} -c ${r.container ?? ref.service}${flags} --context ${ref.region}${filter}`;
    },
    tail(ref, request, signal) {
      const {clock, world} = deps;
      let timer: ReturnType<Clock['setTimeout']> | undefined;
      const tail = new LogTailBuffer(request.maxLines, request.filter, () => timer && clock.clearTimeout(timer));
      const sim = deps.sim(ref);
      const pod = sim.pods.find((p) => p.name === request.pod);
      const name = sanitizeLine(request.pod);
      if (!pod) {
        tail.end({reason: 'error', message: `logs ${name}: pods "${name}" not found`});
        return tail;
      }
      if (sim.outage) {
        tail.end({reason: 'error', message: `logs ${name}: pod ${name} does not have a host assigned`});
        return tail;
      }
      const bad = pod.revision.bad;
      const since = request.sinceTime ?? -Infinity;
      if (request.previous) {
        if (podRestarts(world.seed, pod.name) === 0) {
          tail.end({reason: 'error', message: `logs ${name}: previous terminated container "${ref.service}" in pod "${name}" not found`});
          return tail;
        }
        const start = world.now - 60_000;
        const lines = Array.from({length: 40}, (_, n) => demoLines(world, ref, pod.name, bad, n, start + n * 1_000)).flat();
        const crash = crashLines(ref, bad, pod.revision.version).map((l, i) => (i < 2 ? `${stamp(start + 41_000)} ${l}` : l));
        tail.feed([...lines, ...crash].join('\n') + '\n');
        tail.end({reason: 'eof'});
        return tail;
      }
      // History since the pod started (at most HISTORY lines), then one line every LINE_MS when following.
      let n = Math.max(0, Math.floor((world.now - pod.createdAt) / LINE_MS) - HISTORY);
      const emitUntil = (t: number) => {
        const out: string[] = [];
        for (; pod.createdAt + n * LINE_MS <= t; n++) {
          const at = pod.createdAt + n * LINE_MS;
          if (at >= since) out.push(...demoLines(world, ref, pod.name, bad, n, at));
        }
        if (out.length) tail.feed(`${out.join('\n')}\n`);
      };
      emitUntil(world.now);
      if (!request.follow) {
        tail.end({reason: 'eof'});
        return tail;
      }
      const tick = () => {
        if (signal.aborted) return tail.end({reason: 'stopped'});
        world.advance();
        emitUntil(world.now);
        timer = clock.setTimeout(tick, LINE_MS);
      };
      signal.addEventListener('abort', () => tail.stop(), {once: true});
      timer = clock.setTimeout(tick, LINE_MS);
      return tail;
    },
  };
}
