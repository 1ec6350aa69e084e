// The wall layout's banner: the worst firing alert in block letters (or ALL CLEAR), then its details.
import {Text} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {fit} from '../data/text/width.js';
import {alertText} from './alerts-strip.js';
import {bigText, bigTextCapacity} from './components/big-text.js';
import {useNow, useTheme} from './context.js';
import {duration} from './format.js';
import {severityTone} from './theme.js';

/** Lines the banner takes. */
export const WALL_BANNER_LINES = 7;

export function WallBanner({alerts, width}: {alerts: readonly ActiveAlert[]; width: number}) {
  const theme = useTheme();
  const now = useNow();
  const worst = alerts.find((a) => a.state === 'firing');
  const firing = alerts.filter((a) => a.state === 'firing').length;
  const tone = worst ? severityTone(worst.severity) : 'ok';
  const cap = bigTextCapacity(width);
  const headline = worst ? (`SEV-${worst.severity} ${worst.name}`.length <= cap ? `SEV-${worst.severity} ${worst.name}` : `SEV-${worst.severity}`) : 'ALL CLEAR';
  const detail = worst
    ? ` ${alertText(worst, now, theme.ascii ? '!!' : '‼')}${firing > 1 ? ` · +${firing - 1} more firing` : ''}`
    : ` ${theme.symbol('ok')} no firing alerts · ${duration(0)} `;
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
