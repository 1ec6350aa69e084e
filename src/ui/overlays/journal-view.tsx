// `J`: the recent action journal, newest first, with the chain's verification state.
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {verifyJournal} from '../../actions/journal-verify.js';
import {fit} from '../../data/text/width.js';
import {sanitize} from '../../data/text/sanitize.js';
import {useCockpit, useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {listMove} from '../keys/bindings.js';
import type {Tone} from '../theme.js';

/** Entries read for the view (newest first); older ones are in the file and `atp-cockpit journal`. */
const KEEP = 500;

const PHASE_TONE: Readonly<Record<string, Tone>> = {finished: 'ok', failed: 'crit', refused: 'crit', cancelled: 'muted', confirmed: 'info', started: 'info', planned: 'muted'};

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
  // Scrolls like every list (j/k, PgUp/PgDn, g/G, Home/End): `top` is the first entry shown.
  const body = Math.max(1, height - 1);
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
        {fit(` Journal ${journal.path}${sep}${status}${range}${sep}Esc to close`, width, 'left', theme.ellipsis)}
      </Text>
      {entries.length === 0 ? <Text dimColor>{fit(' no actions recorded yet', width)}</Text> : null}
      {shown.map((e) => (
        <Text key={e.hash} color={theme.tone(PHASE_TONE[e.phase])} wrap="truncate">
          {fit(sanitize(` ${e.at.slice(0, 19)}Z #${e.seq} ${e.phase.padEnd(9)} ${e.action} ${e.target} by ${e.who.user}@${e.who.host}${e.reason ? ` · reason: ${e.reason}` : ''}${e.incident ? ` [${e.incident}]` : ''}${e.message ? ` · ${e.message}` : ''}`), width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
