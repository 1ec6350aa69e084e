// The header: context and environment, regions, UTC clock, worst data age, and the badges.
import {Text} from 'ink';
import type {UpdateDue} from '../actions/status-update.js';
import type {Freeze} from '../data/sources/types.js';
import {cellWidth, fit, truncate} from '../data/text/width.js';
import {useEffect} from 'react';
import {useCockpit, useNow, useTheme} from './context.js';
import {CLOCK_PLACEHOLDER} from './terminal/live-clock.js';
import {duration, utcClock} from './format.js';
import {updateDueText} from './update-due.js';

export interface HeaderProps {
  readonly width: number;
  readonly worstAgeMs?: number;
  readonly anyStale: boolean;
  /** A dialog holds some pane's data still (not stale: on purpose). */
  readonly held?: boolean;
  readonly freezes: readonly Freeze[];
  /** The next status update due, while a SEV-1 or SEV-2 fires. */
  readonly updateDue?: UpdateDue;
}

/** Lines the header needs: one, plus one per active freeze (who, when, why). */
export function headerLines(freezes: readonly Freeze[], rows: number): number {
  return 1 + Math.min(freezes.length, rows >= 30 ? 3 : 1);
}

/** An active freeze: what, who, how long ago and since when, why, and the incident. */
function freezeText(f: Freeze, now: number, ascii: boolean): string {
  const since = `${duration(now - f.at)} ago (${utcClock(f.at)})`;
  return ` ${ascii ? '*' : '❄'} ${f.kind} frozen by ${f.by} ${since}: ${f.reason}${f.incident ? ` [${f.incident}]` : ''}`;
}

/** `prod-weu (production)`; the environment once when it is the name; `demo (simulated data)` in the demo. */
export function contextLabel(name: string, environment: string, demo: boolean): string {
  if (demo) return `${name} (simulated data)`;
  return name === environment ? name : `${name} (${environment})`;
}

export function Header({width, worstAgeMs, anyStale, held = false, freezes, updateDue}: HeaderProps) {
  const theme = useTheme();
  const now = useNow();
  const {session, liveClock} = useCockpit();
  const ctx = session.context;
  const prod = /^prod/i.test(ctx.environment) || ctx.production;
  const badges: {text: string; tone?: 'crit' | 'warn' | 'info'; inverse?: boolean}[] = [];
  if (ctx.readOnly) badges.push({text: 'READ-ONLY', tone: 'warn', inverse: true});
  if (freezes.length) badges.push({text: `FROZEN: ${freezes.map((f) => f.kind).join(',')}`, tone: 'crit', inverse: true});
  // Words that explain themselves (and `?` explains them again): the oldest reading's age, whether a source went
  // stale, or whether a dialog holds the data still on purpose.
  const age = `${anyStale ? 'STALE ' : ''}data ${duration(worstAgeMs)} old${held && !anyStale ? ', held' : ''}`;
  const left = ` ATP COCKPIT `;
  const ctxText = ` ${contextLabel(ctx.name, ctx.environment, ctx.isDemo)} `;
  const regions = ctx.regions.length ? ` ${ctx.regions.join(' ')} ` : '';
  // With a live clock the screen paints the time into these blank cells, so a tick leaves the frame unchanged.
  const clock = ` ${liveClock ? CLOCK_PLACEHOLDER : utcClock(now)} `;
  const badgeText = badges.map((b) => ` ${b.text} `).join(' ');
  const base = cellWidth(left) + cellWidth(ctxText) + cellWidth(clock) + cellWidth(age) + 2 + cellWidth(badgeText);
  // The countdown to the next status update: the long words when they fit, the short ones at 80 columns.
  const due = updateDueText(updateDue);
  const dueText = due ? ` ${base + due.long.length + 2 <= width ? due.long : due.short} ` : '';
  const fixed = base + cellWidth(dueText);
  const showRegions = fixed + cellWidth(regions) <= width;
  const spare = Math.max(0, width - fixed - (showRegions ? cellWidth(regions) : 0));
  const clockCol = cellWidth(left) + cellWidth(ctxText) + (showRegions ? cellWidth(regions) : 0) + 1;
  useEffect(() => {
    liveClock?.place(clockCol);
    return () => liveClock?.place(undefined);
  }, [liveClock, clockCol]);
  return (
    <>
      <Text wrap="truncate">
        <Text bold inverse>
          {left}
        </Text>
        <Text bold color={prod ? theme.tone('crit') : theme.tone('info')} inverse={prod}>
          {ctxText}
        </Text>
        {showRegions ? <Text dimColor>{regions}</Text> : null}
        <Text>{clock}</Text>
        <Text color={anyStale ? theme.tone('crit') : undefined} bold={anyStale}>
          {` ${age} `}
        </Text>
        {dueText ? (
          <Text bold={due?.overdue} inverse={due?.overdue} color={due?.overdue ? theme.tone('crit') : undefined}>
            {dueText}
          </Text>
        ) : null}
        <Text>{' '.repeat(spare)}</Text>
        {badges.map((b, i) => (
          <Text key={b.text}>
            {i > 0 ? ' ' : ''}
            <Text bold inverse={b.inverse ?? false} color={theme.tone(b.tone)}>{` ${b.text} `}</Text>
          </Text>
        ))}
      </Text>
      {freezes.map((f) => (
        <Text key={f.kind} color={theme.tone('crit')} bold wrap="truncate">
          {fit(truncate(freezeText(f, now, theme.ascii), width, theme.ellipsis), width)}
        </Text>
      ))}
    </>
  );
}
