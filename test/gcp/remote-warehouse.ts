/**
 * The BigQuery adapter running in a plain Node child (test/gcp/bigquery-worker.ts), called over
 * stdin/stdout: the client's HTTP layer cannot run inside jest's VM (dynamic import of node-fetch).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ExecuteOptions, Params, Row } from '../../lib/warehouse/port';
import type { TableSpec } from '../../lib/warehouse/schema';
import type { TableRef } from '../../lib/warehouse/tables';

export /** An error as the worker reports it (class name, code, message). */
interface WorkerError {
  name: string;
  code: string;
  message: string;
}

/** The adapter's methods, called in the worker process. Rejections are {@link WorkerError}s. */
export class RemoteWarehouse {
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: WorkerError) => void }
  >();
  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { id: number; ok: boolean; value?: unknown; error?: WorkerError };
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.value);
      else p?.reject(msg.error as WorkerError);
    });
  }
  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    this.seq += 1;
    const id = this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(JSON.stringify({ id, method, args }) + '\n');
    });
  }
  query = (sql: string, params?: Params) => this.call<Row[]>('query', sql, params);
  execute = (sql: string, params?: Params, opts?: ExecuteOptions) =>
    this.call<number>('execute', sql, params, opts);
  load = (spec: TableSpec, rows: Row[]) => this.call<number>('load', spec, rows);
  createTable = (spec: TableSpec) => this.call<void>('createTable', spec);
  dropTable = (ref: TableRef) => this.call<void>('dropTable', ref);
  tableExists = (ref: TableRef) => this.call<boolean>('tableExists', ref);
  listTables = (dataset: string, prefix: string) => this.call<string[]>('listTables', dataset, prefix);
}

/** Starts the worker against a fake endpoint; `stop()` ends it. */
export function startRemoteWarehouse(
  endpoint: string,
  project: string,
  datasetPrefix: string,
  nowMs: number,
): { wh: RemoteWarehouse; stop: () => void } {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'bigquery-worker.ts'),
      endpoint,
      project,
      datasetPrefix,
      String(nowMs),
    ],
    { cwd: join(__dirname, '..', '..'), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  return {
    wh: new RemoteWarehouse(child),
    stop: () => {
      child.stdin.end();
      child.kill();
    },
  };
}
