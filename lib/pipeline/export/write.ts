/**
 * Writes one JSON export: every number finite or null (non-finite ones are logged and written as
 * null, lib/export/finite.ts), UTF-8, with its Cache-Control; and only when its content changed, so
 * a redelivered message or a rerun leaves the bucket as it was (the object is compared with the
 * one in the store, `generated_at` fields aside).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from '../../log';
import type { ObjectStore } from '../../store/port';
import { toFiniteJson } from '../../export/finite';
import { JSON_CONTENT_TYPE } from '../../export/paths';

/** What a write did. */
export interface WriteOutcome {
  path: string;
  /** False when the store already held the same content (nothing was written). */
  written: boolean;
}

/** `doc` as the JSON text written: non-finite numbers become null, each logged (`non_finite_numbers`). */
function finiteBody(log: Logger, path: string, doc: unknown): string {
  const { text, replaced } = toFiniteJson(doc);
  if (replaced.length > 0) {
    log.error(`${path}: ${replaced.length} non-finite numbers written as null`, {
      event: 'non_finite_numbers',
      paths: replaced.slice(0, 20),
    });
  }
  return text + '\n';
}

/**
 * Writes `doc` at `path` (always), returns the store's URI of the object.
 * @throws whatever the store throws (retryable unless it is a PermanentError).
 */
export async function writeJson(
  store: ObjectStore,
  log: Logger,
  path: string,
  maxAge: number,
  doc: unknown,
): Promise<string> {
  return store.put(path, finiteBody(log, path, doc), {
    contentType: JSON_CONTENT_TYPE,
    cacheControl: `public, max-age=${maxAge}`,
  });
}

/** Field names that differ between two runs by design and are ignored in the comparison. */
const VOLATILE = new Set(['generated_at']);

/** `doc` parsed back from JSON without its volatile fields. */
export function comparable(json: string): unknown {
  return JSON.parse(json, (k: string, v: unknown) => (VOLATILE.has(k) ? undefined : v));
}

/**
 * Writes `doc` at `path` unless the stored object has the same content (apart from generated_at).
 * @throws whatever the store throws (retryable unless it is a PermanentError).
 */
export async function writeJsonIfChanged(
  store: ObjectStore,
  log: Logger,
  path: string,
  maxAge: number,
  doc: unknown,
): Promise<WriteOutcome> {
  const body = finiteBody(log, path, doc);
  const existing = await store.get(path);
  if (existing !== null) {
    let same = false;
    try {
      same = isDeepStrictEqual(comparable(existing), comparable(body));
    } catch {
      same = false; // an unreadable object is replaced
    }
    if (same) return { path, written: false };
  }
  await store.put(path, body, { contentType: JSON_CONTENT_TYPE, cacheControl: `public, max-age=${maxAge}` });
  return { path, written: true };
}
