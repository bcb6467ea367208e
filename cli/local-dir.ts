/**
 * The local folder (NBA_LOCAL_DIR or --local-dir: the warehouse file, the bucket, the logs) must
 * be a folder this process can write. Checked once before a session opens, so a read-only or
 * misplaced folder is one sentence instead of a raw EACCES from mkdir or an IO error from DuckDB.
 */
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The local folder cannot be used; the message is the sentence to print. */
export class LocalDirError extends Error {
  override name = 'LocalDirError';
}

/** What a file-system error code means for the local folder (Node's errno codes). */
export const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable (operation not permitted)',
  EROFS: 'is on a read-only file system',
  ENOTDIR: 'lies under a file, not a folder',
  EEXIST: 'is a file, not a folder',
  ENOSPC: 'is on a full disk',
};

/**
 * The sentence for a file-system error on the local folder `dir`, or null when `err` is no
 * file-system error this module knows.
 */
export function localDirMessage(dir: string, err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code ? FS_REASONS[code] : undefined;
  if (!reason) return null;
  return (
    `the local folder ${resolve(dir)} ${reason}: nba-props keeps its warehouse, bucket and logs ` +
    `there; choose a writable folder with --local-dir <folder> (or NBA_LOCAL_DIR)`
  );
}

/**
 * Creates `dir` (and `dir/logs`) when missing and proves it writable by writing and removing a
 * probe file; an existing warehouse file must be writable too.
 * @throws LocalDirError with the sentence of {@link localDirMessage}.
 */
export function assertLocalDirWritable(dir: string): void {
  try {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    try {
      accessSync(join(dir, 'warehouse.duckdb'), constants.W_OK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  } catch (err) {
    const message = localDirMessage(dir, err);
    if (message) throw new LocalDirError(message);
    throw err;
  }
}
