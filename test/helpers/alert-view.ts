// Selecting in the alert view (`a`) as a person does: read the marked line, press j until the wanted alert is marked.
import type {AppHarness} from './render-app.js';

/** The line the alert view marks as selected (the selection marker follows the row). */
export const selectedLine = (frame: string, marker = '▶') => frame.split('\n').find((l) => l.trimStart().startsWith(marker)) ?? '';

/** Presses `j` until the selected alert line matches `re` (at most `max` times); fails with the screen otherwise. */
export async function selectAlert(a: AppHarness, re: RegExp, max = 16): Promise<string> {
  for (let i = 0; i < max; i++) {
    const line = selectedLine(a.lastFrame());
    if (re.test(line)) return line;
    await a.press('j');
  }
  throw new Error(`no alert matching ${String(re)} could be selected:\n${a.lastFrame()}`);
}
