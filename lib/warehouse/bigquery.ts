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
  type Job,
  type JobLoadMetadata,
  type JobMetadata,
  type Query,
  type QueryRowsResponse,
  type TableMetadata,
} from '@google-cloud/bigquery';
import { PermanentError } from '../errors';
import type { Params, Row, Warehouse } from './port';
import type { TableSpec } from './schema';
import { physicalTable, type TableRef } from './tables';
import { classifyBigQueryError, isAlreadyExists, isNotFound } from './bigquery-errors';
import { PROJECT_ID, bigQueryParams, cellFromBigQuery, renderBigQuerySql, toNdjson } from './bigquery-values';

export {
  bigQueryIdent,
  bigQueryParams,
  bigQueryParamType,
  cellFromBigQuery,
  referencedParams,
  renderBigQuerySql,
  toNdjson,
  type BigQueryParamType,
} from './bigquery-values';

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
    if (!PROJECT_ID.test(opts.projectId)) {
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
