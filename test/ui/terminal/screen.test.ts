import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseFrame} from '../../../src/ui/terminal/cells.js';
import {diffFrames, fullRepaint} from '../../../src/ui/terminal/diff.js';
import {Screen, withOverlay} from '../../../src/ui/terminal/screen.js';
import {LiveClock} from '../../../src/ui/terminal/live-clock.js';
import {ManualClock} from '../../../src/data/clock.js';

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

  it('paints the overlay over the frame, keeping the style under it, and a tick costs only the changed cells', async () => {
    const writes: string[] = [];
    const screen = new Screen({write: (d) => writes.push(d)}, 40, 2);
    screen.enter();
    screen.frame(' HEAD \u001b[1m         \u001b[22m tail\nbody');
    screen.setOverlay({row: 0, col: 6, text: '12:00:01Z'});
    screen.flush();
    const shown = term(40, 2);
    await write(shown, writes.join(''));
    expect(text(shown)[0]).toBe(' HEAD 12:00:01Z tail');
    expect(
      cells(shown)
        .filter((c) => c.startsWith('6,0:') || c.startsWith('16,0:'))
        .map((c) => c.split(':').at(-2) !== '0'),
    ).toEqual([true, false]);
    const before = writes.length;
    screen.setOverlay({row: 0, col: 6, text: '12:00:02Z'});
    expect(writes.length).toBe(before + 1);
    expect(writes.at(-1)).toContain('\u001b[1;14H');
    expect(Buffer.byteLength(writes.at(-1)!)).toBeLessThan(40);
    await write(shown, writes.at(-1)!);
    expect(text(shown)[0]).toBe(' HEAD 12:00:02Z tail');
    // A new frame from Ink keeps the overlay; the same time again writes nothing.
    screen.frame(' HEAD \u001b[1m         \u001b[22m tail\nbody 2');
    screen.flush();
    await write(shown, writes.at(-1)!);
    expect(text(shown)).toEqual([' HEAD 12:00:02Z tail', 'body 2']);
    const after = writes.length;
    screen.setOverlay({row: 0, col: 6, text: '12:00:02Z'});
    expect(writes.length).toBe(after);
    shown.dispose();
  });

  it('an overlay that would cut a wide character or run off the edge leaves the frame as drawn', () => {
    const frame = parseFrame('ab漢cd\nxy', 8, 2);
    expect(withOverlay(frame, {row: 0, col: 1, text: 'QQ'})).toBe(frame);
    expect(withOverlay(frame, {row: 0, col: 3, text: 'Q'})).toBe(frame);
    expect(withOverlay(frame, {row: 0, col: 5, text: 'QQQQ'})).toBe(frame);
    expect(withOverlay(frame, {row: 5, col: 0, text: 'Q'})).toBe(frame);
    expect(withOverlay(frame, {row: 0, col: 4, text: 'QQ'})[0]!.chars.join('')).toBe('ab漢QQ  ');
    expect(frame[0]!.chars.join('')).toBe('ab漢cd  ');
  });

  it('the live clock paints the time on whole seconds where the header put it, and nothing once it is gone', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 3, 12, 4, 500));
    const painted: (string | undefined)[] = [];
    const live = new LiveClock(clock, (o) => painted.push(o && `${o.row},${o.col}:${o.text}`));
    live.start();
    live.place(20);
    expect(painted).toEqual(['0,20:03:12:04Z']);
    clock.advance(499);
    expect(painted).toHaveLength(1);
    clock.advance(1);
    clock.advance(1000);
    expect(painted).toEqual(['0,20:03:12:04Z', '0,20:03:12:05Z', '0,20:03:12:06Z']);
    live.place(undefined);
    expect(painted.at(-1)).toBeUndefined();
    live.stop();
    clock.advance(5000);
    expect(painted).toHaveLength(4);
  });

  it('a redraw request and a resize that ends at the same size repaint at once, without waiting for a frame', () => {
    const writes: string[] = [];
    const screen = new Screen({write: (d) => writes.push(d)}, 20, 2);
    screen.enter();
    screen.frame('one\ntwo');
    screen.flush();
    const full = writes.at(-1)!;
    screen.invalidate();
    expect(writes.at(-1)).toBe(full);
    screen.hold();
    screen.resize(20, 2);
    expect(writes.at(-1)).toBe(full);
    expect(writes).toHaveLength(4);
    // A new size waits for Ink's frame at that size.
    screen.hold();
    screen.resize(30, 2);
    expect(writes).toHaveLength(4);
  });
});
