// pods/log: container logs the tests write, served like the kubelet via the API server (plain text, one line per
// '\n'), with follow (held open, new lines streamed), previous, sinceTime, timestamps and tailLines.
import type {ServerResponse} from 'node:http';
import type {Clock} from './clock.js';
import {badRequest, notFound} from './errors.js';
import {resourceByName} from './resources.js';
import type {Store} from './store.js';
import {objects, str} from './types.js';

interface Line {
  readonly at: string;
  readonly text: string;
}

interface Follower {
  readonly key: string;
  readonly res: ServerResponse;
  readonly timestamps: boolean;
}

const pods = resourceByName('pods');

/** The log lines of every container, current and previous instance, plus the follow streams open on them. */
export class PodLogs {
  private readonly current = new Map<string, Line[]>();
  private readonly previous = new Map<string, Line[]>();
  private readonly followers = new Set<Follower>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Appends lines to the running container (and to open follow streams). */
  write(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    const key = `${namespace}/${pod}/${container}`;
    const list = this.current.get(key) ?? [];
    this.current.set(key, list);
    for (const text of lines) {
      const line = {at: this.clock.now().toISOString().replace('Z', '000000Z'), text};
      list.push(line);
      for (const f of this.followers) if (f.key === key) f.res.write(render(line, f.timestamps));
    }
  }

  /** The container restarted: its lines become the previous instance's, follow streams end (as the kubelet's do). */
  restart(namespace: string, pod: string, container: string): void {
    const key = `${namespace}/${pod}/${container}`;
    this.previous.set(key, this.current.get(key) ?? []);
    this.current.set(key, []);
    for (const f of [...this.followers]) if (f.key === key) this.end(f);
  }

  /** Open follow streams (tests check that none is leaked). */
  get following(): number {
    return this.followers.size;
  }

  /** Serves GET .../pods/{name}/log. */
  serve(namespace: string, name: string, query: Record<string, string>, res: ServerResponse): void {
    const pod = this.store.tryGet(pods, namespace, name);
    if (!pod) throw notFound(pods, name);
    const containers = objects(pod['spec'], 'containers').map((c) => str(c, 'name'));
    let container = query['container'] ?? '';
    if (!container) {
      if (containers.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
      container = containers[0]!;
    }
    if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
    const key = `${namespace}/${name}/${container}`;
    const previous = query['previous'] === 'true';
    const source = previous ? this.previous.get(key) : (this.current.get(key) ?? []);
    if (!source) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    const since = query['sinceTime'] ? Date.parse(query['sinceTime']) : undefined;
    if (since !== undefined && !Number.isFinite(since)) throw badRequest(`parsing time "${query['sinceTime']}" as RFC3339: cannot parse`);
    let lines = since === undefined ? source : source.filter((l) => Date.parse(l.at) >= since);
    const tail = query['tailLines'] === undefined ? -1 : Number(query['tailLines']);
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const timestamps = query['timestamps'] === 'true';
    res.writeHead(200, {'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private'});
    for (const l of lines) res.write(render(l, timestamps));
    if (query['follow'] !== 'true' || previous) return void res.end();
    const follower = {key, res, timestamps};
    this.followers.add(follower);
    res.on('close', () => this.followers.delete(follower));
  }

  /** Ends every follow stream (double shutdown). */
  close(): void {
    for (const f of [...this.followers]) this.end(f);
  }

  private end(f: Follower): void {
    this.followers.delete(f);
    f.res.end();
  }
}

function render(l: Line, timestamps: boolean): string {
  return `${timestamps ? `${l.at} ` : ''}${l.text}\n`;
}

/** True for a log request path (`pods/{name}/log`). */
export function isLogRequest(resource: string, subresource: string | undefined): boolean {
  return resource === 'pods' && subresource === 'log';
}
