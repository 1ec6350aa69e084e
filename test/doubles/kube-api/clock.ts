// The double's wall clock: real time plus an offset that seeding and tests may shift.

/** A settable clock used for every timestamp the double writes. */
export class Clock {
  private offsetMs = 0;

  /** Current time as seen by the double. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** RFC 3339 with second precision, as metav1.Time serializes. */
  iso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** Pretends that the current time is `at` (time keeps flowing from there). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Moves the clock forward (or backward with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
