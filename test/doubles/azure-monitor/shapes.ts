// Log Analytics query API response shapes (v1 /query and /$batch) and builders for tests.

/** Kusto column types as the API names them. */
export type KustoType = 'bool' | 'datetime' | 'dynamic' | 'int' | 'long' | 'real' | 'string' | 'guid' | 'timespan' | 'decimal';

/** One result table as the API returns it (dynamic cells are JSON strings, datetimes ISO strings). */
export interface LogsTableShape {
  name: string;
  columns: Array<{name: string; type: KustoType}>;
  rows: unknown[][];
}

/** The API's error object (top-level `error` of failures and partial results). */
export interface LogsErrorShape {
  code: string;
  message: string;
  correlationId?: string;
  details?: Array<{code: string; message: string; innererror?: unknown; target?: string}>;
  innererror?: unknown;
}

/** HTTP status + JSON body the double sends for one query. */
export interface LogsResponse {
  status: number;
  body: {tables?: LogsTableShape[]; error?: LogsErrorShape; statistics?: unknown; render?: unknown};
}

/** A table from column specs and rows; objects in `dynamic` columns are JSON-encoded like the API does. */
export function table(name: string, columns: Array<[string, KustoType]>, rows: unknown[][]): LogsTableShape {
  const dyn = columns.map(([, t]) => t === 'dynamic');
  return {
    name,
    columns: columns.map(([n, type]) => ({name: n, type})),
    rows: rows.map((r) => r.map((cell, i) => (dyn[i] && cell !== null && typeof cell === 'object' ? JSON.stringify(cell) : cell))),
  };
}

/** 200 with tables: the SDK returns `status: "Success"`. */
export function success(...tables: LogsTableShape[]): LogsResponse {
  return {status: 200, body: {tables}};
}

/** 200 with tables *and* a `PartialError`: the SDK returns `status: "PartialFailure"`. */
export function partial(
  tables: LogsTableShape[],
  innerMessage = 'Query result set has exceeded the internal data size limit 64000000 (E_QUERY_RESULT_SET_TOO_LARGE)',
): LogsResponse {
  return {
    status: 200,
    body: {
      tables,
      error: {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [
          {
            code: 'EngineError',
            message: 'Something went wrong processing your query on the server.',
            innererror: {code: '-2133196797', message: innerMessage, severity: 2, severityName: 'Error'},
          },
        ],
      },
    },
  };
}

/** A failed query (the SDK throws a RestError with this status/code). */
export function failure(status: number, code: string, message: string, innererror?: unknown): LogsResponse {
  const error: LogsErrorShape = {code, message, correlationId: '00000000-0000-0000-0000-000000000000'};
  if (innererror !== undefined) error.innererror = innererror;
  return {status, body: {error}};
}

/** The 400 the API returns for KQL it cannot parse. */
export function syntaxError(token: string): LogsResponse {
  return failure(400, 'BadArgumentError', 'The request had some invalid properties', {
    code: 'SyntaxError',
    message: 'A recognition error occurred in the query.',
    innererror: {code: 'SYN0002', message: `Query could not be parsed at '${token}' on line [1,0]`, line: 1, pos: 0, token},
  });
}
