// `J`: the recent action journal, newest first, with the chain's verification state; above it, the recent changes by
// anyone on the context's objects (read back from Kubernetes Events by the session's team poller), each with who
// and from where, this cockpit's own marked (issue 16, "Actions the whole team can see").
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {JournalEntry} from '../../actions/journal.js';
import {verifyJournal} from '../../actions/journal-verify.js';
import {fit} from '../../data/text/width.js';
import {sanitize} from '../../data/text/sanitize.js';
import type {TeamAction} from '../../data/sources/types.js';
import {useCockpit, useTheme} from '../context.js';
import {useTeamActions} from '../hooks/use-team-actions.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {listMove} from '../keys/bindings.js';
import {viewHint} from '../keys/view-keys.js';
import type {Tone} from '../theme.js';

/** Entries read for the view (newest first); older ones are in the file and `atp-cockpit journal`. */
const KEEP = 500;

/** One team action: when, what, on which service (or freeze, or object) and region, who, from where, ours or not, why. */
export function teamLine(a: TeamAction, own: boolean, sep: string): string {
  const target = a.service ? `${a.service}@${a.region}` : a.freeze ? `${a.freeze} @${a.region}` : `${a.object} @${a.region}`;
  // The incident before the reason: a narrow terminal cuts the end of the line, and the reason is the long part.
  // A freeze's object (one line each) comes last: the freeze kind already says what was frozen.
  const why = `${a.incident ? ` [${a.incident}]` : ''}${a.reason ? `${sep}reason: ${a.reason}` : ''}${a.freeze && !a.service ? `${sep}${a.object}` : ''}`;
  // Time of day only: Kubernetes keeps Events for about an hour, and the narrow terminal needs the width.
  return ` ${new Date(a.at).toISOString().slice(11, 19)}Z ${a.action.padEnd(9)} ${target} by ${a.by} from ${a.host}${own ? `${sep}this cockpit` : ''}${why}`;
}

// `fired` and `cleared` are an alert's transitions in the incident record (docs/incident-record.md).
/** One journal entry: when, sequence, phase, action and target, who, and why, incident and outcome when recorded. */
export function entryLine(e: JournalEntry): string {
  const head = ` ${e.at.slice(0, 19)}Z #${e.seq} ${e.phase.padEnd(9)} ${e.action} ${e.target} by ${e.who.user}@${e.who.host}`;
  return sanitize(`${head}${e.reason ? ` · reason: ${e.reason}` : ''}${e.incident ? ` [${e.incident}]` : ''}${e.message ? ` · ${e.message}` : ''}`);
}

const PHASE_TONE: Readonly<Record<string, Tone>> = {
  finished: 'ok',
  failed: 'crit',
  refused: 'crit',
  cancelled: 'muted',
  confirmed: 'info',
  started: 'info',
  planned: 'muted',
  fired: 'crit',
  cleared: 'ok',
};

export function JournalView({width, height, version}: {width: number; height: number; version: number}) {
  const theme = useTheme();
  const sep = theme.ascii ? ' - ' : ' · ';
  const {journal} = useCockpit();
  // `version` changes when an action finished: read the file again.
  const {entries, verdict} = useMemo(() => (void version, {entries: journal.tail(KEEP).reverse(), verdict: verifyJournal(journal.path)}), [journal, version]);
  const status = verdict.ok
    ? `${theme.symbol('ok')} chain verified (${verdict.entries} entries)`
    : verdict.missing
      ? 'no journal yet'
      : `${theme.symbol('crit')} CHAIN BROKEN${verdict.badLine ? ` at line ${verdict.badLine}` : ''}: ${verdict.problem}`;
  // The team's changes take at most a third of the view; this cockpit's own are those whose action id is in the journal.
  const team = useTeamActions();
  const ours = useMemo(() => new Set(entries.map((e) => e.actionId)), [entries]);
  const teamShown = team.slice(0, team.length ? Math.max(1, Math.floor((height - 1) / 3)) : 0);
  const teamLines = team.length ? teamShown.length + 2 : 0;
  const more = team.length > teamShown.length ? `${sep}newest ${teamShown.length} of ${team.length}` : '';
  const teamTitle = ` Team: recent changes on this context's objects (Kubernetes Events)${more}`;
  // Scrolls like every list (j/k, PgUp/PgDn, g/G, Home/End): `top` is the first entry shown.
  const body = Math.max(1, height - 1 - teamLines);
  const lastTop = Math.max(0, entries.length - body);
  const [top, setTop, topRef] = useLatestState(0);
  useKeyLayer(LAYER.view, ({name}) => {
    const next = listMove(name, Math.min(topRef.current, lastTop), lastTop + 1, body - 1);
    if (next === undefined) return false;
    setTop(next);
    return true;
  });
  const start = Math.min(top, lastTop);
  const shown = entries.slice(start, start + body);
  const range = entries.length > body ? `${sep}${start + 1}-${start + shown.length} of ${entries.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {fit(` Journal ${journal.path}${sep}${status}${range}${sep}${viewHint([['back', 'to close']])}`, width, 'left', theme.ellipsis)}
      </Text>
      {team.length ? (
        <Text bold wrap="truncate">
          {fit(teamTitle, width, 'left', theme.ellipsis)}
        </Text>
      ) : null}
      {teamShown.map((a, i) => (
        <Text key={`team-${i}`} color={theme.tone(a.id && ours.has(a.id) ? 'muted' : 'info')} wrap="truncate">
          {fit(sanitize(teamLine(a, Boolean(a.id && ours.has(a.id)), sep)), width, 'left', theme.ellipsis)}
        </Text>
      ))}
      {team.length ? (
        <Text bold wrap="truncate">
          {fit(" This cockpit's journal", width, 'left', theme.ellipsis)}
        </Text>
      ) : null}
      {entries.length === 0 ? <Text dimColor>{fit(' no actions recorded yet', width)}</Text> : null}
      {shown.map((e) => (
        <Text key={e.hash} color={theme.tone(PHASE_TONE[e.phase])} wrap="truncate">
          {fit(entryLine(e), width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
