/**
 * Error classes that decide what a Pub/Sub handler does with a failure.
 *
 * - {@link PermanentError}: retrying cannot help (bad payload, unknown player, a date outside the
 *   data). The handler logs it with the message id and acks the message.
 * - {@link RetryableError}: a transient fault (quota, "concurrent update", network, a consolidation
 *   already running). The handler rethrows so Pub/Sub (or the local bus) redelivers.
 *
 * One rule everywhere (docs/DESIGN.md §2 "Errors"): only a named bad-input error, a
 * {@link PermanentError} with a code, is permanent; every other failure, whatever its origin
 * (a client error, a TypeError, a 403 while IAM propagates), is retried and ends in the dead-letter
 * topic if it never succeeds. Source: Cloud Functions retry guidance, "retry only transient
 * errors ... add an end condition" (https://cloud.google.com/functions/docs/bestpractices/retries;
 * docs/platform-notes.md C.2).
 */
export class PermanentError extends Error {
  /** A short machine-readable code, e.g. `BAD_PAYLOAD`, `DATE_OUTSIDE_DATA`. */
  readonly code: string;
  /** The message field the error is about (`player_lookup`, `line_ladder.0`), when there is one. */
  readonly field?: string;
  constructor(code: string, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    this.name = 'PermanentError';
    this.code = code;
    if (options?.field !== undefined) this.field = options.field;
  }
}

/** A transient failure: the caller should retry later (see {@link PermanentError}). */
export class RetryableError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
    this.code = code;
  }
}

/** True when `err` should be retried: a {@link RetryableError} or any error that is not permanent. */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof PermanentError);
}

/** The message of any thrown value, for logs. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
