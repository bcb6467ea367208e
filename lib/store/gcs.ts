/**
 * Cloud Storage adapter of the object store port (`@google-cloud/storage` major 7).
 *
 * - `put` uploads in one request (no resumable session for small JSON) with the content type and
 *   Cache-Control given (DESIGN §5: `application/json; charset=utf-8`, `public, max-age=300`). A GCS
 *   object becomes visible only when its upload completes, so readers never see half a file.
 * - Uploads are retried by the client even without a generation precondition: every export write
 *   replaces the object with a complete document, so repeating it is harmless.
 * - Every client failure is a RetryableError naming the object (a 403 is often IAM still
 *   propagating after a deploy, a 404 a bucket still being created); only a path this adapter
 *   refuses before any request is a PermanentError (`BAD_OBJECT_PATH`).
 */
import { IdempotencyStrategy, Storage, type Bucket } from '@google-cloud/storage';
import { PermanentError, RetryableError, errorMessage } from '../errors';
import type { ObjectStore, PutOptions } from './port';

/** Options of {@link GcsObjectStore}. */
export interface GcsObjectStoreOptions {
  /** Bucket name (no `gs://`). */
  bucket: string;
  /** Project of the client (billing of requests). */
  projectId?: string;
  /** A ready client (tests point one at a local endpoint). */
  client?: Storage;
  /** Automatic retries of a failed request (`NBA_GCS_MAX_RETRIES`); the client's default (3) when absent. */
  maxRetries?: number;
}

const NETWORK = /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|network/i;

/** Longest object name Cloud Storage accepts, bytes of UTF-8 (https://cloud.google.com/storage/docs/objects#naming). */
export const MAX_OBJECT_NAME_BYTES = 1024;

/**
 * Maps a Storage client error to a RetryableError (only named bad-input errors are permanent):
 * `GCS_TRANSIENT` for 408/429/5xx and network failures, `GCS_ACCESS_DENIED` for 401/403 (IAM
 * propagation takes minutes), `GCS_NOT_FOUND` for 404, `GCS_ERROR` otherwise. `what` says which
 * operation and object, e.g. `put gs://b/v1/tonight/all-players.json`. A PermanentError or
 * RetryableError is returned unchanged.
 */
export function classifyGcsError(err: unknown, what: string): RetryableError | PermanentError {
  if (err instanceof PermanentError || err instanceof RetryableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = `Cloud Storage ${what}: ${errorMessage(err)}${typeof code === 'number' || typeof code === 'string' ? ` (${code})` : ''}`;
  let kind = 'GCS_ERROR';
  if (code === 401 || code === 403) kind = 'GCS_ACCESS_DENIED';
  else if (code === 404) kind = 'GCS_NOT_FOUND';
  else if (
    (typeof code === 'number' && (code === 408 || code === 429 || code >= 500)) ||
    (typeof code === 'string' && NETWORK.test(code)) ||
    NETWORK.test(errorMessage(err))
  )
    kind = 'GCS_TRANSIENT';
  return new RetryableError(kind, message, { cause: err });
}

/** Object store port on a Cloud Storage bucket. */
export class GcsObjectStore implements ObjectStore {
  readonly bucketName: string;
  private readonly bucket: Bucket;

  constructor(opts: GcsObjectStoreOptions) {
    this.bucketName = opts.bucket;
    const client =
      opts.client ??
      new Storage({
        projectId: opts.projectId,
        retryOptions: {
          autoRetry: true,
          ...(opts.maxRetries === undefined ? {} : { maxRetries: opts.maxRetries }),
          idempotencyStrategy: IdempotencyStrategy.RetryAlways,
        },
      });
    this.bucket = client.bucket(opts.bucket);
  }

  private checkPath(path: string): void {
    if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
      throw new PermanentError('BAD_OBJECT_PATH', `object path "${path}" must be relative and without ".."`);
    }
    if (Buffer.byteLength(path, 'utf8') > MAX_OBJECT_NAME_BYTES) {
      throw new PermanentError(
        'BAD_OBJECT_PATH',
        `object path "${path.slice(0, 80)}..." is over ${MAX_OBJECT_NAME_BYTES} bytes`,
      );
    }
  }

  /**
   * Writes `body` (UTF-8) at `path` with `options.contentType` and `options.cacheControl`; returns
   * `gs://<bucket>/<path>`.
   * @throws PermanentError(`BAD_OBJECT_PATH`) for an absolute path, `..` or a name over 1024
   *   bytes; RetryableError from {@link classifyGcsError} for any client failure.
   */
  async put(path: string, body: string, options: PutOptions): Promise<string> {
    this.checkPath(path);
    const uri = `gs://${this.bucketName}/${path}`;
    try {
      await this.bucket.file(path).save(Buffer.from(body, 'utf8'), {
        resumable: false,
        contentType: options.contentType,
        metadata: { contentType: options.contentType, cacheControl: options.cacheControl },
      });
    } catch (err) {
      throw classifyGcsError(err, `put ${uri}`);
    }
    return uri;
  }

  /** Reads an object as UTF-8; null when it does not exist (404). */
  async get(path: string): Promise<string | null> {
    this.checkPath(path);
    try {
      const [buf] = await this.bucket.file(path).download();
      return buf.toString('utf8');
    } catch (err) {
      if ((err as { code?: unknown }).code === 404) return null;
      throw classifyGcsError(err, `get gs://${this.bucketName}/${path}`);
    }
  }

  /** Object names under `prefix`, sorted (all pages). */
  async list(prefix: string): Promise<string[]> {
    try {
      const [files] = await this.bucket.getFiles({ prefix, autoPaginate: true });
      return files.map((f) => f.name).sort();
    } catch (err) {
      throw classifyGcsError(err, `list gs://${this.bucketName}/${prefix}`);
    }
  }

  /** Deletes an object; a missing object is not an error. */
  async delete(path: string): Promise<void> {
    this.checkPath(path);
    try {
      await this.bucket.file(path).delete({ ignoreNotFound: true });
    } catch (err) {
      throw classifyGcsError(err, `delete gs://${this.bucketName}/${path}`);
    }
  }
}
