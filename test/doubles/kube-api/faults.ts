// Fault injection: failing or hanging requests, dropped watch streams, compacted history.
import type {ServerResponse} from 'node:http';
import type {Store} from './store.js';
import type {RecordedRequest} from './types.js';
import type {WatchHub} from './watch.js';

/** Which requests a fault applies to (default: any request). */
export type RequestMatcher = (r: RecordedRequest) => boolean;

interface Rule {
  remaining: number;
  action: 'fail' | 'hang';
  status: number;
  match: RequestMatcher;
}

/** What the HTTP layer must do with a request that a fault rule caught. */
export interface FaultDecision {
  action: 'fail' | 'hang';
  status: number;
}

/** Test-controlled misbehaviour of the double (`double.faults`). */
export class Faults {
  private rules: Rule[] = [];
  private readonly hung = new Set<ServerResponse>();

  constructor(
    private readonly watches: WatchHub,
    private readonly store: Store,
  ) {}

  /** The next `n` matching requests get an HTTP error (500 InternalError by default). */
  failNext(n = 1, opts: {status?: number; match?: RequestMatcher} = {}): void {
    this.rules.push({remaining: n, action: 'fail', status: opts.status ?? 500, match: opts.match ?? (() => true)});
  }

  /** The next `n` matching requests never get an answer (until `releaseHung()` or close). */
  hangNext(n = 1, opts: {match?: RequestMatcher} = {}): void {
    this.rules.push({remaining: n, action: 'hang', status: 0, match: opts.match ?? (() => true)});
  }

  /** Kills every open watch stream; 'abort' destroys the sockets mid-stream, 'end' closes cleanly. */
  dropWatches(mode: 'abort' | 'end' = 'abort'): number {
    return this.watches.dropAll(mode);
  }

  /** Open watch streams go silent: the connection stays open, nothing arrives, no FIN (new watches work). */
  silenceWatches(): number {
    return this.watches.silenceAll();
  }

  /** Compacts the change history: a watch resuming from any older resourceVersion gets 410 Gone. */
  compact(): void {
    this.store.compact();
  }

  /** Destroys the connections of hung requests. */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Forgets pending rules and releases hung requests. */
  clear(): void {
    this.rules = [];
    this.releaseHung();
  }

  /** Internal: consumes a matching rule for this request, if any. */
  take(req: RecordedRequest, res: ServerResponse): FaultDecision | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(req));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    if (rule.action === 'hang') {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
    }
    return {action: rule.action, status: rule.status};
  }
}
