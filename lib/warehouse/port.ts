/**
 * The warehouse port: everything the pipeline asks of BigQuery, behind a small interface with a
 * DuckDB adapter (local default) and a BigQuery adapter (Google Cloud). SQL is written once in the
 * BigQuery subset DuckDB also runs (DESIGN §3); only what truly differs lives in the adapters: load
 * jobs, table creation with expiration, listing and dropping tables.
 */
import type { TableRef } from './tables';
import type { TableSpec } from './schema';

/** A value that crosses the port: DATE as `YYYY-MM-DD`, TIMESTAMP as an ISO-8601 UTC string. */
export type Cell = string | number | boolean | null;

/** A row as plain JSON values. INT64 comes back as a JS number. */
export type Row = Record<string, Cell>;

/** Named query parameters (`@name` in the SQL). Arrays are arrays of strings. */
export type Params = Record<string, string | number | boolean | readonly string[]>;

/**
 * A query result by column: the column names in SELECT order, the number of rows, and each
 * column's cells (`rowCount` entries, same conversions as {@link Row}). Reading a large result this
 * way builds no object per row or per cell; the caller builds only what it keeps.
 */
export interface Columns {
  names: readonly string[];
  rowCount: number;
  columns: Record<string, Cell[]>;
}

/** Options of {@link Warehouse.load}. */
export interface LoadOptions {
  /**
   * Called once when the table does not exist, before the load creates it from the spec. When it
   * resolves `false`, nothing is created or loaded and the load resolves 0; when it throws, nothing
   * is created and the load rejects with its error. Lets a caller treat a missing table as news (a
   * late result after staging was dropped, or a redelivery of rows already merged) without an
   * existence check per load.
   */
  onMissingTable?: () => Promise<boolean | void>;
}

/** Options of {@link Warehouse.execute}. */
export interface ExecuteOptions {
  /**
   * Runs the statement at most once per key across every process (`[A-Za-z0-9_]`, at most 900
   * characters): the caller whose run succeeds gets its affected-row count, a caller whose key
   * was already used waits for that run and gets 0. For a statement that must not run twice
   * concurrently, such as creating a batch row (BigQuery does not serialize INSERTs).
   */
  onceKey?: string;
}

/**
 * The warehouse port. Every method may throw a PermanentError (a named bad input, e.g. a value
 * that cannot be loaded) or a RetryableError (anything else: the caller's message is redelivered).
 */
export interface Warehouse {
  /** Runs a query and returns its rows. */
  query<T extends object = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Runs a query and returns its result by column (large results: no object per row). */
  queryColumns(sql: string, params?: Params): Promise<Columns>;
  /** Runs one DML statement and returns the number of rows it affected. */
  execute(sql: string, params?: Params, opts?: ExecuteOptions): Promise<number>;
  /**
   * Appends rows to a table by a load job (never streaming inserts, so DML can touch the rows at
   * once: https://cloud.google.com/bigquery/docs/data-manipulation-language). Creates the table
   * from the spec when it does not exist (see {@link LoadOptions}), with no existence check or DDL
   * when it does. Returns the number of rows loaded.
   */
  load(spec: TableSpec, rows: readonly Row[], options?: LoadOptions): Promise<number>;
  /** Creates the table if it does not exist (partitioning, clustering, expiration as in the spec). */
  createTable(spec: TableSpec): Promise<void>;
  /** Drops the table if it exists. */
  dropTable(ref: TableRef): Promise<void>;
  /** True when the table exists. */
  tableExists(ref: TableRef): Promise<boolean>;
  /**
   * The table's row count from its metadata, without scanning it; null when the table does not
   * exist. BigQuery: `numRows` of tables.get (no query job, nothing billed; exact for tables written
   * by load jobs, which is all this product writes). DuckDB: the rows this process appended, after
   * one `COUNT(*)` the first time it is asked about a table it did not create.
   */
  rowCount(ref: TableRef): Promise<number | null>;
  /** Names of the tables of a logical dataset that start with `prefix`. */
  listTables(dataset: string, prefix: string): Promise<string[]>;
  /** Releases connections. */
  close(): Promise<void>;
}
