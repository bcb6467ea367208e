/**
 * A local warehouse file that DuckDB cannot read (cut short, overwritten, not a DuckDB file at all)
 * is one sentence with the command that clears it: the file holds only the shipped data (reloaded
 * on the next run) and the batches of earlier runs; the exports stay in the bucket folder.
 */
import { dirname, join } from 'node:path';
import { shellWord } from './follow-up';

/** The warehouse cannot be read; the message is the sentence to print. */
export class WarehouseDamagedError extends Error {
  override name = 'WarehouseDamagedError';
}

/**
 * DuckDB's messages for a file it cannot read as a database (DuckDB 1.x IO errors): a file of
 * another kind or of 0 bytes, one cut short, a block whose checksum does not match.
 */
const DAMAGE_PATTERNS: readonly RegExp[] = [
  /is not a valid DuckDB database file/,
  /Could not read enough bytes from file/,
  /Corrupt database file/,
  /does not match stored checksum/,
  /The file is not a valid DuckDB database/,
];

/** True when `err`'s message is one of DuckDB's messages for a damaged database file. */
export function isWarehouseDamage(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return DAMAGE_PATTERNS.some((p) => p.test(message));
}

/**
 * The sentence for a damaged warehouse file, e.g. "the local warehouse /tmp/x/warehouse.duckdb is
 * damaged or is not a DuckDB database file: it is safe to delete (the next run loads the shipped
 * data again; the exports in /tmp/x/bucket are kept): rm -f /tmp/x/warehouse.duckdb
 * /tmp/x/warehouse.duckdb.wal".
 * @param warehouseFile absolute path of the warehouse file.
 */
export function warehouseDamagedMessage(warehouseFile: string): string {
  const bucket = join(dirname(warehouseFile), 'bucket');
  return (
    `the local warehouse ${warehouseFile} is damaged or is not a DuckDB database file: it is safe to ` +
    `delete (the next run loads the shipped data again; the exports in ${bucket} are kept): ` +
    `rm -f ${shellWord(warehouseFile)} ${shellWord(`${warehouseFile}.wal`)}`
  );
}
