// Reading a source's custom CA file (`caFile`), the same way for every backend.
import {readFileSync} from 'node:fs';
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';

/** The PEM text of `sources.<id>.caFile`, if set; a clear config error naming the key when unreadable. */
export function readCaFile(config: ResolvedSource): string | undefined {
  const caFile = typeof config.caFile === 'string' && config.caFile.trim() ? config.caFile.trim() : undefined;
  if (!caFile) return undefined;
  try {
    return readFileSync(caFile, 'utf8');
  } catch (error) {
    throw new SourceError('config', `sources.${config.id}.caFile: cannot read ${caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
