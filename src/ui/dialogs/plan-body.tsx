// The description part of a confirmation (what, where, effect, command, blast radius, notes), as wrapped lines.
// When a small terminal cannot hold it all, it scrolls (PgUp/PgDn) and says so; nothing is ever cut.
import {keysOf} from '../keys/dialog-keys.js';
import {Text} from 'ink';
import type {ActionPlan} from '../../actions/types.js';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import type {Tone} from '../theme.js';
import {wrapText} from './dialog-frame.js';

const LABEL = 14;

export interface BodyLine {
  readonly label: string;
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

/** The plan as labelled, wrapped lines of a dialog `width` wide. `What` is left out when the title already says it. */
export function planLines(plan: ActionPlan, width: number, withWhat: boolean): BodyLine[] {
  const fields: {label: string; value: string; tone?: Tone; bold?: boolean}[] = [
    ...(withWhat ? [{label: 'What', value: plan.title, bold: true}] : []),
    {label: 'Where', value: plan.where, tone: 'crit' as Tone},
    {label: 'Effect', value: plan.effect},
    {label: 'Command', value: plan.command, tone: 'info' as Tone},
    {label: 'Blast radius', value: plan.blastRadius, tone: 'warn' as Tone, bold: true},
    ...(plan.notes ?? []).map((n) => ({label: 'Note', value: n, tone: 'warn' as Tone})),
  ];
  return fields.flatMap((f) => wrapText(f.value, width - 3 - LABEL).map((text, i) => ({label: i === 0 ? f.label : '', text, tone: f.tone, bold: f.bold})));
}

/** What is above and below a scrolled plan, and the key that reads on: "▲ 3 lines above · ▼ 5 more below · PgDn to read on". */
function scrollNote(top: number, below: number): string {
  const above = top > 0 ? `▲ ${top} line${top === 1 ? '' : 's'} above · ` : '';
  return ` ${above}${below > 0 ? `▼ ${below} more below · ${keysOf('read-on')} to read on` : `end of the plan · ${keysOf('read-back')} back`}`;
}

/** Lines `top`..`top + height` of the body; with a last line saying what is above and below when it scrolls. */
export function PlanBody({lines, top, height, width, whereTone}: {lines: readonly BodyLine[]; top: number; height: number; width: number; whereTone?: Tone}) {
  const theme = useTheme();
  const scrolls = lines.length > height;
  const shown = scrolls ? lines.slice(top, top + Math.max(1, height - 1)) : lines;
  const below = lines.length - top - shown.length;
  return (
    <>
      {shown.map((l, i) => (
        <Text key={i}>
          <Text dimColor>{fit(l.label ? ` ${l.label}` : '', LABEL)}</Text>
          <Text color={theme.tone(l.tone === 'crit' ? whereTone : l.tone)} bold={l.bold}>
            {fit(l.text, width - 2 - LABEL)}
          </Text>
        </Text>
      ))}
      {scrolls ? (
        <Text inverse color={theme.tone('warn')}>
          {fit(scrollNote(top, below), width - 2)}
        </Text>
      ) : null}
    </>
  );
}
