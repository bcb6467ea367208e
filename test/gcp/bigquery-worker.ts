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
 * The client gets a fixed fake access token (no network, nothing to refresh): without any auth
 * header, the client's multipart load-job upload crashes on a custom endpoint
 * ("Cannot set properties of undefined (setting 'Content-Type')" in teeny-request), because its
 * request options only get a `headers` object from the auth step.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import { BigQueryWarehouse } from '../../lib/warehouse/bigquery';

// The google-auth-library the client's HTTP layer (@google-cloud/common) itself uses (not a direct
// dependency of this project, so it is resolved from there rather than imported by name).
const fromCommon = createRequire(require.resolve('@google-cloud/common'));
const { OAuth2Client } = fromCommon('google-auth-library') as {
  OAuth2Client: new (opts: {
    credentials: { access_token: string; expiry_date: number };
  }) => NonNullable<BigQueryOptions['authClient']>;
};

const [apiEndpoint, projectId, datasetPrefix, nowMs] = process.argv.slice(2);
const wh = new BigQueryWarehouse({
  projectId,
  location: 'us-west2',
  datasetPrefix,
  client: new BigQuery({
    projectId,
    apiEndpoint,
    location: 'us-west2',
    autoRetry: false,
    authClient: new OAuth2Client({
      credentials: { access_token: 'fake-test-token', expiry_date: Date.now() + 3_600_000 },
    }),
  }),
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
