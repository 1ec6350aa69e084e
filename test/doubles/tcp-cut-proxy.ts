// A loopback TCP proxy that cuts connections at seeded random byte offsets: RST (resetAndDestroy) or FIN (end on
// both sides), in the middle of whatever chunk crosses the offset, so a cut lands mid-frame. The replay fault test
// puts it between the cockpit's Service Bus client and the Service Bus double (issue 15).
import {createServer, connect, type AddressInfo, type Server, type Socket} from 'node:net';

/** How a cut ends a connection. */
export type CutKind = 'rst' | 'fin';

/** One cut, as the proxy made it. */
export interface CutRecord {
  readonly at: number;
  readonly kind: CutKind;
  /** Which way the chunk that crossed the offset was going. */
  readonly direction: 'to-server' | 'to-client';
  /** Bytes of that chunk forwarded before the cut (0 < forwarded < chunk length when mid-chunk). */
  readonly forwarded: number;
  readonly chunk: number;
}

/** When and how the armed proxy cuts. */
export interface CutPlan {
  readonly seed: number;
  readonly cuts: number;
  /** The gap in bytes (both directions together) between cuts is drawn from [minBytes, maxBytes). */
  readonly minBytes: number;
  readonly maxBytes: number;
}

export interface CutProxy {
  readonly port: number;
  readonly cuts: readonly CutRecord[];
  /** Connections accepted so far (a reconnect shows as a new one). */
  readonly accepted: number;
  arm(plan: CutPlan): void;
  disarm(): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so a seed names one sequence of cuts. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the proxy on 127.0.0.1 in front of `upstreamPort`. */
export async function startCutProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<CutProxy> {
  const cuts: CutRecord[] = [];
  const pairs = new Set<{client: Socket; server: Socket}>();
  let accepted = 0;
  let armed: {plan: CutPlan; random: () => number; next: number; seen: number} | undefined;

  const draw = () => {
    if (!armed || cuts.length >= armed.plan.cuts) return Number.POSITIVE_INFINITY;
    const {minBytes, maxBytes} = armed.plan;
    return armed.seen + minBytes + Math.floor(armed.random() * (maxBytes - minBytes));
  };

  const cut = (pair: {client: Socket; server: Socket}, kind: CutKind) => {
    if (kind === 'rst') {
      pair.client.resetAndDestroy();
      pair.server.destroy();
    } else {
      pair.client.end();
      pair.server.end();
      // A peer that ignores the FIN must not keep the socket forever.
      setTimeout(() => {
        pair.client.destroy();
        pair.server.destroy();
      }, 2_000).unref();
    }
  };

  const pipe = (pair: {client: Socket; server: Socket}, from: Socket, to: Socket, direction: CutRecord['direction']) => {
    from.on('data', (chunk: Buffer) => {
      if (to.destroyed || !to.writable) return;
      if (!armed || armed.seen + chunk.length < armed.next) {
        if (armed) armed.seen += chunk.length;
        to.write(chunk);
        return;
      }
      const forwarded = armed.next - armed.seen;
      if (forwarded > 0) to.write(chunk.subarray(0, forwarded));
      armed.seen += chunk.length;
      const kind: CutKind = armed.random() < 0.5 ? 'rst' : 'fin';
      cuts.push({at: Date.now(), kind, direction, forwarded, chunk: chunk.length});
      armed.next = draw();
      // Let the partial chunk leave first: the peer then sees half a frame, then the cut.
      setImmediate(() => cut(pair, kind));
    });
  };

  const server: Server = createServer((client) => {
    accepted++;
    client.pause();
    const upstream = connect(upstreamPort, upstreamHost, () => client.resume());
    const pair = {client, server: upstream};
    pairs.add(pair);
    pipe(pair, client, upstream, 'to-server');
    pipe(pair, upstream, client, 'to-client');
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client
      .on('error', end)
      .on('close', end)
      .on('end', () => upstream.end());
    upstream
      .on('error', end)
      .on('close', end)
      .on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cuts,
    get accepted() {
      return accepted;
    },
    arm(plan) {
      armed = {plan, random: seeded(plan.seed), next: 0, seen: 0};
      armed.next = draw();
    },
    disarm() {
      armed = undefined;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
