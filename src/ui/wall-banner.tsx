// The wall layout's banner: the worst firing alert, once, in words a passer-by understands ("us-east: 8 services
// down - SEV-1"), in block letters when they fit; then the runbook step and who is paged. Alerts of the same kind
// in the same place are one line here, and the strip under the banner leaves them out (bannerAlerts).
import {Text} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {fit} from '../data/text/width.js';
import {groupAlerts} from '../data/alerts/incident-summary.js';
import {bigText, bigTextCapacity} from './components/big-text.js';
import {useNow, useTheme} from './context.js';
import {duration} from './format.js';
import {severityTone} from './theme.js';

/** Lines the banner takes. */
export const WALL_BANNER_LINES = 7;

/** What each alert means to someone walking past, for one target and for several. */
const PLAIN: Readonly<Record<string, {one: (what: string, a: ActiveAlert) => string; many: (n: number) => string}>> = {
  ServiceDown: {one: (what) => `${what} down`, many: (n) => `${n} services down`},
  HighErrorRate: {one: (what, a) => `${what} failing (${a.summary})`, many: (n) => `${n} services failing requests`},
  HighLatency: {one: (what) => `${what} slow`, many: (n) => `${n} services slow`},
  ProjectionLagHigh: {one: (what) => `${what} behind`, many: (n) => `${n} read models behind`},
  DLQBacklog: {one: (what, a) => `${what}: ${a.summary}`, many: (n) => `${n} queues piling up dead letters`},
  ErrorBudgetBurn: {one: (what) => `${what} error budget burning`, many: (n) => `${n} error budgets burning`},
  RegionOutage: {one: (what) => `${what}: whole region down, fail over`, many: (n) => `${n} regions down`},
};

const regionOf = (target: string): string | undefined => (target.includes('@') ? target.slice(target.lastIndexOf('@') + 1) : undefined);
const serviceOf = (target: string): string => (target.includes('@') ? target.slice(0, target.lastIndexOf('@')) : target);

/** The worst firing alert and the firing alerts of its kind in its region (they are one story). */
export function bannerAlerts(alerts: readonly ActiveAlert[]): readonly ActiveAlert[] {
  // The strip's order (incident-summary.ts): a region outage before the ServiceDown alerts it explains.
  const worst = groupAlerts(alerts)[0]?.worst;
  if (!worst) return [];
  const region = regionOf(worst.target);
  return alerts.filter((a) => a.state === 'firing' && a.name === worst.name && regionOf(a.target) === region);
}

/** "us-east: 8 services down", "ingestion@us-east failing (28.3% errors)". */
export function plainWords(group: readonly ActiveAlert[]): string {
  const worst = group[0];
  if (!worst) return 'all clear';
  const words = PLAIN[worst.name];
  const region = regionOf(worst.target);
  if (group.length > 1) {
    const many = words ? words.many(group.length) : `${group.length}x ${worst.name}`;
    return region ? `${region}: ${many}` : many;
  }
  const what = region ? `${region}: ${serviceOf(worst.target)}` : worst.target;
  return words ? words.one(what, worst) : `${worst.name} ${worst.target}: ${worst.summary}`;
}

export function WallBanner({alerts, width}: {alerts: readonly ActiveAlert[]; width: number}) {
  const theme = useTheme();
  const now = useNow();
  const group = bannerAlerts(alerts);
  const worst = group[0];
  const tone = worst ? severityTone(worst.severity) : 'ok';
  const dash = theme.ascii ? ' - ' : ' — ';
  const sentence = worst ? `${plainWords(group)}${dash}SEV-${worst.severity}` : 'ALL CLEAR';
  const cap = bigTextCapacity(width - 2);
  const words = sentence.toUpperCase().replace(' — ', ' - ');
  const headline = words.length <= cap ? words : worst ? `SEV-${worst.severity}` : 'ALL CLEAR';
  const fired = worst?.firingSince === undefined ? 0 : now - worst.firingSince;
  const next = worst?.escalation.next ? `, then ${worst.escalation.next.who} in ${duration(worst.escalation.next.inMs)}` : '';
  const sep = theme.ascii ? ' - ' : ' · ';
  // The escalation says it in its own words: "page Primary on-call", or "no page: #atp-ops + ticket".
  const detail = worst
    ? ` ${sentence}${sep}for ${duration(fired)}${sep}runbook ${worst.runbook}${sep}${worst.escalation.now}${next}`
    : ` ${theme.symbol('ok')} no firing alerts`;
  return (
    <>
      <Text> </Text>
      {bigText(headline, width - 2, theme.ascii).map((line, i) => (
        <Text key={i} bold color={theme.tone(tone)} inverse={worst?.severity === 1}>
          {fit(` ${line}`, width)}
        </Text>
      ))}
      <Text bold color={theme.tone(tone)} wrap="truncate">
        {fit(detail, width, 'left', theme.ellipsis)}
      </Text>
    </>
  );
}
