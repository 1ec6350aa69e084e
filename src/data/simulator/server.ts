// The simulator's HTTP server: /metrics, /health/{service}/{region}/ready|live, /truth and /backfill.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Simulator} from './simulator.js';

/** The documented URL layout. */
export const SIMULATOR_ROUTES = [
  'GET /metrics                             Prometheus text exposition (prom-client)',
  'GET /health/{service}/{region}/ready     ASP.NET Core health-check JSON (200, or 503 when Unhealthy)',
  'GET /health/{service}/{region}/live      liveness JSON',
  'GET /truth                               ground truth: the demo readings and alerts right now',
  'GET /backfill?job=J&instance=I&interval=S OpenMetrics history for promtool tsdb create-blocks-from openmetrics',
];

function send(res: http.ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, {'content-type': type, 'cache-control': 'no-store'});
  res.end(body);
}

const json = (res: http.ServerResponse, code: number, value: unknown) => send(res, code, 'application/json; charset=utf-8', `${JSON.stringify(value)}\n`);

async function route(sim: Simulator, req: http.IncomingMessage, res: http.ServerResponse, self: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, {error: 'only GET'});
  if (path === '/metrics') {
    const {contentType, text} = await sim.metrics();
    return send(res, 200, contentType, text);
  }
  const probe = /^\/health\/([^/]+)\/([^/]+)\/(ready|live)$/.exec(path);
  if (probe) {
    const answer = sim.probe(decodeURIComponent(probe[1]!), decodeURIComponent(probe[2]!), probe[3] as 'ready' | 'live');
    if (answer === undefined) return json(res, 404, {error: 'no such service or region'});
    // A region with no ready pod does not answer at all: drop the connection.
    if (answer === 'down') return void req.socket.destroy();
    return json(res, answer.code, answer.body);
  }
  if (path === '/truth') return json(res, 200, sim.truth());
  if (path === '/backfill') {
    const interval = Number(url.searchParams.get('interval') ?? '15');
    const chunks = sim.backfill({
      job: url.searchParams.get('job') ?? 'atp',
      instance: url.searchParams.get('instance') ?? self,
      sloIntervalMs: Number.isFinite(interval) && interval >= 1 ? interval * 1000 : 15_000,
    });
    res.writeHead(200, {'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8'});
    for (const chunk of chunks) if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    return void res.end();
  }
  if (path === '/') return json(res, 200, {scenario: sim.options.scenario, seed: sim.options.seed, routes: SIMULATOR_ROUTES, targets: sim.targets()});
  return json(res, 404, {error: 'not found', routes: SIMULATOR_ROUTES});
}

/** Serves `sim` on host:port (port 0 picks a free one); resolves with the server and its base URL. */
export async function serveSimulator(sim: Simulator, host: string, port: number): Promise<{server: http.Server; url: string}> {
  let self = `${host}:${port}`;
  const server = http.createServer((req, res) => {
    route(sim, req, res, self).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, {error: error instanceof Error ? error.message : String(error)});
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  self = `${shown}:${address.port}`;
  return {server, url: `http://${self}`};
}
