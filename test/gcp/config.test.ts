/**
 * The configuration guard (lib/config.ts) and adapter selection: a dataset prefix that does not
 * match the environment refuses to start with a message naming both variables; the prefix reaches
 * every table name either adapter renders; ports are chosen by config only, and the default stays
 * the embedded local stack (`npm start` unchanged).
 */
import { ConfigError, parseConfig } from '../../lib/config';
import { renderBigQuerySql } from '../../lib/warehouse/bigquery';
import { toDuckSql } from '../../lib/warehouse/duckdb-sql';
import { stagingTable, TABLES, tableToken } from '../../lib/warehouse/tables';

describe('dataset prefix vs environment', () => {
  it('refuses a test_ prefix in production', () => {
    expect(() => parseConfig({ NBA_ENVIRONMENT: 'prod', NBA_DATASET_PREFIX: 'test_' })).toThrow(
      new ConfigError(
        'NBA_DATASET_PREFIX="test_" in NBA_ENVIRONMENT=prod: production uses no prefix; refusing to start',
      ),
    );
  });

  it('refuses a test environment without a test_ prefix (it would write production tables)', () => {
    expect(() => parseConfig({ NBA_ENVIRONMENT: 'test' })).toThrow(
      'NBA_ENVIRONMENT=test needs a NBA_DATASET_PREFIX starting with "test_" (got ""); refusing to touch production tables',
    );
    expect(() => parseConfig({ NBA_ENVIRONMENT: 'test', NBA_DATASET_PREFIX: 'dev_' })).toThrow(ConfigError);
  });

  it('refuses a prefix that could break out of an identifier, naming the variable and value', () => {
    expect(() => parseConfig({ NBA_DATASET_PREFIX: 'test_`; DROP' })).toThrow(
      'invalid configuration: NBA_DATASET_PREFIX="test_`; DROP": must match ^[A-Za-z0-9_]*$',
    );
  });

  it('applies the prefix to every table both adapters name, and to nothing else', () => {
    const refs = [...Object.values(TABLES), stagingTable('batch_2025_12_05_1')];
    const sql = refs.map((r) => `SELECT 1 FROM ${tableToken(r)}`).join(' UNION ALL ');
    const bq = renderBigQuerySql(sql, 'nba-props-test', 'test_');
    const bqNames = [...bq.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(bqNames).toEqual(refs.map((r) => `nba-props-test.test_${r.dataset}.${r.table}`));
    const duck = toDuckSql(sql, 'test_').sql;
    const duckNames = [...duck.matchAll(/"([^"]+)"\."([^"]+)"/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(duckNames).toEqual(refs.map((r) => `test_${r.dataset}.${r.table}`));
  });
});

describe('adapter selection by config', () => {
  it('defaults to the embedded local stack (npm start unchanged)', () => {
    const c = parseConfig({});
    expect(c.backend).toBe('local');
    expect(c.ports).toEqual({ warehouse: 'duckdb', bus: 'local', store: 'fs' });
    expect(c.datasetPrefix).toBe('');
  });

  it('NBA_BACKEND=gcp selects BigQuery, Pub/Sub and Cloud Storage', () => {
    const c = parseConfig({
      NBA_BACKEND: 'gcp',
      NBA_ENVIRONMENT: 'prod',
      GOOGLE_CLOUD_PROJECT: 'nba-props-prod',
      NBA_EXPORT_BUCKET: 'nba-props-exports',
    });
    expect(c.ports).toEqual({ warehouse: 'bigquery', bus: 'pubsub', store: 'gcs' });
    expect(c.gcp).toEqual({
      projectId: 'nba-props-prod',
      location: 'us-west2',
      bucket: 'nba-props-exports',
      publishTimeoutMs: 60_000,
      gcsMaxRetries: 3,
    });
  });

  it('overrides one port at a time (the emulator test: Pub/Sub on DuckDB and a folder)', () => {
    const c = parseConfig({ NBA_BUS: 'pubsub', GOOGLE_CLOUD_PROJECT: 'demo-local' });
    expect(c.ports).toEqual({ warehouse: 'duckdb', bus: 'pubsub', store: 'fs' });
  });

  it('refuses a Google port without a project, the gcs store without a bucket, and a bad project id', () => {
    expect(() => parseConfig({ NBA_BUS: 'pubsub' })).toThrow(
      'NBA_BACKEND=local with warehouse=duckdb, bus=pubsub, store=fs needs GOOGLE_CLOUD_PROJECT',
    );
    expect(() => parseConfig({ NBA_BACKEND: 'gcp', GOOGLE_CLOUD_PROJECT: 'nba-props-prod' })).toThrow(
      'the gcs store (NBA_BACKEND=gcp or NBA_STORE=gcs) needs NBA_EXPORT_BUCKET',
    );
    expect(() => parseConfig({ NBA_WAREHOUSE: 'bigquery', GOOGLE_CLOUD_PROJECT: 'x`.evil' })).toThrow(
      'GOOGLE_CLOUD_PROJECT="x`.evil": must be a Google Cloud project id',
    );
  });
});

describe('knobs', () => {
  it('defaults: export concurrency 16, lease wait 30 s / stale 10 min / poll 50 ms, 3 GCS retries', () => {
    const c = parseConfig({});
    expect(c.exportConcurrency).toBe(16);
    expect(c.lease).toEqual({ waitMs: 30_000, staleMs: 600_000, pollMs: 50 });
    expect(c.gcp.gcsMaxRetries).toBe(3);
  });

  it('reads each from its variable and names the variable when out of range', () => {
    const c = parseConfig({
      NBA_EXPORT_CONCURRENCY: '4',
      NBA_LEASE_WAIT_MS: '0',
      NBA_LEASE_STALE_MS: '120000',
      NBA_LEASE_POLL_MS: '10',
      NBA_GCS_MAX_RETRIES: '0',
    });
    expect([c.exportConcurrency, c.lease, c.gcp.gcsMaxRetries]).toEqual([
      4,
      { waitMs: 0, staleMs: 120_000, pollMs: 10 },
      0,
    ]);
    expect(() => parseConfig({ NBA_EXPORT_CONCURRENCY: '0' })).toThrow(
      'invalid configuration: NBA_EXPORT_CONCURRENCY="0"',
    );
    expect(() => parseConfig({ NBA_LEASE_STALE_MS: '1000' })).toThrow('NBA_LEASE_STALE_MS="1000"');
  });
});

describe('a misconfigured process refuses to start', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('getRuntime() fails with the ConfigError and the handler fails the invocation instead of acking', async () => {
    process.env.NBA_ENVIRONMENT = 'prod';
    process.env.NBA_DATASET_PREFIX = 'test_';
    let runtime!: typeof import('../../lib/runtime');
    let handler!: typeof import('../../functions/startBatch').handler;
    jest.isolateModules(() => {
      runtime = jest.requireActual<typeof import('../../lib/runtime')>('../../lib/runtime');
      handler = jest.requireActual<typeof import('../../functions/startBatch')>(
        '../../functions/startBatch',
      ).handler;
    });
    await expect(Promise.resolve().then(() => runtime.getRuntime())).rejects.toThrow(
      'NBA_DATASET_PREFIX="test_" in NBA_ENVIRONMENT=prod: production uses no prefix; refusing to start',
    );
    const ce = {
      specversion: '1.0',
      id: 'm-1',
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      source: '//pubsub.googleapis.com/projects/p/topics/nba-predictions-trigger',
      data: {
        message: { data: Buffer.from('{"game_date":"2025-12-05"}').toString('base64'), messageId: 'm-1' },
      },
    };
    await expect(handler(ce)).rejects.toBeInstanceOf(Error);
    await expect(handler(ce)).rejects.toMatchObject({ name: 'ConfigError' });
  });
});
