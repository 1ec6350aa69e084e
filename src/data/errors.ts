// Errors that cross the data layer, and how they read on screen.
import {sanitizeLine} from './text/sanitize.js';

/** Why a source could not produce a reading; `kind` lets a pane say it plainly. */
export type SourceErrorKind = 'http' | 'timeout' | 'connect' | 'tls' | 'auth' | 'query' | 'empty' | 'shape' | 'too-large' | 'config' | 'disconnected';

/** A failure with a plain-language message, safe to show. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    options?: {cause?: unknown},
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}

/** Refused because the cockpit (or its context) is read-only. Raised below the UI. */
export class ReadOnlyError extends Error {
  constructor(what: string) {
    super(`read-only: ${what} is refused because this cockpit is read-only`);
    this.name = 'ReadOnlyError';
  }
}

/** One line describing any thrown value, stripped of terminal control sequences. */
export function describeError(error: unknown): string {
  if (error instanceof SourceError) return sanitizeLine(error.message);
  if (error instanceof Error) {
    const code = (error as {code?: unknown}).code;
    const cause = (error as {cause?: unknown}).cause;
    const base = error.message || error.name;
    const detail = typeof code === 'string' && !base.includes(code) ? `${base} (${code})` : base;
    if (cause instanceof Error && cause.message && !detail.includes(cause.message)) {
      return sanitizeLine(`${detail}: ${cause.message}`);
    }
    return sanitizeLine(detail);
  }
  return sanitizeLine(String(error));
}
