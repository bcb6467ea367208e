/**
 * The BigQuery error classifier on the shapes the clients throw: ApiError `{code, errors:[{reason,
 * message}], message}`, a failed job's `errorResult`, Node network errors. Messages are the ones
 * BigQuery documents (https://cloud.google.com/bigquery/docs/error-messages). One rule: only named
 * bad-input errors are permanent, so every client failure is retried; the code says which kind.
 */
import { PermanentError, RetryableError } from '../../lib/errors';
import { classifyBigQueryError, isAlreadyExists, isNotFound } from '../../lib/warehouse/bigquery-errors';

const api = (code: number, reason: string, message: string) =>
  Object.assign(new Error(message), { code, errors: [{ reason, message }] });

const RETRYABLE: Array<[string, unknown, string]> = [
  [
    'rate limit (403 rateLimitExceeded)',
    api(403, 'rateLimitExceeded', 'Exceeded rate limits: too many table update operations for this table'),
    'BQ_RATE_LIMIT',
  ],
  [
    'quota (403 quotaExceeded)',
    api(403, 'quotaExceeded', 'Quota exceeded: Your project exceeded quota for concurrent queries'),
    'BQ_RATE_LIMIT',
  ],
  [
    'DML queue full',
    api(
      400,
      'invalidQuery',
      'Resources exceeded during query execution: Too many DML statements outstanding against table p:d.t, limit is 20.',
    ),
    'BQ_RATE_LIMIT',
  ],
  [
    'could not serialize (400 invalidQuery)',
    api(400, 'invalidQuery', 'Could not serialize access to table p:d.t due to concurrent update'),
    'BQ_CONCURRENT_UPDATE',
  ],
  [
    'transaction aborted',
    api(400, 'invalidQuery', 'Transaction is aborted due to concurrent update against table p:d.t.'),
    'BQ_CONCURRENT_UPDATE',
  ],
  [
    'streaming buffer (400 invalidQuery)',
    api(
      400,
      'invalidQuery',
      'UPDATE or DELETE statement over table p.d.t would affect rows in the streaming buffer, which is not supported',
    ),
    'BQ_STREAMING_BUFFER',
  ],
  [
    'backendError 500',
    api(500, 'backendError', 'Error encountered during execution. Retrying may solve the problem.'),
    'BQ_BACKEND',
  ],
  ['503 without reason', Object.assign(new Error('Service Unavailable'), { code: 503 }), 'BQ_BACKEND'],
  ['429 without reason', Object.assign(new Error('Too Many Requests'), { code: 429 }), 'BQ_RATE_LIMIT'],
  ['504 gateway timeout', Object.assign(new Error('Gateway Timeout'), { code: 504 }), 'BQ_TIMEOUT'],
  [
    'job errorResult internalError',
    {
      message: 'job failed',
      errorResult: { reason: 'internalError', message: 'An internal error occurred' },
    },
    'BQ_BACKEND',
  ],
  ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'BQ_NETWORK'],
  [
    'ETIMEDOUT',
    Object.assign(new Error('connect ETIMEDOUT 142.250.1.95:443'), { code: 'ETIMEDOUT' }),
    'BQ_TIMEOUT',
  ],
  ['query did not complete', new Error('The query did not complete before 10000ms'), 'BQ_TIMEOUT'],
];

/** Not documented as transient, retried all the same (a deploy or IAM change clears them). */
const OTHER: Array<[string, unknown, string]> = [
  [
    'syntax error',
    api(400, 'invalidQuery', 'Syntax error: Expected end of input but got keyword EXCLUDE at [1:10]'),
    'BQ_INVALID',
  ],
  ['unknown column', api(400, 'invalidQuery', 'Unrecognized name: line_value_x at [3:5]'), 'BQ_INVALID'],
  [
    'table not found',
    api(404, 'notFound', 'Not found: Table p:nba_predictions._staging_x was not found in location us-west2'),
    'BQ_NOT_FOUND',
  ],
  [
    'access denied',
    api(
      403,
      'accessDenied',
      'Access Denied: Table p:nba_predictions.prediction_batches: User does not have permission',
    ),
    'BQ_ACCESS_DENIED',
  ],
  [
    'load job: bad JSON',
    {
      message: 'job failed',
      errorResult: {
        reason: 'invalid',
        message: 'Error while reading data, error message: JSON parsing error in row starting at position 0',
      },
    },
    'BQ_INVALID',
  ],
  ['a plain TypeError', new TypeError("Cannot read properties of undefined (reading 'rows')"), 'BQ_ERROR'],
];

describe('classifyBigQueryError', () => {
  it.each(RETRYABLE)('retries %s', (_name, err, code) => {
    const out = classifyBigQueryError(err, 'query');
    expect(out).toBeInstanceOf(RetryableError);
    expect(out.code).toBe(code);
  });

  it.each(OTHER)('retries %s too, with its own code', (_name, err, code) => {
    const out = classifyBigQueryError(err, 'query');
    expect(out).toBeInstanceOf(RetryableError);
    expect(out.code).toBe(code);
  });

  it('keeps a named bad-input error permanent', () => {
    const p = new PermanentError('LOAD_NOT_FINITE', 'load: column line_key is Infinity');
    expect(classifyBigQueryError(p, 'load')).toBe(p);
  });

  it('says what failed: operation, text, reason, status, and the start of the SQL', () => {
    const out = classifyBigQueryError(
      api(400, 'invalidQuery', 'Unrecognized name: x at [1:8]'),
      'query',
      'SELECT x\n  FROM `p.d.t`   WHERE a = @a',
    );
    expect(out.message).toBe(
      'BigQuery query: Unrecognized name: x at [1:8] (reason=invalidQuery http=400) [sql: SELECT x FROM `p.d.t` WHERE a = @a]',
    );
    expect((out as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it('keeps an error that is already classified', () => {
    const r = new RetryableError('CONSOLIDATION_RUNNING', 'lease held');
    expect(classifyBigQueryError(r, 'query')).toBe(r);
  });
});

describe('isNotFound / isAlreadyExists', () => {
  it('recognises 404 notFound and 409 duplicate', () => {
    expect(isNotFound(api(404, 'notFound', 'Not found: Table p:d.t'))).toBe(true);
    expect(isNotFound({ errorResult: { reason: 'notFound', message: 'Not found: Table p:d.t' } })).toBe(true);
    expect(isNotFound(api(400, 'invalid', 'bad'))).toBe(false);
    expect(isAlreadyExists(api(409, 'duplicate', 'Already Exists: Table p:d.t'))).toBe(true);
    expect(isAlreadyExists(api(404, 'notFound', 'Not found'))).toBe(false);
  });
});
