/**
 * DuckDB adapter of the warehouse port (the embedded default; `@duckdb/node-api`).
 *
 * Renders the shared BigQuery-subset SQL for DuckDB (research/local-stack.md §3.2):
 * table tokens -> `"<prefix><dataset>"."<table>"` (a dataset is a schema), `@param` -> `$param`,
 * and `FLOAT64` through `CREATE TYPE FLOAT64 AS DOUBLE`. One connection, one statement at a time
 * (a p-limit of 1), so concurrent handlers never conflict inside DuckDB's optimistic MVCC.
 */
import {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  DuckDBTypeId,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import pLimit from 'p-limit';
import { PermanentError, RetryableError } from '../errors';
import type { Cell, ExecuteOptions, Params, Row, Warehouse } from './port';
import type { Column, TableSpec } from './schema';
import { physicalTable, renderTables, type PhysicalTable, type TableRef } from './tables';

const DUCK_TYPES: Record<Column['type'], string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};

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

function isoFromDuckTimestamp(s: string): string {
  // DuckDB JSON form: "2025-12-05 17:00:00" or "2025-12-05 17:00:00.123456"
  const [date, time = '00:00:00'] = s.split(' ');
  const [hms, frac = ''] = time.split('.');
  return `${date}T${hms}.${(frac + '000').slice(0, 3)}Z`;
}

function convertCell(value: unknown, typeId: DuckDBTypeId): Cell {
  if (value === null || value === undefined) return null;
  switch (typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.DECIMAL:
      return Number(value);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return typeof value === 'string' ? isoFromDuckTimestamp(value.replace(/\+00$/, '')) : null;
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT: {
      const n = Number(value);
      return Number.isFinite(n) ? n : null;
    }
    default:
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return JSON.stringify(value);
  }
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

function dateValue(s: string): DuckDBDateValue {
  const days = Math.round(Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / 86_400_000);
  return new DuckDBDateValue(days);
}

function appendCell(a: DuckDBAppender, col: Column, v: Cell | undefined): void {
  if (v === null || v === undefined) {
    if (col.mode === 'REQUIRED') {
      throw new PermanentError(
        'LOAD_NULL_REQUIRED',
        `load: column ${col.name} is REQUIRED but the row has null`,
      );
    }
    a.appendNull();
    return;
  }
  switch (col.type) {
    case 'STRING':
      a.appendVarchar(String(v));
      return;
    case 'INT64': {
      const n = Number(v);
      if (!Number.isSafeInteger(Math.round(n)))
        throw new PermanentError('LOAD_NOT_FINITE', `load: column ${col.name} is ${String(v)}, not an INT64`);
      a.appendBigInt(BigInt(Math.round(n)));
      return;
    }
    case 'FLOAT64': {
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new PermanentError('LOAD_NOT_FINITE', `load: column ${col.name} is ${String(v)}`);
      a.appendDouble(n);
      return;
    }
    case 'BOOL':
      a.appendBoolean(Boolean(v));
      return;
    case 'DATE':
      a.appendDate(dateValue(String(v)));
      return;
    case 'TIMESTAMP': {
      const ms = Date.parse(String(v));
      if (Number.isNaN(ms))
        throw new PermanentError('LOAD_BAD_TIMESTAMP', `load: column ${col.name} is "${String(v)}"`);
      a.appendTimestamp(new DuckDBTimestampValue(BigInt(ms) * 1000n));
      return;
    }
  }
}

/** Warehouse port on a DuckDB database file (or `:memory:`). */
export class DuckDbWarehouse implements Warehouse {
  private readonly serial = pLimit(1);
  private readonly schemas = new Set<string>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly datasetPrefix: string,
  ) {}

  /** Opens (creating if needed) the database at `path` (`:memory:` for tests). */
  static async open(path: string, datasetPrefix: string): Promise<DuckDbWarehouse> {
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    const wh = new DuckDbWarehouse(instance, conn, datasetPrefix);
    const types = await conn.runAndReadAll(
      "SELECT COUNT(*) AS n FROM duckdb_types() WHERE type_name = 'FLOAT64' AND NOT internal",
    );
    if (Number(types.getRowObjectsJson()[0]?.n ?? 0) === 0) await conn.run('CREATE TYPE FLOAT64 AS DOUBLE');
    return wh;
  }

  /** The underlying connection, for the local data loader only. */
  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.serial(() => fn(this.conn));
  }

  private bind(names: string[], params: Params | undefined, sql: string) {
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType | undefined> = {};
    for (const name of names) {
      if (!params || !(name in params)) {
        throw new PermanentError(
          'MISSING_PARAM',
          `query parameter @${name} has no value [sql: ${sql.slice(0, 200)}]`,
        );
      }
      const v = params[name];
      if (Array.isArray(v)) {
        values[name] = listValue(v.map(String));
        types[name] = LIST(VARCHAR);
      } else {
        values[name] = v as DuckDBValue;
      }
    }
    return { values, types };
  }

  private async run(sql: string, params?: Params) {
    const { sql: duckSql, names } = toDuckSql(sql, this.datasetPrefix);
    const { values, types } = this.bind(names, params, sql);
    try {
      return await this.conn.run(
        duckSql,
        names.length > 0 ? values : undefined,
        names.length > 0 ? types : undefined,
      );
    } catch (err) {
      throw classifyDuckDbError(err, duckSql);
    }
  }

  async query<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.serial(async () => {
      const result = await this.run(sql, params);
      const names = result.columnNames();
      const typeIds = result.columnTypes().map((t) => t.typeId);
      const rows = await result.getRowsJson();
      return rows.map((r) => {
        const o: Row = {};
        names.forEach((n, i) => (o[n] = convertCell(r[i], typeIds[i])));
        return o as T;
      });
    });
  }

  /**
   * Runs one DML statement; returns the rows it changed. `opts.onceKey` needs nothing here: the
   * adapter runs one statement at a time, so a conditional INSERT cannot interleave with another.
   */
  async execute(sql: string, params?: Params, _opts?: ExecuteOptions): Promise<number> {
    return this.serial(async () => {
      const result = await this.run(sql, params);
      return result.rowsChanged;
    });
  }

  /** Runs `fn` on the connection, one at a time, with any failure classified. */
  private guarded<T>(what: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      try {
        return await fn(this.conn);
      } catch (err) {
        throw classifyDuckDbError(err, what);
      }
    });
  }

  async load(spec: TableSpec, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const t = physicalTable(spec.ref, this.datasetPrefix);
    await this.createTable(spec);
    return this.guarded(`APPEND ${t.dataset}.${t.table}`, async (conn) => {
      const appender = await conn.createAppender(t.table, t.dataset);
      try {
        for (const row of rows) {
          for (const col of spec.columns) appendCell(appender, col, row[col.name]);
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      return rows.length;
    });
  }

  async createTable(spec: TableSpec): Promise<void> {
    const t = physicalTable(spec.ref, this.datasetPrefix);
    if (!this.schemas.has(t.dataset)) {
      const ddl = `CREATE SCHEMA IF NOT EXISTS "${t.dataset}"`;
      await this.guarded(ddl, (conn) => conn.run(ddl));
      this.schemas.add(t.dataset);
    }
    const cols = spec.columns
      .map((c) => `"${c.name}" ${DUCK_TYPES[c.type]}${c.mode === 'REQUIRED' ? ' NOT NULL' : ''}`)
      .join(', ');
    const ddl = `CREATE TABLE IF NOT EXISTS ${duckIdent(t)} (${cols})`;
    await this.guarded(ddl, (conn) => conn.run(ddl));
  }

  /**
   * Brings a table made by an older version to the spec: adds the NULLABLE columns it lacks and, when
   * its column order then differs from the spec's, rewrites it in the spec's order (loads append by
   * position). A missing REQUIRED column is left for the load to report. Returns the columns added.
   * Local warehouses only: on BigQuery, Terraform owns the schemas.
   */
  async addMissingColumns(spec: TableSpec): Promise<string[]> {
    const t = physicalTable(spec.ref, this.datasetPrefix);
    const columnsOf = async () =>
      (
        await this.conn.runAndReadAll(
          'SELECT column_name FROM information_schema.columns WHERE table_schema = $s AND table_name = $t ORDER BY ordinal_position',
          { s: t.dataset, t: t.table },
        )
      )
        .getRowObjectsJson()
        .map((row) => (typeof row.column_name === 'string' ? row.column_name : ''));
    return this.serial(async () => {
      const have = await columnsOf();
      if (have.length === 0) return [];
      const added: string[] = [];
      for (const c of spec.columns) {
        if (have.includes(c.name) || c.mode === 'REQUIRED') continue;
        await this.conn.run(`ALTER TABLE ${duckIdent(t)} ADD COLUMN "${c.name}" ${DUCK_TYPES[c.type]}`);
        added.push(c.name);
      }
      const order = await columnsOf();
      const wanted = spec.columns.map((c) => c.name);
      if (order.join(',') !== wanted.join(',') && wanted.every((c) => order.includes(c))) {
        const tmp = duckIdent({ dataset: t.dataset, table: `${t.table}__reordered` });
        await this.conn.run(
          `CREATE OR REPLACE TABLE ${tmp} AS SELECT ${wanted.map((c) => `"${c}"`).join(', ')} FROM ${duckIdent(t)}`,
        );
        await this.conn.run(`DROP TABLE ${duckIdent(t)}`);
        await this.conn.run(`ALTER TABLE ${tmp} RENAME TO "${t.table}"`);
      }
      return added;
    });
  }

  async dropTable(ref: TableRef): Promise<void> {
    const ddl = `DROP TABLE IF EXISTS ${duckIdent(physicalTable(ref, this.datasetPrefix))}`;
    await this.guarded(ddl, (conn) => conn.run(ddl));
  }

  async tableExists(ref: TableRef): Promise<boolean> {
    const t = physicalTable(ref, this.datasetPrefix);
    return this.guarded(`table exists ${t.dataset}.${t.table}`, async (conn) => {
      const r = await conn.runAndReadAll(
        'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $s AND table_name = $t',
        { s: t.dataset, t: t.table },
      );
      return Number(r.getRowObjectsJson()[0]?.n ?? 0) > 0;
    });
  }

  async listTables(dataset: string, prefix: string): Promise<string[]> {
    const t = physicalTable({ dataset, table: 'x' }, this.datasetPrefix);
    return this.guarded(`list tables ${t.dataset}`, async (conn) => {
      const r = await conn.runAndReadAll(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $s ORDER BY table_name',
        { s: t.dataset },
      );
      return r
        .getRowObjectsJson()
        .map((row) => (typeof row.table_name === 'string' ? row.table_name : ''))
        .filter((n) => n.startsWith(prefix));
    });
  }

  async close(): Promise<void> {
    await this.serial(() => {
      this.conn.closeSync();
      this.instance.closeSync();
      return Promise.resolve();
    });
  }
}
