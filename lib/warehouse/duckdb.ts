/**
 * DuckDB adapter of the warehouse port (the embedded default; `@duckdb/node-api`).
 *
 * Renders the shared BigQuery-subset SQL for DuckDB: table tokens -> `"<prefix><dataset>"."<table>"`
 * (a dataset is a schema), `@param` -> `$param`, and `FLOAT64` through `CREATE TYPE FLOAT64 AS
 * DOUBLE`. One connection, one statement at a time (a p-limit of 1), so concurrent handlers never
 * conflict inside DuckDB's optimistic MVCC.
 *
 * What keeps a slate fast (measured in bench/README.md):
 * - statements are rendered once per SQL text ({@link RENDER_CACHE_SIZE}); they are not kept
 *   prepared: a re-executed prepared statement's results were seen corrupted once the earlier
 *   result was collected (node-api 1.5.6), so each run prepares its own, as node-api's `run` does;
 * - results are read column by column (lib/warehouse/duckdb-read.ts);
 * - loads waiting at the same time for one table share one appender flush
 *   (lib/warehouse/duckdb-append.ts), with no existence check or DDL per load: a missing table shows
 *   up as the appender failing to open;
 * - the process is the only writer of the file (DuckDB's lock), so it keeps each table's row count
 *   as it appends, and {@link DuckDbWarehouse.rowCount} costs no statement.
 */
import {
  DuckDBConnection,
  DuckDBInstance,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBMaterializedResult,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import pLimit from 'p-limit';
import { PermanentError } from '../errors';
import { appendRows, checkRows, LoadGroups, type LoadGroup } from './duckdb-append';
import { readColumns } from './duckdb-read';
import type { Columns, ExecuteOptions, LoadOptions, Params, Row, Warehouse } from './port';
import type { TableSpec } from './schema';
import { classifyDuckDbError, DUCK_TYPES, duckIdent, toDuckSql } from './duckdb-sql';
import { physicalTable, replaceTableTokens, type PhysicalTable, type TableRef } from './tables';

/**
 * WAL size that triggers a checkpoint (DuckDB's default is 16MB). A slate writes about 10 MB of
 * staging rows that are dropped after consolidation; at 16MB nearly every consolidation paid for a
 * checkpoint that rewrote data about to be dropped. Source: DuckDB configuration reference,
 * `checkpoint_threshold` (https://duckdb.org/docs/configuration/overview).
 */
export const CHECKPOINT_THRESHOLD = '256MB';

/** Rendered statements kept per connection (a slate runs about 30 distinct statements). */
export const RENDER_CACHE_SIZE = 128;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** DuckDB's messages for a table that is not in the catalog (appender, SELECT). */
const MISSING_TABLE = /could not be found|does not exist/i;

/** Thrown by a flush whose table does not exist; each of its loads then handles that itself. */
class MissingTableError extends Error {}

const keyOf = (t: PhysicalTable) => `${t.dataset}.${t.table}`;

/** Warehouse port on a DuckDB database file (or `:memory:`). */
export class DuckDbWarehouse implements Warehouse {
  private readonly serial = pLimit(1);
  private readonly schemas = new Set<string>();
  /** Row counts of tables known to exist, by `dataset.table` (see {@link rowCount}). */
  private readonly counts = new Map<string, number>();
  private readonly rendered = new Map<string, { sql: string; names: string[] }>();
  /** Commits made by load groups since open (one per group of concurrent loads to a table). */
  loadFlushes = 0;
  private readonly groups = new LoadGroups(
    (g) => this.flush(g),
    (task) => this.serial(task),
  );

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
    await conn.run(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
    return wh;
  }

  /** The underlying connection, for the local data loader only (forgets every cached count). */
  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.serial(() => {
      this.counts.clear();
      return fn(this.conn);
    });
  }

  private render(sql: string): { sql: string; names: string[] } {
    let r = this.rendered.get(sql);
    if (!r) {
      r = toDuckSql(sql, this.datasetPrefix);
      if (this.rendered.size >= RENDER_CACHE_SIZE) this.rendered.clear();
      this.rendered.set(sql, r);
    }
    return r;
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

  /** Runs one statement (inside the serial queue). */
  private async run(sql: string, params?: Params): Promise<DuckDBMaterializedResult> {
    const { sql: duckSql, names } = this.render(sql);
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
    const { names, rowCount, columns } = await this.queryColumns(sql, params);
    const arrays = names.map((n) => columns[n]);
    const rows = new Array<T>(rowCount);
    for (let i = 0; i < rowCount; i += 1) {
      const o: Row = {};
      for (let j = 0; j < names.length; j += 1) o[names[j]] = arrays[j][i];
      rows[i] = o as T;
    }
    return rows;
  }

  async queryColumns(sql: string, params?: Params): Promise<Columns> {
    return this.serial(async () => readColumns(await this.run(sql, params)));
  }

  /**
   * Runs one DML statement; returns the rows it changed, and forgets the row counts of the tables
   * it names. `opts.onceKey` needs nothing here: the adapter runs one statement at a time, so a
   * conditional INSERT cannot interleave with another.
   */
  async execute(sql: string, params?: Params, _opts?: ExecuteOptions): Promise<number> {
    return this.serial(async () => {
      replaceTableTokens(sql, (ref) => {
        this.counts.delete(keyOf(physicalTable(ref, this.datasetPrefix)));
        return '';
      });
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

  /**
   * Appends rows; concurrent loads to one table share one appender flush. When the table does not
   * exist, `options.onMissingTable` runs, then (unless it resolved false: 0 rows) the table is
   * created from the spec and the rows are appended.
   * @throws PermanentError from {@link checkRows} for a bad row (this load only).
   */
  async load(spec: TableSpec, rows: readonly Row[], options: LoadOptions = {}): Promise<number> {
    if (rows.length === 0) return 0;
    checkRows(spec, rows);
    const t = physicalTable(spec.ref, this.datasetPrefix);
    try {
      await this.groups.add(keyOf(t), spec, rows);
    } catch (err) {
      if (!(err instanceof MissingTableError)) throw err;
      if (options.onMissingTable && (await options.onMissingTable()) === false) return 0;
      await this.createTable(spec);
      try {
        await this.groups.add(keyOf(t), spec, rows);
      } catch (err2) {
        // dropped again between the CREATE and the append: the redelivery decides anew
        throw classifyDuckDbError(err2, `APPEND ${keyOf(t)}`);
      }
    }
    return rows.length;
  }

  /** Appends and commits one group of loads (inside the serial queue). */
  private async flush(group: LoadGroup): Promise<void> {
    const t = physicalTable(group.spec.ref, this.datasetPrefix);
    let appender;
    try {
      appender = await this.conn.createAppender(t.table, t.dataset);
    } catch (err) {
      if (MISSING_TABLE.test(err instanceof Error ? err.message : String(err))) {
        this.counts.delete(keyOf(t));
        throw new MissingTableError(`${t.dataset}.${t.table} does not exist`);
      }
      throw classifyDuckDbError(err, `APPEND ${t.dataset}.${t.table}`);
    }
    try {
      // one set of data chunks for the whole group: a chunk per load (about 19 rows a player) paid
      // each column's native calls 248 times a slate
      const all = group.loads.length === 1 ? group.loads[0].rows : group.loads.flatMap((l) => l.rows);
      appendRows(appender, group.spec, all);
      appender.flushSync();
      this.loadFlushes += 1;
    } catch (err) {
      appender.clear();
      throw classifyDuckDbError(err, `APPEND ${t.dataset}.${t.table}`);
    } finally {
      appender.closeSync();
    }
    const known = this.counts.get(keyOf(t));
    if (known !== undefined) this.counts.set(keyOf(t), known + group.rows);
  }

  /** Creates the table unless it exists; a table this call created starts with a known count of 0. */
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
    const ddl = `CREATE TABLE ${duckIdent(t)} (${cols})`;
    await this.guarded(ddl, async (conn) => {
      if (this.counts.has(keyOf(t))) return;
      try {
        await conn.run(ddl);
        this.counts.set(keyOf(t), 0);
      } catch (err) {
        if (!/already exists/i.test(messageOf(err))) throw err;
      }
    });
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
      // the table may be rewritten: forget its count
      this.counts.delete(keyOf(t));
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
    const t = physicalTable(ref, this.datasetPrefix);
    const ddl = `DROP TABLE IF EXISTS ${duckIdent(t)}`;
    await this.guarded(ddl, async (conn) => {
      this.counts.delete(keyOf(t));
      await conn.run(ddl);
    });
  }

  async tableExists(ref: TableRef): Promise<boolean> {
    const t = physicalTable(ref, this.datasetPrefix);
    return this.guarded(`table exists ${t.dataset}.${t.table}`, async (conn) => {
      if (this.counts.has(keyOf(t))) return true;
      const r = await conn.runAndReadAll(
        'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $s AND table_name = $t',
        { s: t.dataset, t: t.table },
      );
      return Number(r.getRowObjectsJson()[0]?.n ?? 0) > 0;
    });
  }

  async rowCount(ref: TableRef): Promise<number | null> {
    const t = physicalTable(ref, this.datasetPrefix);
    // a known count is read at once, not behind the queued statements: it already includes every
    // flush that committed (the caller's own load has resolved), and a DML statement still queued
    // has not changed the table yet
    const cached = this.counts.get(keyOf(t));
    if (cached !== undefined) return cached;
    const sql = `SELECT COUNT(*) AS n FROM ${duckIdent(t)}`;
    return this.guarded(sql, async (conn) => {
      const known = this.counts.get(keyOf(t));
      if (known !== undefined) return known;
      try {
        const r = await conn.runAndReadAll(sql);
        const n = Number(r.getRowObjectsJson()[0]?.n ?? 0);
        this.counts.set(keyOf(t), n);
        return n;
      } catch (err) {
        if (MISSING_TABLE.test(messageOf(err))) return null;
        throw err;
      }
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
