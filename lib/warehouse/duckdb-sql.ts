/**
 * The shared SQL as DuckDB runs it (table tokens rendered `"dataset"."table"`, `@param` as
 * `$param`), the column types of the owned tables in DuckDB, and how a DuckDB error is classified.
 * Pure: no connection.
 */
import { PermanentError, RetryableError } from '../errors';
import type { Column } from './schema';
import { renderTables, type PhysicalTable } from './tables';

/** DuckDB type of each schema column type (BigQuery's names in lib/warehouse/schema.ts). */
export const DUCK_TYPES: Record<Column['type'], string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};

/** A named parameter of the shared SQL. */
const PARAM = /@([A-Za-z_][A-Za-z0-9_]*)/g;

/** Renders a table for DuckDB: `"dataset"."table"`. */
export function duckIdent(t: PhysicalTable): string {
  return `"${t.dataset}"."${t.table}"`;
}

/** Translates shared SQL to DuckDB: table tokens and `@param` -> `$param`. */
export function toDuckSql(sql: string, datasetPrefix: string): { sql: string; names: string[] } {
  const rendered = renderTables(sql, datasetPrefix, duckIdent);
  const names = new Set<string>();
  const out = rendered.replace(PARAM, (_m, name: string) => {
    names.add(name);
    return `$${name}`;
  });
  return { sql: out, names: [...names] };
}

/**
 * Classifies a DuckDB error. Only named bad-input errors are permanent (lib/errors.ts), and DuckDB
 * raises none of those itself (the values it sees were validated before), so every DuckDB error is
 * a RetryableError: `WAREHOUSE_CONFLICT` for a write conflict or a file lock, `WAREHOUSE_ERROR`
 * otherwise, with the statement (first 300 characters) for the log. An error that already is a
 * PermanentError or RetryableError is returned unchanged.
 */
export function classifyDuckDbError(err: unknown, sql: string): RetryableError | PermanentError {
  if (err instanceof PermanentError || err instanceof RetryableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = /conflict|could not set lock/i.test(message) ? 'WAREHOUSE_CONFLICT' : 'WAREHOUSE_ERROR';
  return new RetryableError(code, `DuckDB: ${message} [sql: ${sql.slice(0, 300)}]`, { cause: err });
}
