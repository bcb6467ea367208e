/**
 * Runs a BigQueryWarehouse in a plain Node child process for test/gcp/bigquery.test.ts.
 *
 * Why a child: @google-cloud/bigquery 8 sends HTTP through teeny-request 10, which loads node-fetch 3
 * with a dynamic `import()`. Inside jest's CommonJS VM that fails with "A dynamic import callback was
 * invoked without --experimental-vm-modules", so the real client cannot make a request in-process.
 * Here it runs as it does in a Cloud Function.
 *
 * Protocol: one JSON command per stdin line `{id, method, args}`; one JSON reply per stdout line
 * `{id, ok: true, value}` or `{id, ok: false, error: {name, code, message}}`.
 * argv: <apiEndpoint> <projectId> <datasetPrefix> <nowMs>.
 *
 * The client is the real one with a fake token (test/gcp/fake-endpoint-client.ts).
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { createInterface } from 'node:readline';
import { fakeEndpointClient } from './fake-endpoint-client';
import { BigQueryWarehouse } from '../../lib/warehouse/bigquery';

const [apiEndpoint, projectId, datasetPrefix, nowMs] = process.argv.slice(2);
const wh = new BigQueryWarehouse({
  projectId,
  location: 'us-west2',
  datasetPrefix,
  client: fakeEndpointClient(projectId, apiEndpoint),
  nowMs: () => Number(nowMs),
});

type Method = 'query' | 'execute' | 'load' | 'createTable' | 'dropTable' | 'tableExists' | 'listTables';

interface Command {
  id: number;
  method: Method;
  args: unknown[];
}

function reply(msg: object): void {
  process.stdout.write(JSON.stringify(msg) + '\n');
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const cmd = JSON.parse(line) as Command;
  const fn = (...a: unknown[]) => (wh[cmd.method] as (...b: unknown[]) => Promise<unknown>).apply(wh, a);
  fn(...cmd.args).then(
    (value) => reply({ id: cmd.id, ok: true, value: value ?? null }),
    (err: unknown) => {
      const e = err as { name?: string; code?: unknown; message?: string };
      reply({ id: cmd.id, ok: false, error: { name: e.name, code: e.code, message: e.message } });
    },
  );
});
