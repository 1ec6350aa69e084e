// Service Bus SDK failures (AMQP ServiceBusError, admin RestError, credential errors) as plain SourceErrors.
import {describeError, SourceError, type SourceErrorKind} from '../errors.js';

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/** Removes anything that looks like a key or a signature from an error text. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(SharedAccessKey|SharedAccessSignature|AccountKey|sig)\s*=\s*[^;&\s"]+/gi, '$1=***')
    .replace(/SharedAccessSignature\s+\S+/g, 'SharedAccessSignature ***');
}

function kindOf(error: unknown): SourceErrorKind {
  const e = error as {name?: unknown; code?: unknown; statusCode?: unknown; cause?: {code?: unknown}};
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  const name = typeof e?.name === 'string' ? e.name : '';
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === 401 || status === 403 || code === 'UnauthorizedAccess' || /Credential|Authentication/.test(name)) return 'auth';
  if (name === 'AbortError' || code === 'ServiceTimeout' || code === 'ETIMEDOUT' || /timed? ?out/i.test(describeError(error))) return 'timeout';
  if (TLS_CODES.test(code)) return 'tls';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET' || code === 'ServiceCommunicationProblem')
    return 'connect';
  if (code === 'MessagingEntityNotFound' || code === 'MessageEntityNotFoundError') return 'empty';
  if (status !== undefined) return 'http';
  return 'disconnected';
}

/** core-amqp throws an AggregateError of every attempt's error once its retries are spent: the last says why. */
function lastAttempt(error: unknown): unknown {
  return error instanceof AggregateError && error.errors.length > 0 ? error.errors.at(-1) : error;
}

/** A SourceError saying what failed (`what`) and why, with any secret scrubbed. */
export function serviceBusError(what: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const last = lastAttempt(error);
  const kind = kindOf(last);
  const status = (last as {statusCode?: unknown})?.statusCode;
  const http = typeof status === 'number' && !describeError(last).includes(String(status)) ? `HTTP ${status} ` : '';
  const hint =
    kind === 'auth'
      ? ' (check the connection string or the Azure credential and its role: Azure Service Bus Data Owner)'
      : kind === 'tls'
        ? ' (a private CA? set caFile)'
        : '';
  return new SourceError(kind, scrubSecrets(`${what}: ${http}${describeError(last)}${hint}`), {cause: error});
}
