/**
 * The object store port: where exports are written. Cloud Storage on Google Cloud, a folder locally.
 */

/** Metadata of a written object (DESIGN §5: JSON, UTF-8, short cache). */
export interface PutOptions {
  /** e.g. `application/json; charset=utf-8`. */
  contentType: string;
  /** e.g. `public, max-age=300`. */
  cacheControl: string;
}

/** The object store port. */
export interface ObjectStore {
  /**
   * Writes `body` (UTF-8) at `path` (e.g. `v1/tonight/all-players.json`) so readers never see a
   * partial object, and returns its URI (`gs://bucket/path` or a file path).
   */
  put(path: string, body: string, options: PutOptions): Promise<string>;
  /** Reads an object as UTF-8, or null when it does not exist. */
  get(path: string): Promise<string | null>;
  /** Paths of the objects whose path starts with `prefix` (e.g. `v1/tonight/player/`), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes an object; deleting one that does not exist is not an error. */
  delete(path: string): Promise<void>;
}
