// Words of the log view's title line: pod, container, follow/previous, since, filter (pure, for the view and tests).
import type {LogSnapshot} from '../../data/log-feed.js';
import type {LogRequest} from '../../data/sources/types.js';
import {sanitizeLine} from '../../data/text/sanitize.js';

/** The `t` steps: all the log, then only the last 5 minutes, 15 minutes, hour. */
export const SINCE: readonly {readonly label?: string; readonly ms?: number}[] = [
  {},
  {label: '5m', ms: 300_000},
  {label: '15m', ms: 900_000},
  {label: '1h', ms: 3_600_000},
];

/** ` · following · since 5m · filter "err"` for `request`: the state first, so it shows at 80 columns. */
export function logStatus(request: LogRequest | undefined, snapshot: LogSnapshot, scrolled: boolean, since: string | undefined): string {
  if (!request) return '';
  const mode = request.previous
    ? 'previous instance'
    : request.follow && !snapshot.end
      ? scrolled
        ? 'following (scrolled back)'
        : 'following'
      : 'not following';
  return ['', mode, ...(since ? [`since ${since}`] : []), ...(request.filter ? [`filter "${sanitizeLine(request.filter)}"`] : [])].join(' · ');
}

/** `pod X · container C · ` for `request`. */
export function logSource(request: LogRequest | undefined): string {
  if (!request) return '';
  return `pod ${sanitizeLine(request.pod)}${request.container ? ` · container ${sanitizeLine(request.container)}` : ''} · `;
}
