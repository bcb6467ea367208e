/**
 * Classifies BigQuery failures. One rule everywhere (lib/errors.ts): only a named bad-input error is
 * permanent, and no BigQuery error is one (every value was validated before it reached BigQuery), so
 * every client failure is a RetryableError: the handler rethrows, Pub/Sub redelivers, and a failure
 * that never clears ends in the dead-letter topic instead of being acked and lost. A 403 while IAM
 * propagates after a deploy, or a 404 of a table Terraform is still creating, clears by itself.
 * The code says what kind of failure it was, for logs and alerts. Sources: the BigQuery error
 * reasons of https://cloud.google.com/bigquery/docs/error-messages and the DML concurrency notes of
 * https://cloud.google.com/bigquery/docs/data-manipulation-language (streaming buffer, "Could not
 * serialize access ... due to concurrent update", "Too many DML statements outstanding").
 *
 * Pure: no client import, so it is unit-tested on the error shapes the clients throw
 * (`ApiError {code, errors: [{reason, message}], message}`, job `errorResult`, Node network errors).
 */
import { PermanentError, RetryableError } from '../errors';

/** Reasons BigQuery documents as transient. `quotaExceeded` is included: most are per-minute. */
const RETRYABLE_REASONS = new Set([
  'rateLimitExceeded',
  'quotaExceeded',
  'backendError',
  'internalError',
  'jobRateLimitExceeded',
  'jobBackendError',
  'jobInternalError',
  'tableUnavailable',
  'timeout',
]);

/** HTTP statuses worth retrying: timeouts, rate limits, server errors. */
const RETRYABLE_HTTP = new Set([408, 429, 500, 502, 503, 504]);

/** Node / fetch network failures. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Message texts of transient failures, with the code each maps to (first match wins). */
const RETRYABLE_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/streaming buffer/i, 'BQ_STREAMING_BUFFER'],
  [/concurrent update|could not serialize access/i, 'BQ_CONCURRENT_UPDATE'],
  [/too many DML statements outstanding/i, 'BQ_RATE_LIMIT'],
  [/exceeded rate limits|rate limit exceeded|quota exceeded/i, 'BQ_RATE_LIMIT'],
  [/retrying the job may solve the problem|backend error|internal error encountered/i, 'BQ_BACKEND'],
  [/timed? ?out|deadline exceeded|did not complete before/i, 'BQ_TIMEOUT'],
  [/socket hang up|network|connection (reset|refused|closed)/i, 'BQ_NETWORK'],
];

/** The fields of an error this classifier reads (every field optional). */
export interface BigQueryErrorShape {
  /** HTTP status (ApiError) or a Node error code such as `ECONNRESET`. */
  code?: number | string;
  message?: string;
  /** ApiError detail: `[{reason, message}]`. */
  errors?: Array<{ reason?: string; message?: string }>;
  /** A job's `status.errorResult`. */
  errorResult?: { reason?: string; message?: string };
  name?: string;
  type?: string;
}

function shapeOf(err: unknown): BigQueryErrorShape {
  if (typeof err === 'object' && err !== null) return err;
  return { message: String(err) };
}

/** Every reason and message text carried by the error (top level, `errors[]`, `errorResult`). */
function details(e: BigQueryErrorShape): { reasons: string[]; texts: string[] } {
  const reasons: string[] = [];
  const texts: string[] = [];
  if (e.message) texts.push(e.message);
  for (const d of [...(e.errors ?? []), ...(e.errorResult ? [e.errorResult] : [])]) {
    if (d.reason) reasons.push(d.reason);
    if (d.message) texts.push(d.message);
  }
  return { reasons, texts };
}

/** Code of a failure that is not a documented transient one (still retried). */
function otherCode(reasons: string[], http: number | undefined): string {
  if (reasons.includes('notFound') || http === 404) return 'BQ_NOT_FOUND';
  if (reasons.includes('accessDenied') || http === 403) return 'BQ_ACCESS_DENIED';
  if (reasons.includes('duplicate') || http === 409) return 'BQ_DUPLICATE';
  if (reasons.some((r) => r === 'invalid' || r === 'invalidQuery') || http === 400) return 'BQ_INVALID';
  return 'BQ_ERROR';
}

/**
 * Maps any error thrown by the BigQuery client to a {@link RetryableError}. `operation` (e.g.
 * `query`, `load nba_predictions._staging_x`) and the SQL (first 300 characters) go into the
 * message so the log line says what failed.
 *
 * Codes: BQ_RATE_LIMIT, BQ_BACKEND, BQ_TIMEOUT, BQ_NETWORK, BQ_STREAMING_BUFFER,
 * BQ_CONCURRENT_UPDATE for the documented transient failures (reasons rateLimitExceeded,
 * quotaExceeded, backendError, internalError, job*Error, tableUnavailable; HTTP 408/429/5xx; network
 * codes; the messages of the streaming buffer, concurrent updates, the DML queue, timeouts), and
 * BQ_NOT_FOUND, BQ_ACCESS_DENIED, BQ_DUPLICATE, BQ_INVALID, BQ_ERROR for the rest. An error that
 * already is a RetryableError or PermanentError (a named bad input) is returned unchanged.
 */
export function classifyBigQueryError(
  err: unknown,
  operation: string,
  sql?: string,
): RetryableError | PermanentError {
  if (err instanceof RetryableError || err instanceof PermanentError) return err;
  const e = shapeOf(err);
  const { reasons, texts } = details(e);
  const http = typeof e.code === 'number' ? e.code : undefined;
  const netCode = typeof e.code === 'string' ? e.code : undefined;
  const summary = texts[0] ?? 'unknown error';
  const tags = [
    reasons.length > 0 ? `reason=${[...new Set(reasons)].join(',')}` : '',
    http !== undefined ? `http=${http}` : '',
    netCode ? `code=${netCode}` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  const where = sql ? ` [sql: ${sql.replace(/\s+/g, ' ').trim().slice(0, 300)}]` : '';
  const message = `BigQuery ${operation}: ${summary}${tags ? ` (${tags})` : ''}${where}`;

  let retryCode: string | undefined;
  if (
    reasons.some((r) => r === 'rateLimitExceeded' || r === 'quotaExceeded' || r === 'jobRateLimitExceeded')
  ) {
    retryCode = 'BQ_RATE_LIMIT';
  } else if (reasons.some((r) => RETRYABLE_REASONS.has(r))) {
    retryCode = 'BQ_BACKEND';
  } else if (http !== undefined && RETRYABLE_HTTP.has(http)) {
    retryCode = http === 429 ? 'BQ_RATE_LIMIT' : http === 408 || http === 504 ? 'BQ_TIMEOUT' : 'BQ_BACKEND';
  } else if (
    (netCode && NETWORK_CODES.has(netCode)) ||
    e.name === 'AbortError' ||
    e.type === 'request-timeout'
  ) {
    retryCode = netCode === 'ETIMEDOUT' || e.type === 'request-timeout' ? 'BQ_TIMEOUT' : 'BQ_NETWORK';
  } else {
    // Text last: BigQuery reports "Could not serialize access ... due to concurrent update" and the
    // streaming-buffer refusal as 400 invalidQuery, so the text decides when nothing above did.
    const joined = texts.join(' | ');
    retryCode = RETRYABLE_TEXT.find(([re]) => re.test(joined))?.[1];
  }
  return new RetryableError(retryCode ?? otherCode(reasons, http), message, { cause: err });
}

/** True when the error says the table (or dataset) does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = shapeOf(err);
  const { reasons, texts } = details(e);
  return reasons.includes('notFound') || e.code === 404 || texts.some((t) => /^Not found: Table/i.test(t));
}

/** True when the error says the object already exists (HTTP 409 / reason `duplicate`). */
export function isAlreadyExists(err: unknown): boolean {
  const e = shapeOf(err);
  return (
    e.code === 409 || details(e).reasons.includes('duplicate') || /already exists/i.test(e.message ?? '')
  );
}
