// Loads recorded-shape Log Analytics bodies from test/fixtures/azure/ as double responses.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {LogsResponse} from './shapes.js';

/** Directory holding the Azure fixtures. */
export const AZURE_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/azure/', import.meta.url));

/** Fixture names shipped with the doubles. */
export type LogsFixture = 'logs-query-success' | 'logs-query-partial' | 'logs-query-syntax-error' | 'logs-unauthorized';

const STATUS: Record<LogsFixture, number> = {
  'logs-query-success': 200,
  'logs-query-partial': 200,
  'logs-query-syntax-error': 400,
  'logs-unauthorized': 401,
};

/** A fixture body with its recorded HTTP status, ready for `logs.when(pattern, logsFixture(...))`. */
export function logsFixture(name: LogsFixture): LogsResponse {
  const body = JSON.parse(readFileSync(`${AZURE_FIXTURES_DIR}${name}.json`, 'utf8')) as LogsResponse['body'];
  return {status: STATUS[name], body};
}
