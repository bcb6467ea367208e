/**
 * BigQuery adapter of the warehouse port (`@google-cloud/bigquery` major 8; Google Cloud path).
 *
 * - SQL: the shared BigQuery-subset statements of lib/warehouse/sql/*.ts. Table tokens are resolved
 *   only through {@link renderTables} (the one prefixing function) and rendered as backticked
 *   `` `project.dataset.table` ``. Values are never spliced into SQL: every `@name` is sent as a
 *   named query parameter with an explicit type (arrays as `ARRAY<STRING>`, so empty arrays work).
 * - DML (`execute`) returns `numDmlAffectedRows` of the job, so a milestone UPDATE knows whether it
 *   fired (DESIGN §3).
 * - Staging rows are written by load jobs (NDJSON, WRITE_APPEND, schema from the TableSpec), never
 *   by `insertAll`, so no row sits in a streaming buffer that the consolidation MERGE cannot touch
 *   (research/platform-guarantees.md C.3).
 * - Tables are created through the tables API with DAY partitioning on `partitionBy`, clustering and
 *   an expiration time from the TableSpec.
 * - Every client error goes through {@link classifyBigQueryError}: RetryableError or PermanentError.
 */
import {
  BigQuery,
  BigQueryDate,
  BigQueryDatetime,
  BigQueryTime,
  BigQueryTimestamp,
  type Job,
  type JobLoadMetadata,
  type JobMetadata,
  type Query,
  type QueryRowsResponse,
  type TableMetadata,
} from '@google-cloud/bigquery';
import { PermanentError } from '../errors';
import type { Cell, Params, Row, Warehouse } from './port';
import type { Column, TableSpec } from './schema';
import { physicalTable, renderTables, type PhysicalTable, type TableRef } from './tables';
import { classifyBigQueryError, isAlreadyExists, isNotFound } from './bigquery-errors';

/** Options of {@link BigQueryWarehouse}. */
export interface BigQueryWarehouseOptions {
  /** Project that holds the datasets and runs the jobs. */
  projectId: string;
  /** BigQuery location of the datasets and jobs, e.g. `us-west2`. */
  location: string;
  /** Dataset prefix (`test_` in tests, empty in production). */
  datasetPrefix: string;
  /** A ready client (tests point one at a local endpoint). Default: `new BigQuery({projectId, location})`. */
  client?: BigQuery;
  /** Clock for table expirations. Default `Date.now`. */
  nowMs?: () => number;
}

/** A BigQuery query parameter type as the client takes it: a scalar name or `[element]` for arrays. */
export type BigQueryParamType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | ['STRING'];

const PARAM = /@([A-Za-z_][A-Za-z0-9_]*)/g;
const PROJECT = /^[a-z][a-z0-9.:-]{2,61}[a-z0-9]$/;

/**
 * Renders a physical table for BigQuery: `` `project.dataset.table` ``.
 * @throws PermanentError(`BAD_IDENTIFIER`) when the project id is not a project id (so no backtick
 *   or space can reach the SQL through it); dataset and table are validated by physicalTable.
 */
export function bigQueryIdent(projectId: string, t: PhysicalTable): string {
  if (!PROJECT.test(projectId)) {
    throw new PermanentError('BAD_IDENTIFIER', `project id "${projectId}" is not a Google Cloud project id`);
  }
  return `\`${projectId}.${t.dataset}.${t.table}\``;
}

/** Shared SQL as the adapter sends it: every table token -> `` `project.<prefix>dataset.table` ``. */
export function renderBigQuerySql(sql: string, projectId: string, datasetPrefix: string): string {
  return renderTables(sql, datasetPrefix, (t) => bigQueryIdent(projectId, t));
}

/** The named parameters a statement references, in order of first use. */
export function referencedParams(sql: string): string[] {
  return [...new Set([...sql.matchAll(PARAM)].map((m) => m[1]))];
}

/**
 * The BigQuery type of a parameter value: strings STRING, integers INT64, other numbers FLOAT64,
 * booleans BOOL, arrays `ARRAY<STRING>` (the port's arrays are string arrays).
 * @throws PermanentError(`BAD_PARAM`) for a non-finite number.
 */
export function bigQueryParamType(name: string, value: Params[string]): BigQueryParamType {
  if (Array.isArray(value)) return ['STRING'];
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new PermanentError('BAD_PARAM', `query parameter @${name} is ${value}`);
    return Number.isInteger(value) ? 'INT64' : 'FLOAT64';
  }
  throw new PermanentError('BAD_PARAM', `query parameter @${name} has unsupported type ${typeof value}`);
}

/**
 * The `params` and `types` the client sends for a rendered statement: exactly the parameters the
 * SQL references, each with an explicit type.
 * @throws PermanentError(`MISSING_PARAM`) naming the parameter when the SQL uses one not given.
 */
export function bigQueryParams(
  sql: string,
  params: Params | undefined,
): {
  params: Record<string, string | number | boolean | string[]>;
  types: Record<string, BigQueryParamType>;
} {
  const values: Record<string, string | number | boolean | string[]> = {};
  const types: Record<string, BigQueryParamType> = {};
  for (const name of referencedParams(sql)) {
    if (!params || !(name in params)) {
      throw new PermanentError(
        'MISSING_PARAM',
        `query parameter @${name} has no value [sql: ${sql.replace(/\s+/g, ' ').trim().slice(0, 200)}]`,
      );
    }
    const v = params[name];
    values[name] = Array.isArray(v) ? v.map(String) : (v as string | number | boolean);
    types[name] = bigQueryParamType(name, v);
  }
  return { params: values, types };
}

/** A value returned by the client -> a port {@link Cell} (DATE `YYYY-MM-DD`, TIMESTAMP ISO UTC ms). */
export function cellFromBigQuery(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof BigQueryTimestamp) {
    const ms = Date.parse(value.value);
    return Number.isNaN(ms) ? value.value : new Date(ms).toISOString();
  }
  if (value instanceof BigQueryDate || value instanceof BigQueryDatetime || value instanceof BigQueryTime) {
    return value.value;
  }
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    const n = (value as { toNumber: () => number }).toNumber(); // NUMERIC / BIGNUMERIC come back as Big
    return Number.isFinite(n) ? n : null;
  }
  return JSON.stringify(value);
}

function loadValue(col: Column, v: Cell | undefined, rowIndex: number): Cell {
  if (v === null || v === undefined) {
    if (col.mode === 'REQUIRED') {
      throw new PermanentError(
        'LOAD_NULL_REQUIRED',
        `load: row ${rowIndex} column ${col.name} is REQUIRED but the row has null`,
      );
    }
    return null;
  }
  switch (col.type) {
    case 'STRING':
      return String(v);
    case 'INT64':
    case 'FLOAT64': {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        throw new PermanentError(
          'LOAD_NOT_FINITE',
          `load: row ${rowIndex} column ${col.name} is ${String(v)}`,
        );
      }
      return col.type === 'INT64' ? Math.round(n) : n;
    }
    case 'BOOL':
      return Boolean(v);
    case 'DATE': {
      const s = String(v).slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        throw new PermanentError(
          'LOAD_BAD_DATE',
          `load: row ${rowIndex} column ${col.name} is "${String(v)}"`,
        );
      }
      return s;
    }
    case 'TIMESTAMP': {
      const ms = Date.parse(String(v));
      if (Number.isNaN(ms)) {
        throw new PermanentError(
          'LOAD_BAD_TIMESTAMP',
          `load: row ${rowIndex} column ${col.name} is "${String(v)}"`,
        );
      }
      return new Date(ms).toISOString();
    }
  }
}

/**
 * Rows as newline-delimited JSON (the load-job format): only the spec's columns, typed as the
 * schema says; each line ends with `\n`.
 * @throws PermanentError (`LOAD_NULL_REQUIRED`, `LOAD_NOT_FINITE`, `LOAD_BAD_DATE`,
 *   `LOAD_BAD_TIMESTAMP`) naming the row and column.
 */
export function toNdjson(spec: TableSpec, rows: readonly Row[]): string {
  return rows
    .map((row, i) => {
      const out: Record<string, Cell> = {};
      for (const col of spec.columns) out[col.name] = loadValue(col, row[col.name], i);
      return JSON.stringify(out) + '\n';
    })
    .join('');
}

/** The BigQuery schema of a spec: `[{name, type, mode, description}]`. */
export function bigQuerySchema(spec: TableSpec): { fields: Array<Record<string, string>> } {
  return {
    fields: spec.columns.map((c) => ({
      name: c.name,
      type: c.type,
      mode: c.mode,
      description: c.description,
    })),
  };
}

/**
 * The tables.insert resource of a spec: schema, DAY partitioning on `partitionBy`, clustering, and
 * `expirationTime` (epoch ms as a string) = now + `expirationHours`.
 */
export function tableResource(spec: TableSpec, nowMs: number): TableMetadata {
  const resource: TableMetadata = { schema: bigQuerySchema(spec) };
  if (spec.partitionBy) resource.timePartitioning = { type: 'DAY', field: spec.partitionBy };
  if (spec.clusterBy && spec.clusterBy.length > 0) resource.clustering = { fields: [...spec.clusterBy] };
  if (spec.expirationHours !== undefined) {
    resource.expirationTime = String(nowMs + spec.expirationHours * 3_600_000);
  }
  return resource;
}

/** Warehouse port on BigQuery. */
export class BigQueryWarehouse implements Warehouse {
  readonly client: BigQuery;
  readonly projectId: string;
  readonly location: string;
  readonly datasetPrefix: string;
  private readonly nowMs: () => number;

  constructor(opts: BigQueryWarehouseOptions) {
    if (!PROJECT.test(opts.projectId)) {
      throw new PermanentError(
        'BAD_IDENTIFIER',
        `project id "${opts.projectId}" is not a Google Cloud project id`,
      );
    }
    this.projectId = opts.projectId;
    this.location = opts.location;
    this.datasetPrefix = opts.datasetPrefix;
    this.client = opts.client ?? new BigQuery({ projectId: opts.projectId, location: opts.location });
    this.nowMs = opts.nowMs ?? Date.now;
  }

  /** The statement exactly as this adapter sends it (tests parse it with ZetaSQL). */
  render(sql: string): string {
    return renderBigQuerySql(sql, this.projectId, this.datasetPrefix);
  }

  private table(ref: TableRef) {
    const t = physicalTable(ref, this.datasetPrefix);
    return {
      t,
      table: this.client
        .dataset(t.dataset, { location: this.location })
        .table(t.table, { location: this.location }),
    };
  }

  /** Runs one statement through jobs.query; returns the rows and the query response. */
  private async run(sql: string, params?: Params): Promise<{ rows: unknown[]; affected: number | null }> {
    const text = this.render(sql);
    const bound = bigQueryParams(text, params);
    const query: Query = {
      query: text,
      location: this.location,
      useLegacySql: false,
      ...(Object.keys(bound.params).length > 0 ? { params: bound.params, types: bound.types } : {}),
    };
    try {
      // The client resolves [rows, nextQuery, response] (its typings for a Query object omit the
      // response); numDmlAffectedRows is on the jobs.query / getQueryResults response.
      const result = (await this.client.query(query)) as unknown as QueryRowsResponse;
      const rows = result[0];
      const affected = result.length === 3 ? result[2]?.numDmlAffectedRows : undefined;
      return { rows, affected: affected === undefined || affected === null ? null : Number(affected) };
    } catch (err) {
      throw classifyBigQueryError(err, 'query', text);
    }
  }

  /**
   * Runs a query (jobs.query, paged results followed to the end) and returns its rows as port
   * cells: INT64 -> number, DATE -> `YYYY-MM-DD`, TIMESTAMP -> ISO UTC with milliseconds.
   * @throws PermanentError(`MISSING_PARAM`) or the classified BigQuery error.
   */
  async query<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    const { rows } = await this.run(sql, params);
    return rows.map((r) => {
      const o: Row = {};
      for (const [k, v] of Object.entries(r as Record<string, unknown>)) o[k] = cellFromBigQuery(v);
      return o as T;
    });
  }

  /**
   * Runs one DML statement; returns `numDmlAffectedRows`.
   * @throws PermanentError(`NOT_DML`) when BigQuery reports no affected-row count (not a DML statement).
   */
  async execute(sql: string, params?: Params): Promise<number> {
    const { affected } = await this.run(sql, params);
    if (affected === null) {
      throw new PermanentError(
        'NOT_DML',
        `execute() ran a statement without numDmlAffectedRows: ${sql.slice(0, 120)}`,
      );
    }
    return affected;
  }

  private loadJob(ref: TableRef, metadata: JobLoadMetadata, body: string): Promise<Job> {
    const { table } = this.table(ref);
    return new Promise<Job>((resolve, reject) => {
      const stream = table.createWriteStream(metadata);
      stream.on('error', reject);
      stream.on('complete', (job: Job) => resolve(job));
      stream.end(body, 'utf8');
    });
  }

  /**
   * Appends rows by a load job (NDJSON, WRITE_APPEND, CREATE_NEVER, schema from the spec). When the
   * table is missing (a late result after staging was dropped), creates it from the spec, with its
   * expiration, and loads again. Returns the rows BigQuery reports loaded.
   */
  async load(spec: TableSpec, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const body = toNdjson(spec, rows);
    const t = physicalTable(spec.ref, this.datasetPrefix);
    const metadata = (): JobLoadMetadata => ({
      sourceFormat: 'NEWLINE_DELIMITED_JSON',
      writeDisposition: 'WRITE_APPEND',
      createDisposition: 'CREATE_NEVER',
      schema: bigQuerySchema(spec),
      maxBadRecords: 0,
      ignoreUnknownValues: false,
      jobPrefix: 'nba_load_',
    });
    let job: Job;
    try {
      job = await this.loadJob(spec.ref, metadata(), body);
    } catch (err) {
      if (!isNotFound(err)) throw classifyBigQueryError(err, `load ${t.dataset}.${t.table}`);
      await this.createTable(spec);
      try {
        job = await this.loadJob(spec.ref, metadata(), body);
      } catch (err2) {
        throw classifyBigQueryError(err2, `load ${t.dataset}.${t.table}`);
      }
    }
    const meta = job.metadata as JobMetadata | undefined;
    const output = meta?.statistics?.load?.outputRows;
    return output === undefined || output === null ? rows.length : Number(output);
  }

  /** Creates the table through the tables API ({@link tableResource}); 409 Already Exists is success. */
  async createTable(spec: TableSpec): Promise<void> {
    const t = physicalTable(spec.ref, this.datasetPrefix);
    try {
      await this.client
        .dataset(t.dataset, { location: this.location })
        .createTable(t.table, tableResource(spec, this.nowMs()));
    } catch (err) {
      if (isAlreadyExists(err)) return;
      throw classifyBigQueryError(err, `create table ${t.dataset}.${t.table}`);
    }
  }

  /** Deletes the table; 404 Not Found is success. */
  async dropTable(ref: TableRef): Promise<void> {
    const { t, table } = this.table(ref);
    try {
      await table.delete();
    } catch (err) {
      if (isNotFound(err)) return;
      throw classifyBigQueryError(err, `drop table ${t.dataset}.${t.table}`);
    }
  }

  /** tables.get: true on 200, false on 404. */
  async tableExists(ref: TableRef): Promise<boolean> {
    const { t, table } = this.table(ref);
    try {
      const [exists] = await table.exists();
      return exists;
    } catch (err) {
      throw classifyBigQueryError(err, `table exists ${t.dataset}.${t.table}`);
    }
  }

  /** tables.list of the prefixed dataset (every page), names starting with `prefix`, sorted. */
  async listTables(dataset: string, prefix: string): Promise<string[]> {
    const t = physicalTable({ dataset, table: 'x' }, this.datasetPrefix);
    try {
      const [tables] = await this.client
        .dataset(t.dataset, { location: this.location })
        .getTables({ autoPaginate: true });
      return tables
        .map((tb) => tb.id ?? '')
        .filter((n) => n.startsWith(prefix))
        .sort();
    } catch (err) {
      throw classifyBigQueryError(err, `list tables ${t.dataset}`);
    }
  }

  /** The client holds no connection pool that needs closing; kept for the port. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
