// Loads the context's procedures once per session: the team's Markdown file, or the demo's own. A file that cannot be
// read leaves the procedures empty with the reason, shown in the alert view; the cockpit never stops over it.
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import type {ResolvedContext} from '../config/context.js';
import {DEMO_PROCEDURES} from './demo-procedures.js';
import {parseProcedures, type Procedure} from './parse.js';

export interface Procedures {
  readonly sections: ReadonlyMap<string, Procedure>;
  readonly urlTemplate?: string;
  /** Where they came from ("demo procedures", a path), or why there are none. */
  readonly origin: string;
  readonly error?: string;
}

/** The procedures of `context`, read synchronously (a small local file, read once). */
export function loadProcedures(runbook: ResolvedContext['runbook'], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): Procedures {
  if (runbook.demo) return {sections: parseProcedures(DEMO_PROCEDURES), origin: "the demo's procedures (our own words, from the reference runbook)"};
  const none = {sections: new Map<string, Procedure>(), urlTemplate: runbook.urlTemplate};
  if (!runbook.path) return {...none, origin: runbook.urlTemplate ? 'links only' : 'no procedures configured (set runbook.path in the context)'};
  const path = runbook.path.replace(/^~(?=\/)/, homedir());
  try {
    return {sections: parseProcedures(read(path)), urlTemplate: runbook.urlTemplate, origin: path};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {...none, origin: path, error: `cannot read runbook.path ${path}: ${code ?? (error as Error).message}`};
  }
}
