/**
 * Writes the JSON exports. Each document is first prepared: serialized with every number finite or
 * null (non-finite ones are logged and written as null, lib/export/finite.ts) and checked against
 * its schema as it will be written (lib/export/schemas); a document that fails is not written
 * (ExportInvalidError, permanent: see its docstring). Then it is put with its Cache-Control, UTF-8;
 * the daily exports only when the content changed, so a redelivered message or a rerun leaves the
 * bucket as it was (compared with the stored object, `generated_at` fields aside).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from '../../log';
import * as logs from '../../logs';
import type { ObjectStore } from '../../store/port';
import { toFiniteJson } from '../../export/finite';
import { JSON_CONTENT_TYPE, type ExportPath } from '../../export/paths';
import { assertExportValid, type ExportDocumentName } from '../../export/schemas';

/** What a write did. */
export interface WriteOutcome {
  path: string;
  /** False when the store already held the same content (nothing was written). */
  written: boolean;
}

/**
 * `doc` as the JSON text to write at `path`: non-finite numbers become null, each logged
 * (`non_finite_numbers`), and the result is checked against the schema of `name`.
 * @throws ExportInvalidError (a PermanentError, code EXPORT_INVALID) naming the fields that failed.
 */
export function prepareExport(log: Logger, name: ExportDocumentName, path: string, doc: unknown): string {
  const { text, replaced } = toFiniteJson(doc);
  if (replaced.length > 0) {
    log.error(`${path}: ${replaced.length} non-finite numbers written as null`, {
      event: 'non_finite_numbers',
      paths: replaced.slice(0, 20),
    });
  }
  assertExportValid(name, path, JSON.parse(text));
  return text + '\n';
}

const putOptions = (maxAge: number) => ({
  contentType: JSON_CONTENT_TYPE,
  cacheControl: `public, max-age=${maxAge}`,
});

/**
 * Puts a prepared document at `target` (always); returns the store's URI of the object.
 * @throws whatever the store throws (retryable unless it is a PermanentError).
 */
export async function putExport(store: ObjectStore, target: ExportPath, body: string): Promise<string> {
  return store.put(target.path, body, putOptions(target.maxAge));
}

/** Field names that differ between two runs by design and are ignored in the comparison. */
const VOLATILE = new Set(['generated_at']);

/** `doc` parsed back from JSON without its volatile fields. */
export function comparable(json: string): unknown {
  return JSON.parse(json, (k: string, v: unknown) => (VOLATILE.has(k) ? undefined : v));
}

/**
 * Puts a prepared document at `target` unless the stored object has the same content (apart from
 * generated_at).
 * @throws whatever the store throws (retryable unless it is a PermanentError).
 */
export async function putExportIfChanged(
  store: ObjectStore,
  target: ExportPath,
  body: string,
): Promise<WriteOutcome> {
  const existing = await store.get(target.path);
  if (existing !== null) {
    let same = false;
    try {
      same = isDeepStrictEqual(comparable(existing), comparable(body));
    } catch {
      same = false; // an unreadable object is replaced
    }
    if (same) return { path: target.path, written: false };
  }
  await store.put(target.path, body, putOptions(target.maxAge));
  return { path: target.path, written: true };
}

/**
 * A daily export (performance, best-bets): prepares `doc` as `name`, puts it at `target` unless
 * unchanged, and logs `daily_exported` with the milliseconds since `t0` (a `Date.now()`).
 * @throws PermanentError(`EXPORT_INVALID`) when the document fails its schema; whatever the store
 *   throws.
 */
export async function putDailyExport(
  store: ObjectStore,
  log: Logger,
  f: { name: 'performance' | 'best-bets'; target: ExportPath; doc: unknown; gameDate: string; t0: number },
): Promise<WriteOutcome> {
  const outcome = await putExportIfChanged(store, f.target, prepareExport(log, f.name, f.target.path, f.doc));
  logs.dailyExported(log, {
    export_type: f.name,
    game_date: f.gameDate,
    path: outcome.path,
    written: outcome.written,
    ms: Date.now() - f.t0,
  });
  return outcome;
}
