// A loopback Slack incoming webhook: a real HTTP server on 127.0.0.1 that answers like Slack does
// (https://api.slack.com/messaging/webhooks#handling_errors): 200 "ok" for a JSON {"text"} body, 400 "invalid_payload"
// for anything else, 400 "no_text" for an empty text, 404 "no_service" for an unknown (revoked) hook path, and 429 with
// Retry-After when told to rate-limit. It records every request, so tests see exactly what was sent.
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

/** One request as the double received it. */
export interface ReceivedPost {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** The `text` field when the body was a JSON object with one. */
  readonly text?: string;
}

export interface SlackWebhookDouble {
  /** The webhook URL of the one hook the double serves (its path plays the token). */
  readonly url: string;
  readonly posts: ReceivedPost[];
  /** The next `n` posts are answered 429 with `Retry-After: seconds` (a number), or with the header as given (a string). */
  rateLimit(n: number, retryAfter: number | string): void;
  /** The hook is revoked: posts are answered 404 no_service. */
  revoke(): void;
  /** The next post gets no answer for `ms` (a slow link). */
  stall(ms: number): void;
  close(): Promise<void>;
}

const HOOK_PATH = '/services/T000DOUBLE/B000DOUBLE/xxxxxxxxxxxxxxxxxxxxxxxx';

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the double on an ephemeral port of 127.0.0.1. */
export async function startSlackWebhookDouble(): Promise<SlackWebhookDouble> {
  const posts: ReceivedPost[] = [];
  let limited = 0;
  let retryAfter: number | string = 1;
  let revoked = false;
  let stallMs = 0;
  const server: Server = createServer((req, res) => {
    void read(req).then(async (body) => {
      let text: string | undefined;
      let valid = false;
      try {
        const parsed = JSON.parse(body) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          valid = true;
          const t = (parsed as {text?: unknown}).text;
          if (typeof t === 'string') text = t;
        }
      } catch {
        valid = false;
      }
      posts.push({method: req.method ?? '', path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body, text});
      if (stallMs > 0) {
        const ms = stallMs;
        stallMs = 0;
        await new Promise((r) => setTimeout(r, ms));
      }
      const answer = (status: number, word: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, {'content-type': 'text/html', ...headers});
        res.end(word);
      };
      if (req.method !== 'POST') return answer(405, 'invalid_method');
      if (req.url !== HOOK_PATH || revoked) return answer(404, 'no_service');
      if (limited > 0) {
        limited--;
        return answer(429, 'rate_limited', {'retry-after': String(retryAfter)});
      }
      if (!valid) return answer(400, 'invalid_payload');
      if (!text) return answer(400, 'no_text');
      return answer(200, 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${HOOK_PATH}`,
    posts,
    rateLimit(n, value) {
      limited = n;
      retryAfter = value;
    },
    revoke() {
      revoked = true;
    },
    stall(ms) {
      stallMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
