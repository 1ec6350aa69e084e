import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseFrame} from '../../src/ui/terminal/cells.js';
import {diffFrames, fullRepaint} from '../../src/ui/terminal/diff.js';
import {Screen} from '../../src/ui/terminal/screen.js';

const {Terminal} = xterm;

function term(cols: number, rows: number) {
  return new Terminal({cols, rows, allowProposedApi: true});
}

async function write(t: InstanceType<typeof Terminal>, data: string): Promise<void> {
  await new Promise<void>((r) => t.write(data, r));
}

/** Every cell's character and style (colour, bold, inverse), as the emulator holds it. */
function cells(t: InstanceType<typeof Terminal>): string[] {
  const out: string[] = [];
  const buffer = t.buffer.active;
  const cell = buffer.getNullCell();
  for (let y = 0; y < t.rows; y++) {
    const row = buffer.getLine(y);
    for (let x = 0; x < t.cols; x++) {
      row?.getCell(x, cell);
      const ch = cell.getChars() || ' ';
      if (ch === ' ' && cell.isAttributeDefault()) continue;
      out.push(`${x},${y}:${ch}:${cell.getFgColor()}:${cell.isBold()}:${cell.isInverse()}`);
    }
  }
  return out;
}

function text(t: InstanceType<typeof Terminal>): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.rows; i++) out.push((t.buffer.active.getLine(i)?.translateToString(true) ?? '').trimEnd());
  return out;
}

const style = fc.constantFrom('', '\u001b[31m', '\u001b[1m', '\u001b[7m', '\u001b[32;1m', '\u001b[39m', '\u001b[0m');
const glyphs = fc.constantFrom('a', 'b', ' ', '✓', '漢', '▇', '─', 'x');
const line = (width: number) => fc.array(fc.tuple(style, glyphs), {maxLength: width}).map((parts) => parts.map(([s, g]) => s + g).join(''));

describe('cell-diffing screen', () => {
  it('a diff paints the same screen as a full repaint (checked in a real terminal emulator)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line(30), {minLength: 6, maxLength: 6}), fc.array(line(30), {minLength: 6, maxLength: 6}), async (a, b) => {
        const cols = 40;
        const rows = 6;
        const prev = parseFrame(a.join('\n'), cols, rows);
        const next = parseFrame(b.join('\n'), cols, rows);
        const viaDiff = term(cols, rows);
        await write(viaDiff, fullRepaint(prev) + diffFrames(prev, next));
        const viaFull = term(cols, rows);
        await write(viaFull, fullRepaint(next));
        expect(text(viaDiff)).toEqual(text(viaFull));
        expect(cells(viaDiff)).toEqual(cells(viaFull));
        viaDiff.dispose();
        viaFull.dispose();
      }),
      {numRuns: 150},
    );
  });

  it('writes nothing when nothing changed, and only the changed cells otherwise', async () => {
    const writes: string[] = [];
    const screen = new Screen({write: (d) => writes.push(d)}, 80, 3);
    screen.enter();
    screen.frame('ingestion  3/3  0.3%\nquery      3/3  0.2%\n');
    screen.flush();
    const first = writes.length;
    screen.frame('ingestion  3/3  0.3%\nquery      3/3  0.2%\n');
    screen.flush();
    expect(writes.length).toBe(first);
    screen.frame('ingestion  3/3  0.4%\nquery      3/3  0.2%\n');
    screen.flush();
    const delta = writes[writes.length - 1]!;
    expect(delta).toContain('\u001b[?2026h');
    expect(delta).toContain('\u001b[1;19H4');
    expect(Buffer.byteLength(delta)).toBeLessThan(40);
  });
});
