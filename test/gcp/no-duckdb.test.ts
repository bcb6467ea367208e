/**
 * The Google runtime path never loads DuckDB, so the deployed artifact can leave it out
 * (terraform/source.tf installs no optional dependency, and @duckdb/node-api is the only one).
 *
 * A child process loads functions/index.ts with the environment terraform/functions.tf gives the
 * functions (NBA_BACKEND=gcp), with every `@duckdb/*` require made to fail as it would in the
 * deployed function, then sends each of the five handlers a message it rejects: that builds the
 * Google runtime (BigQuery, Pub/Sub and Cloud Storage clients; no request leaves the machine) and
 * runs the handler wrapper end to end. It reports every module it loaded.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

const CHILD = `
const Module = require('node:module');
const refused = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^@duckdb\\//.test(request)) {
    refused.push(request);
    const err = new Error("Cannot find module '" + request + "'");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  return load.call(this, request, ...rest);
};
const { setLogSink } = require('./lib/log');
const lines = [];
setLogSink((l) => lines.push(JSON.parse(l)));
const { HANDLERS } = require('./functions');
const bad = Buffer.from('{"game_date":12}').toString('base64');
(async () => {
  for (const [name, handler] of Object.entries(HANDLERS)) {
    await handler({
      specversion: '1.0', id: 'm-' + name, type: 'google.cloud.pubsub.topic.v1.messagePublished',
      source: '//pubsub.googleapis.com/projects/nba-props-test/topics/t',
      data: { message: { data: bad, messageId: 'm-' + name } },
    });
  }
  const loaded = Object.keys(require.cache).map((p) => p.split(require('node:path').sep).join('/'));
  process.stdout.write(JSON.stringify({
    refused,
    duckdbModules: loaded.filter((p) => p.includes('/@duckdb/') || p.endsWith('/lib/warehouse/duckdb.ts')),
    googleClients: ['@google-cloud/bigquery', '@google-cloud/pubsub', '@google-cloud/storage']
      .filter((c) => loaded.some((p) => p.includes('/node_modules/' + c + '/'))),
    events: lines.map((l) => l.event).filter(Boolean),
  }));
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('the Google runtime path', () => {
  it('builds the Google runtime and runs all five handlers without loading DuckDB', () => {
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', CHILD], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NBA_BACKEND: 'gcp',
        NBA_ENVIRONMENT: 'prod',
        GOOGLE_CLOUD_PROJECT: 'nba-props-test',
        NBA_EXPORT_BUCKET: 'nba-props-test-exports',
        METADATA_SERVER_DETECTION: 'none',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = JSON.parse(out) as {
      refused: string[];
      duckdbModules: string[];
      googleClients: string[];
      events: string[];
    };
    expect(report.refused).toEqual([]);
    expect(report.duckdbModules).toEqual([]);
    // The runtime really was the Google one, and each handler ran up to its validation.
    expect(report.googleClients).toEqual([
      '@google-cloud/bigquery',
      '@google-cloud/pubsub',
      '@google-cloud/storage',
    ]);
    expect(report.events).toContain('runtime_started');
    expect(report.events.filter((e) => e === 'message_rejected')).toHaveLength(5);
  }, 150_000);
});
