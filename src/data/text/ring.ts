// A fixed-capacity line buffer: keeps the newest `capacity` lines and counts what it dropped, so a fast log stream
// costs bounded memory and the view can say how much it no longer holds.

export const DEFAULT_LOG_LINES = 10_000;

export class LineRing {
  private readonly slots: string[];
  private start = 0;
  private size = 0;
  /** Lines pushed out because the buffer was full. */
  dropped = 0;

  constructor(readonly capacity: number = DEFAULT_LOG_LINES) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring capacity must be a positive integer, not ${capacity}`);
    this.slots = new Array<string>(capacity);
  }

  push(line: string): void {
    if (this.size < this.capacity) {
      this.slots[(this.start + this.size++) % this.capacity] = line;
      return;
    }
    this.slots[this.start] = line;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
  }

  get length(): number {
    return this.size;
  }

  /** The kept lines, oldest first. */
  toArray(): string[] {
    const out = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.slots[(this.start + i) % this.capacity]!;
    return out;
  }
}
