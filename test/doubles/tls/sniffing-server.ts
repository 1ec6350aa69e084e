// One loopback port that serves AMQP and HTTP, each either plain or over TLS, by sniffing first bytes.
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import {Duplex} from 'node:stream';

/** A socket handed to the AMQP side (raw TCP, or the decrypted TLS socket). */
export type AmqpSocket = net.Socket | tls.TLSSocket;

/** Options: certificate for the TLS side, AMQP acceptor and HTTP request handler. */
export interface SniffingServerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly certPem: string;
  readonly keyPem: string;
  readonly onAmqp: (socket: AmqpSocket, encrypted: boolean) => void;
  readonly onHttp: http.RequestListener;
}

/** A listening sniffing server. */
export interface SniffingServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;
const AMQP_FIRST = 0x41; // 'A' of the "AMQP" protocol header

// Node's TLS/HTTP servers read a net.Socket's handle directly, so bytes we already consumed must be
// replayed through a JS Duplex in front of the socket.
function replay(socket: net.Socket, first: Buffer): Duplex {
  const d = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _enc, cb) => void socket.write(chunk, cb),
    final: (cb) => {
      socket.end();
      cb();
    },
    destroy: (err, cb) => {
      socket.destroy();
      cb(err);
    },
  });
  d.push(first);
  socket.on('data', (c: Buffer) => {
    if (!d.push(c)) socket.pause();
  });
  socket.on('end', () => d.push(null));
  socket.on('close', () => d.destroy());
  socket.on('error', (e) => d.destroy(e));
  return d;
}

function sniff(socket: net.Socket, route: (first: Buffer) => void): void {
  socket.once('data', (first: Buffer) => {
    socket.pause();
    route(first);
  });
}

/** Starts listening (port 0 = ephemeral) and resolves once bound. */
export async function startSniffingServer(opts: SniffingServerOptions): Promise<SniffingServer> {
  const sockets = new Set<net.Socket>();
  const httpServer = http.createServer(opts.onHttp);
  const handOver = (socket: net.Socket, first: Buffer, encrypted: boolean): void => {
    if (first[0] === AMQP_FIRST) {
      socket.unshift(first);
      opts.onAmqp(socket, encrypted);
      socket.resume();
    } else {
      httpServer.emit('connection', replay(socket, first));
    }
  };
  const tlsServer = tls.createServer({cert: opts.certPem, key: opts.keyPem});
  tlsServer.on('secureConnection', (t: tls.TLSSocket) => {
    sockets.add(t);
    t.on('close', () => sockets.delete(t));
    sniff(t, (first) => handOver(t, first, true));
  });
  tlsServer.on('tlsClientError', () => {});
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    sniff(socket, (first) => {
      if (first[0] === TLS_HANDSHAKE) tlsServer.emit('connection', replay(socket, first));
      else handOver(socket, first, false);
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        httpServer.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
