// Rollback, step 1: the revision history (revision, version, time, status); the previous revision is preselected.
import {useLatestState} from '../hooks/use-latest-state.js';
import {Text} from 'ink';
import type {Revision, ServiceRef} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {useNow, useSize, useTheme} from '../context.js';
import {duration, utcStamp} from '../format.js';
import {listMove} from '../keys/bindings.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {PAGE} from './target-picker.js';
import {Blank, DialogFrame, Wrapped, dialogWidth} from './dialog-frame.js';

/** The picker's columns, header and rows from one list, so they stay aligned; 16 + 17 + 17 + 8 leave a status
 * as long as "ACTIVE (current)" whole in an 80-column dialog. */
const COLUMNS = [
  {header: 'REVISION', width: 9},
  {header: 'VERSION', width: 16},
  {header: 'DEPLOYED', width: 17},
  {header: 'AGE', width: 8},
] as const;
const HEADER = `   ${COLUMNS.map((c) => c.header.padEnd(c.width)).join(' ')} STATUS`;

/** One revision under the picker's header: number, version, when deployed and how long ago, and its status. */
function revisionText(r: Revision, now: number): string {
  const cells = [String(r.revision), r.version, r.createdAt ? utcStamp(r.createdAt) : '—', r.createdAt ? duration(now - r.createdAt) : '—'];
  return `${cells.map((text, i) => fit(text, COLUMNS[i]!.width)).join(' ')} ${r.active ? 'ACTIVE (current)' : r.status}`;
}

export function RollbackPicker({
  target,
  history,
  initial,
  onPick,
  onCancel,
}: {
  target: ServiceRef;
  history: readonly Revision[];
  initial: number;
  onPick: (r: Revision) => void;
  onCancel: () => void;
}) {
  const theme = useTheme();
  const now = useNow();
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  const [index, setIndex, indexRef] = useLatestState(initial);
  useKeyLayer(LAYER.dialog, ({name}) => {
    const moved = listMove(name, indexRef.current, history.length, PAGE);
    if (moved !== undefined) setIndex(moved);
    else if (dialogKey(name) === 'cancel') onCancel();
    else if (dialogKey(name) === 'accept') {
      const chosen = history[indexRef.current];
      if (chosen && !chosen.active) onPick(chosen);
    }
    return true;
  });
  const chosen = history[index];
  return (
    <DialogFrame
      title={`Roll back ${target.service}@${target.region}: choose a revision`}
      tone="warn"
      width={width}
      keys={dialogHint([
        ['move', 'choose'],
        ['accept', 'continue to confirmation'],
        ['cancel', 'cancel'],
      ])}
    >
      <Text bold dimColor>
        {fit(HEADER, width - 2)}
      </Text>
      {history.slice(0, 12).map((r, i) => (
        <Text key={r.revision} inverse={i === index} color={r.active ? theme.tone('info') : undefined}>
          {fit(`${i === index ? ` ${theme.selected} ` : '   '}${revisionText(r, now)}`, width - 2)}
        </Text>
      ))}
      {chosen?.active ? <Wrapped text="This is the running revision; choose an earlier one." width={width} tone="warn" /> : <Blank width={width} />}
    </DialogFrame>
  );
}
