/**
 * BigQuery adapter of the warehouse port (`@google-cloud/bigquery` major 8; Google Cloud path).
 *
 * - SQL: the shared BigQuery-subset statements of lib/warehouse/sql/*.ts. Table tokens are resolved
 *   only through {@link renderTables} (the one prefixing function) and rendered as backticked
 *   `` `project.dataset.table` ``. Values are never spliced into SQL: every `@name` is sent as a
 *   named query parameter with an explicit type (arrays as `ARRAY<STRING>`, so empty arrays work).
 * - DML (`execute`) returns `numDmlAffectedRows` of the job, so a milestone UPDATE knows whether it
 *   fired (DESIGN §3). With `onceKey`, the statement runs as a query job whose id is derived from
 *   the key: BigQuery accepts one job per id in a project (a second insert is 409 Already
 *   Exists), which is how a statement that INSERT concurrency cannot protect runs at most once.
 * - Staging rows are written by load jobs (NDJSON, WRITE_APPEND, schema from the TableSpec), never
 *   by `insertAll`, so no row sits in a streaming buffer that the consolidation MERGE cannot touch
 *   (https://cloud.google.com/bigquery/docs/data-manipulation-language).
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
import { PermanentError, RetryableError } from '../errors';
import type { Cell, Columns, ExecuteOptions, LoadOptions, Params, Row, Warehouse } from './port';
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

/**
 * Job ids a once-only statement may use (`nba_once_<key>_<n>`, n = 1..this): a run that failed
 * changed nothing, so the next caller runs it again under the next id.
 */
export const ONCE_ATTEMPTS = 5;

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
  private async run(
    sql: string,
    params?: Params,
  ): Promise<{ rows: unknown[]; affected: number | null; fields: string[] | null }> {
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
      const response = result.length === 3 ? result[2] : undefined;
      const affected = response?.numDmlAffectedRows;
      const fields = response?.schema?.fields?.map((f) => f.name ?? '') ?? null;
      return {
        rows,
        affected: affected === undefined || affected === null ? null : Number(affected),
        fields,
      };
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
   * Runs a query and returns it by column (the rows the client returns, transposed; names from the
   * result schema, so an empty result still names its columns).
   */
  async queryColumns(sql: string, params?: Params): Promise<Columns> {
    const { rows, fields } = await this.run(sql, params);
    const names = fields ?? Object.keys((rows[0] as Record<string, unknown> | undefined) ?? {});
    const columns: Record<string, Cell[]> = {};
    for (const n of names) columns[n] = new Array<Cell>(rows.length);
    rows.forEach((r, i) => {
      const o = r as Record<string, unknown>;
      for (const n of names) columns[n][i] = cellFromBigQuery(o[n]);
    });
    return { names, rowCount: rows.length, columns };
  }

  /**
   * Runs one DML statement; returns `numDmlAffectedRows`. With `opts.onceKey`, see
   * {@link ExecuteOptions}: the first job under the key runs it, any other caller waits for that
   * job and gets 0, and a job that failed is followed by the next id (up to {@link ONCE_ATTEMPTS}).
   * @throws PermanentError(`NOT_DML`) when BigQuery reports no affected-row count (not a DML statement).
   */
  async execute(sql: string, params?: Params, opts?: ExecuteOptions): Promise<number> {
    if (opts?.onceKey !== undefined) return this.executeOnce(sql, params, opts.onceKey);
    const { affected } = await this.run(sql, params);
    if (affected === null) {
      throw new PermanentError(
        'NOT_DML',
        `execute() ran a statement without numDmlAffectedRows: ${sql.slice(0, 120)}`,
      );
    }
    return affected;
  }

  /** Waits for a job to finish: 'done', or 'failed' when BigQuery reports it failed. */
  private async settle(job: Job, text: string): Promise<{ state: 'done' | 'failed'; meta: JobMetadata }> {
    try {
      await job.promise();
    } catch (err) {
      let meta: JobMetadata;
      try {
        [meta] = (await job.getMetadata()) as [JobMetadata, unknown];
      } catch {
        throw classifyBigQueryError(err, `query (job ${job.id ?? ''})`, text);
      }
      if (meta.status?.state === 'DONE' && meta.status.errorResult) return { state: 'failed', meta };
      throw classifyBigQueryError(err, `query (job ${job.id ?? ''})`, text);
    }
    return { state: 'done', meta: job.metadata as JobMetadata };
  }

  private async executeOnce(sql: string, params: Params | undefined, key: string): Promise<number> {
    if (!/^[A-Za-z0-9_]{1,900}$/.test(key)) {
      throw new PermanentError(
        'BAD_IDENTIFIER',
        `once key "${key.slice(0, 80)}" must match [A-Za-z0-9_]{1,900}`,
      );
    }
    const text = this.render(sql);
    const bound = bigQueryParams(text, params);
    for (let attempt = 1; attempt <= ONCE_ATTEMPTS; attempt += 1) {
      const jobId = `nba_once_${key}_${attempt}`;
      let job: Job;
      try {
        [job] = await this.client.createQueryJob({
          query: text,
          location: this.location,
          useLegacySql: false,
          jobId,
          ...(Object.keys(bound.params).length > 0 ? { params: bound.params, types: bound.types } : {}),
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw classifyBigQueryError(err, `query (job ${jobId})`, text);
        // Another caller holds this job id: its run decides; if it failed, try the next id.
        const { state } = await this.settle(this.client.job(jobId, { location: this.location }), text);
        if (state === 'done') return 0;
        continue;
      }
      const { state, meta } = await this.settle(job, text);
      if (state === 'failed') {
        throw classifyBigQueryError(
          { message: 'job failed', errorResult: meta.status?.errorResult },
          `query (job ${jobId})`,
          text,
        );
      }
      const affected = meta.statistics?.query?.numDmlAffectedRows;
      if (affected === undefined || affected === null) {
        throw new PermanentError(
          'NOT_DML',
          `execute() ran a statement without numDmlAffectedRows: ${sql.slice(0, 120)}`,
        );
      }
      return Number(affected);
    }
    throw new RetryableError(
      'BQ_ONCE_EXHAUSTED',
      `BigQuery: every job id of once key ${key} (1..${ONCE_ATTEMPTS}) was used by a failed run`,
    );
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
   * Appends rows by ONE load job (NDJSON, WRITE_APPEND, CREATE_NEVER, schema from the spec) and no
   * other request. When the table is missing (a late result after staging was dropped), runs
   * `options.onMissingTable`, creates the table from the spec, with its expiration, and loads again.
   * Returns the rows BigQuery reports loaded.
   */
  async load(spec: TableSpec, rows: readonly Row[], options: LoadOptions = {}): Promise<number> {
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
      if (options.onMissingTable && (await options.onMissingTable()) === false) return 0;
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

  /**
   * tables.get `numRows` (a metadata read: no query job, nothing billed). Exact for tables written
   * by load jobs; rows in a streaming buffer would not be counted, and this product never streams.
   * Source: BigQuery REST reference, Table resource, `numRows`
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#Table). Null on 404.
   */
  async rowCount(ref: TableRef): Promise<number | null> {
    const { t, table } = this.table(ref);
    try {
      const [meta] = (await table.getMetadata()) as unknown as [TableMetadata];
      const n = Number(meta.numRows ?? 0);
      return Number.isFinite(n) ? n : 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw classifyBigQueryError(err, `table metadata ${t.dataset}.${t.table}`);
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
