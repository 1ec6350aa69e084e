// A loopback HTTP proxy that injects faults on demand: timeouts, 500s, garbage bodies, connection resets and
// slow-drip responses. The soak puts one in front of Prometheus and one in front of the ATP health endpoints.
import {createServer, request, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export const FAULTS = ['timeout', 'http-500', 'garbage', 'reset', 'slow-drip'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  readonly url: string;
  fault: Fault | undefined;
  /** Requests answered with a fault, by kind. */
  readonly injected: Record<Fault, number>;
  close(): Promise<void>;
}

function garbage(res: ServerResponse): void {
  const bytes = Buffer.from(Array.from({length: 300}, (_, i) => (i * 37 + 11) % 256));
  res.writeHead(200, {'content-type': 'application/json'});
  res.end(Buffer.concat([Buffer.from('{"status":"success","data":'), bytes]));
}

function slowDrip(res: ServerResponse, sockets: Set<Socket>): void {
  res.writeHead(200, {'content-type': 'application/json'});
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(' ');
  }, 400);
  res.on('close', () => clearInterval(timer));
  void sockets;
}

/** Starts a proxy to `upstream` (http://host:port) on a free loopback port. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const injected = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const state = {fault: undefined as Fault | undefined};
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const up = request(
      {hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: {...req.headers, host: target.host}},
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  };
  const server: Server = createServer((req, res) => {
    const fault = state.fault;
    if (!fault) return forward(req, res);
    injected[fault]++;
    if (fault === 'timeout') return; // never answer
    if (fault === 'http-500') {
      res.writeHead(500, {'content-type': 'text/html'});
      return res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
    }
    if (fault === 'garbage') return garbage(res);
    if (fault === 'reset') return req.socket.destroy();
    slowDrip(res, sockets);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(f) {
      state.fault = f;
      // Clearing a fault also drops the hanging and dripping connections, as a recovered backend would.
      if (!f) for (const s of sockets) s.destroy();
    },
    injected,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
