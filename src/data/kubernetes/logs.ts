// Container logs (`kubectl logs`): GET pods/{name}/log streamed line by line into a bounded, sanitised tail. Reading,
// not an action: allowed in read-only (the guard passes GETs). Bounded in time too: the response must start within
// HEADERS_MS, a non-follow read that goes silent for IDLE_MS ends as `timeout`, and `stop()` or the caller's signal
// ends a follow.
import * as k8s from '@kubernetes/client-node';
// client-node's own fetch: the dispatcher it builds (TLS, client certificates) belongs to this undici, not Node's.
import {fetch} from 'undici';
import type {TimerHandle} from '../clock.js';
import type {Loggable, LogRequest, LogTarget, ServiceRef} from '../sources/types.js';
import {LogTailBuffer} from '../text/log-tail.js';
import {sanitizeLine} from '../text/sanitize.js';
import {shellQuote} from './helm-cli.js';
import {deploymentPods} from './health.js';
import {isRecord, nameOf, num, records, str} from './json.js';
import {deploymentTarget, type ActionDeps} from './target.js';

export const HEADERS_MS = 15_000;
export const IDLE_MS = 15_000;

/** The query kubectl sends for the same request (container, follow, previous, sinceTime). */
export function logQuery(container: string, request: LogRequest): URLSearchParams {
  const q = new URLSearchParams({container});
  if (request.follow && !request.previous) q.set('follow', 'true');
  if (request.previous) q.set('previous', 'true');
  if (request.sinceTime !== undefined) q.set('sinceTime', new Date(request.sinceTime).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  return q;
}

/** Builds the Loggable capability of the kubernetes source. */
export function kubernetesLogs(deps: ActionDeps): Loggable {
  const {clock} = deps;
  const podsOf = (ref: ServiceRef) => {
    const t = deploymentTarget(deps, ref);
    const d = t.cached();
    return {t, pods: d ? deploymentPods(d, t.region.namespace(t.namespace).pods.items()) : []};
  };
  const containerOf = (ref: ServiceRef, request: LogRequest) => {
    if (request.container) return request.container;
    const pod = podsOf(ref).pods.find((p) => nameOf(p) === request.pod);
    return str(records(pod, 'spec.containers')[0], 'name');
  };

  return {
    async targets(ref): Promise<readonly LogTarget[]> {
      return podsOf(ref).pods.map((p) => ({
        pod: sanitizeLine(nameOf(p)),
        containers: records(p, 'spec.containers').map((c) => sanitizeLine(str(c, 'name'))),
        restarts: num(records(p, 'status.containerStatuses')[0], 'restartCount'),
      }));
    },
    command(ref, request) {
      const t = deploymentTarget(deps, ref);
      const c = containerOf(ref, request);
      const since = request.sinceTime !== undefined ? ` --since-time=${new Date(request.sinceTime).toISOString().replace(/\.\d{3}Z$/, 'Z')}` : '';
      const flags = `${request.follow && !request.previous ? ' -f' : ''}${request.previous ? ' --previous' : ''}${since}`;
      const filter = request.filter ? ` | grep -iF -- ${shellQuote(request.filter)}` : '';
      return `kubectl logs ${shellQuote(request.pod)} -n ${t.namespace}${c ? ` -c ${shellQuote(c)}` : ''}${flags}${t.flags}${filter}`;
    },
    tail(ref, request, signal) {
      const t = deploymentTarget(deps, ref);
      const client = t.region.client;
      const stopper = new AbortController();
      const tail = new LogTailBuffer(request.maxLines, request.filter, () => stopper.abort());
      const container = containerOf(ref, request);
      const path = `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(request.pod)}/log`;
      const url = `${client.region.server.replace(/\/+$/, '')}${path}?${logQuery(container, request).toString()}`;
      // One controller for the whole request: the caller's signal, stop(), and a timer that only bounds the wait for
      // the response headers (a follow may then stay open as long as the caller wants).
      const abort = new AbortController();
      let why: 'headers' | 'idle' | undefined;
      const cancel = () => abort.abort();
      signal.addEventListener('abort', cancel, {once: true});
      stopper.signal.addEventListener('abort', cancel, {once: true});
      if (signal.aborted) cancel();
      let timer: TimerHandle | undefined = clock.setTimeout(() => ((why = 'headers'), cancel()), HEADERS_MS);
      const follows = request.follow === true && request.previous !== true;
      const arm = () => {
        if (timer) clock.clearTimeout(timer);
        timer = follows ? undefined : clock.setTimeout(() => ((why = 'idle'), cancel()), IDLE_MS);
      };
      const run = async () => {
        const ctx = new k8s.RequestContext(url, k8s.HttpMethod.GET);
        await client.kc.applySecurityAuthentication(ctx);
        const response = await fetch(url, {
          method: 'GET',
          headers: {...ctx.getHeaders(), 'User-Agent': 'atp-cockpit/0.1.0', Accept: '*/*'},
          signal: abort.signal,
          dispatcher: ctx.getDispatcher(),
        });
        arm();
        if (response.status !== 200 || !response.body) {
          const text = await response.text().catch(() => '');
          let message = `HTTP ${response.status}`;
          try {
            const parsed: unknown = JSON.parse(text);
            if (isRecord(parsed) && typeof parsed['message'] === 'string') message = parsed['message'];
          } catch {
            // not a Status object
          }
          return tail.end({reason: 'error', message: sanitizeLine(`logs ${request.pod}: ${message}`).slice(0, 500)});
        }
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const {done, value} = await reader.read();
          if (done) break;
          arm();
          tail.feed(decoder.decode(value, {stream: true}));
        }
        tail.feed(decoder.decode());
        tail.end({reason: 'eof'});
      };
      run()
        .catch((error: unknown) => {
          if (why === 'headers') return tail.end({reason: 'timeout', message: `no response within ${HEADERS_MS / 1000}s`});
          if (why === 'idle') return tail.end({reason: 'timeout', message: `no log data for ${IDLE_MS / 1000}s`});
          if (abort.signal.aborted) return tail.end({reason: 'stopped'});
          const e = error as {message?: string};
          tail.end({reason: 'error', message: sanitizeLine(`logs ${request.pod}: ${e?.message ?? String(error)}`).slice(0, 500)});
        })
        .finally(() => {
          if (timer) clock.clearTimeout(timer);
          signal.removeEventListener('abort', cancel);
        });
      return tail;
    },
  };
}
