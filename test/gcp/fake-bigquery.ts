/**
 * A local HTTP endpoint that speaks the parts of the BigQuery REST API v2 the adapter uses, for the
 * REAL `@google-cloud/bigquery` client pointed at it with `apiEndpoint` (no credentials are sent to
 * a custom endpoint; docs/local-stack.md §3.4). It records every request so tests assert what
 * the adapter actually sent (SQL text, parameter types, load-job configuration, table resources),
 * and it keeps a set of existing tables so exists/create/drop/list behave like the service.
 *
 * It does not execute SQL: each jobs.query reply comes from `onQuery`, written by the test in the
 * documented response format (schema + rows of `{f: [{v}]}`, numDmlAffectedRows as a string).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as received. */
export interface RecordedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  contentType: string;
  authorization: string | undefined;
  body: string;
}

/** A reply: HTTP status and JSON body. */
export interface FakeReply {
  status?: number;
  body: object;
}

/** The jobs.query request body the client sends. */
export interface QueryRequestBody {
  query: string;
  useLegacySql: boolean;
  parameterMode?: string;
  location?: string;
  queryParameters?: Array<{
    name: string;
    parameterType: { type: string; arrayType?: { type: string } };
    parameterValue: { value?: unknown; arrayValues?: Array<{ value: unknown }> };
  }>;
}

/** A query job (jobs.insert) as received: its id and query configuration. */
export interface ReceivedQueryJob {
  jobId: string;
  query: QueryRequestBody;
  /** 201 when created, 409 when the job id was already taken. */
  status: number;
}

/** A load job as received: its configuration and the uploaded data. */
export interface ReceivedLoad {
  configuration: { load: Record<string, unknown> };
  jobId: string;
  data: string;
}

/** A BigQuery error body in the service's format. */
export function errorBody(code: number, reason: string, message: string): FakeReply {
  return {
    status: code,
    body: { error: { code, message, errors: [{ reason, message, domain: 'global' }] } },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Splits a multipart/related body into its parts' bodies. */
function multipartParts(body: string, contentType: string): string[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return [body];
  return body
    .split(`--${boundary}`)
    .map((p) => p.replace(/^\r?\n/, ''))
    .filter((p) => p !== '' && !p.startsWith('--'))
    .map((p) => {
      const sep = p.indexOf('\r\n\r\n');
      return (sep >= 0 ? p.slice(sep + 4) : p).replace(/\r\n$/, '');
    });
}

/** The default reply to jobs.query: a DML statement that affected 0 rows. */
const defaultQuery = (): FakeReply => ({ body: { jobComplete: true, numDmlAffectedRows: '0' } });

/** The fake endpoint. Start with {@link FakeBigQuery.start}; `url` is the client's apiEndpoint. */
export class FakeBigQuery {
  readonly requests: RecordedRequest[] = [];
  readonly loads: ReceivedLoad[] = [];
  /** Query jobs inserted with jobs.insert (a job id given by the caller), in order. */
  readonly queryJobs: ReceivedQueryJob[] = [];
  readonly created: Array<Record<string, unknown>> = [];
  /** Existing tables as `dataset.table`. */
  readonly tables = new Set<string>();
  /** Rows loaded into each table by load jobs (`dataset.table`), reported as tables.get `numRows`. */
  readonly rowsLoaded = new Map<string, number>();
  /** Reply to jobs.query. Default: a DML statement that affected 0 rows. */
  onQuery: (body: QueryRequestBody) => FakeReply = defaultQuery;
  /** Final status of a load job. Default: done, all rows loaded (data lines counted). */
  onLoad: (load: ReceivedLoad) => { errorResult?: { reason: string; message: string } } = () => ({});
  /** tables.list page size (to exercise pagination). */
  pageSize = 1000;
  url = '';
  private server: Server | undefined;
  private jobs = new Map<string, Record<string, unknown>>();

  /**
   * Forgets everything a test did (requests, jobs, tables, replies, page size), so each test
   * starts from the same fake whatever ran before it.
   */
  reset(): void {
    for (const xs of [this.requests, this.loads, this.queryJobs, this.created]) xs.length = 0;
    this.tables.clear();
    this.rowsLoaded.clear();
    this.jobs.clear();
    this.onQuery = defaultQuery;
    this.onLoad = () => ({});
    this.pageSize = 1000;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests whose path matches. */
  requestsTo(re: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => re.test(r.path));
  }

  /** The jobs.query bodies received, in order. */
  queries(): QueryRequestBody[] {
    return this.requestsTo(/\/queries$/).map((r) => JSON.parse(r.body) as QueryRequestBody);
  }

  private send(res: ServerResponse, reply: FakeReply): void {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = await readBody(req);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      contentType: String(req.headers['content-type'] ?? ''),
      authorization: req.headers.authorization,
      body,
    };
    this.requests.push(rec);
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (rec.method === 'POST' && /\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(p)) {
      const q = JSON.parse(body) as QueryRequestBody;
      const reply = this.onQuery(q);
      const project = /projects\/([^/]+)\//.exec(p)?.[1] ?? 'p';
      if ((reply.status ?? 200) === 200) {
        Object.assign(reply.body, {
          kind: 'bigquery#queryResponse',
          jobReference: { projectId: project, jobId: `q${this.requests.length}`, location: q.location },
        });
      }
      this.send(res, reply);
      return;
    }
    if (rec.method === 'POST' && (m = /\/upload\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(p))) {
      const [meta = '{}', data = ''] = multipartParts(body, rec.contentType);
      const job = JSON.parse(meta) as {
        configuration: { load: Record<string, unknown> };
        jobReference: { jobId: string; location?: string };
      };
      const load: ReceivedLoad = { configuration: job.configuration, jobId: job.jobReference.jobId, data };
      this.loads.push(load);
      const outcome = this.onLoad(load);
      const lines = data.split('\n').filter((l) => l !== '').length;
      const dest = (job.configuration.load as { destinationTable?: { datasetId: string; tableId: string } })
        .destinationTable;
      if (!outcome.errorResult && dest) {
        const key = `${dest.datasetId}.${dest.tableId}`;
        this.rowsLoaded.set(key, (this.rowsLoaded.get(key) ?? 0) + lines);
      }
      const resource = {
        kind: 'bigquery#job',
        id: `${m[1]}:${job.jobReference.jobId}`,
        jobReference: { projectId: m[1], ...job.jobReference },
        configuration: job.configuration,
        status: outcome.errorResult
          ? { state: 'DONE', errorResult: outcome.errorResult, errors: [outcome.errorResult] }
          : { state: 'DONE' },
        statistics: outcome.errorResult ? {} : { load: { outputRows: String(lines) } },
      };
      this.jobs.set(job.jobReference.jobId, resource);
      this.send(res, { body: { ...resource, status: { state: 'RUNNING' } } });
      return;
    }
    if (rec.method === 'POST' && (m = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(p))) {
      // jobs.insert of a query job: a job id is unique in a project (409 for a second insert).
      const job = JSON.parse(body) as {
        jobReference: { jobId: string; location?: string };
        configuration: { query: QueryRequestBody };
      };
      const jobId = job.jobReference.jobId;
      if (this.jobs.has(jobId)) {
        this.queryJobs.push({ jobId, query: job.configuration.query, status: 409 });
        this.send(
          res,
          errorBody(409, 'duplicate', `Already Exists: Job ${m[1]}:${job.jobReference.location}.${jobId}`),
        );
        return;
      }
      this.queryJobs.push({ jobId, query: job.configuration.query, status: 201 });
      const reply = this.onQuery(job.configuration.query);
      const failed = (reply.status ?? 200) !== 200;
      const error = (reply.body as { error?: { errors?: Array<{ reason: string; message: string }> } }).error;
      const resource = {
        kind: 'bigquery#job',
        id: `${m[1]}:${jobId}`,
        jobReference: { projectId: m[1], ...job.jobReference },
        configuration: job.configuration,
        status: failed
          ? { state: 'DONE', errorResult: error?.errors?.[0], errors: error?.errors }
          : { state: 'DONE' },
        statistics: failed
          ? {}
          : {
              query: {
                numDmlAffectedRows: (reply.body as { numDmlAffectedRows?: string }).numDmlAffectedRows,
              },
            },
      };
      this.jobs.set(jobId, resource);
      this.send(res, { body: { ...resource, status: { state: 'RUNNING' } } });
      return;
    }
    if (rec.method === 'GET' && (m = /\/bigquery\/v2\/projects\/[^/]+\/jobs\/([^/]+)$/.exec(p))) {
      const job = this.jobs.get(m[1]);
      this.send(res, job ? { body: job } : errorBody(404, 'notFound', `Not found: Job ${m[1]}`));
      return;
    }
    if ((m = /\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables$/.exec(p))) {
      const dataset = m[2];
      if (rec.method === 'POST') {
        const resource = JSON.parse(body) as { tableReference: { tableId: string } } & Record<
          string,
          unknown
        >;
        this.created.push(resource);
        const key = `${dataset}.${resource.tableReference.tableId}`;
        if (this.tables.has(key)) {
          this.send(res, errorBody(409, 'duplicate', `Already Exists: Table ${m[1]}:${key}`));
          return;
        }
        this.tables.add(key);
        this.send(res, { body: { kind: 'bigquery#table', ...resource } });
        return;
      }
      const all = [...this.tables].filter((k) => k.startsWith(`${dataset}.`)).sort();
      const start = Number(url.searchParams.get('pageToken') ?? '0');
      const page = all.slice(start, start + this.pageSize);
      const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
      this.send(res, {
        body: {
          kind: 'bigquery#tableList',
          tables: page.map((k) => ({
            tableReference: { projectId: m?.[1], datasetId: dataset, tableId: k.split('.')[1] },
          })),
          ...(next ? { nextPageToken: next } : {}),
          totalItems: all.length,
        },
      });
      return;
    }
    if ((m = /\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/.exec(p))) {
      const key = `${m[2]}.${m[3]}`;
      if (!this.tables.has(key)) {
        this.send(res, errorBody(404, 'notFound', `Not found: Table ${m[1]}:${key}`));
        return;
      }
      if (rec.method === 'DELETE') {
        this.tables.delete(key);
        this.rowsLoaded.delete(key);
        res.writeHead(204);
        res.end();
        return;
      }
      this.send(res, {
        body: {
          kind: 'bigquery#table',
          tableReference: { projectId: m[1], datasetId: m[2], tableId: m[3] },
          numRows: String(this.rowsLoaded.get(key) ?? 0),
        },
      });
      return;
    }
    this.send(res, errorBody(400, 'invalid', `fake BigQuery: unhandled ${rec.method} ${p}`));
  }
}
