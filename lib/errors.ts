/**
 * Error classes that decide what a Pub/Sub handler does with a failure.
 *
 * - {@link PermanentError}: retrying cannot help (bad payload, unknown player, a date outside the
 *   data). The handler logs it with the message id and acks the message.
 * - {@link RetryableError}: a transient fault (quota, "concurrent update", network, a consolidation
 *   already running). The handler rethrows so Pub/Sub (or the local bus) redelivers.
 *
 * Source: docs/platform-notes.md C.2 and B.5 rule 4 (retry only transient errors).
 */
export class PermanentError extends Error {
  /** A short machine-readable code, e.g. `BAD_PAYLOAD`, `DATE_OUTSIDE_DATA`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
    this.code = code;
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
