/**
 * The BigQuery adapter with the REAL @google-cloud/bigquery client, pointed at a local endpoint that
 * records what arrives (test/gcp/fake-bigquery.ts). No network beyond 127.0.0.1, no credentials.
 * The adapter runs in a plain Node child (test/gcp/bigquery-worker.ts: the client's HTTP layer
 * cannot run inside jest's VM); the endpoint and the assertions run here.
 *
 * What it proves: the SQL sent is the shared SQL with backticked, prefixed names; every parameter
 * is a named parameter with an explicit type (an empty array included); DML returns
 * numDmlAffectedRows; staging rows go by a load job (NDJSON, WRITE_APPEND, schema from the spec)
 * and never by insertAll; tables get partitioning, clustering and expiration; errors are classified.
 */
import { toNdjson } from '../../lib/warehouse/bigquery';
import type { Row } from '../../lib/warehouse/port';
import { PREDICTION_COLUMNS, PREDICTIONS_SPEC, stagingSpec } from '../../lib/warehouse/schema';
import * as bsql from '../../lib/warehouse/sql/batches';
import { CANDIDATE_SUMMARIES } from '../../lib/warehouse/sql/slate';
import { stagingTable, TABLES } from '../../lib/warehouse/tables';
import { errorBody, FakeBigQuery } from './fake-bigquery';
import { startRemoteWarehouse, type RemoteWarehouse, type WorkerError } from './remote-warehouse';

const PROJECT = 'demo-project';
const NOW_MS = Date.parse('2025-12-05T15:00:00.000Z');

let fake: FakeBigQuery;
let wh: RemoteWarehouse;
let stop: () => void;

beforeAll(async () => {
  fake = await new FakeBigQuery().start();
  ({ wh, stop } = startRemoteWarehouse(fake.url, PROJECT, 'test_', NOW_MS));
});
afterAll(async () => {
  stop();
  await fake.stop();
});
beforeEach(() => fake.reset());

/** A complete staging row (every REQUIRED column set). */
function predictionRow(player: string, system: string, lineKey: number, predicted: number | null): Row {
  const row: Row = {};
  for (const c of PREDICTION_COLUMNS) row[c.name] = null;
  return Object.assign(row, {
    prediction_id: `p_${player}_${system}_${lineKey}`,
    batch_id: 'batch_2025_12_05_1',
    game_id: '0022500345',
    game_date: '2025-12-05',
    player_lookup: player,
    player_name: 'Nikola Jokić',
    is_home: false,
    system_id: system,
    line_key: lineKey,
    line_value: lineKey / 10,
    predicted_points: predicted,
    confidence_score: 0.71,
    recommendation: 'OVER',
    created_at: '2025-12-05T15:00:01.250Z',
  });
}

describe('query', () => {
  it('sends the shared SQL with backticked prefixed names and typed named parameters', async () => {
    fake.onQuery = () => ({
      body: {
        jobComplete: true,
        totalRows: '1',
        schema: {
          fields: [
            { name: 'player_lookup', type: 'STRING' },
            { name: 'game_date', type: 'DATE' },
            { name: 'points', type: 'INTEGER' },
            { name: 'minutes', type: 'FLOAT' },
            { name: 'is_home', type: 'BOOLEAN' },
            { name: 'created_at', type: 'TIMESTAMP' },
            { name: 'fga', type: 'INTEGER' },
          ],
        },
        rows: [
          {
            f: [
              { v: 'nikolajokic' },
              { v: '2025-12-03' },
              { v: '36' },
              { v: '34.5' },
              { v: 'false' },
              { v: '1764954000000000' },
              { v: null },
            ],
          },
        ],
      },
    });
    const rows = await wh.query(CANDIDATE_SUMMARIES, {
      game_date: '2025-12-05',
      history_start: '2024-12-05',
      max_games: 30,
      minutes_window: 10,
      teams: ['ATL', 'DEN'],
      lined_lookups: [],
      unused: 'not sent',
    });
    expect(rows).toEqual([
      {
        player_lookup: 'nikolajokic',
        game_date: '2025-12-03',
        points: 36,
        minutes: 34.5,
        is_home: false,
        created_at: '2025-12-05T17:00:00.000Z',
        fga: null,
      },
    ]);
    const [q] = fake.queries();
    expect(q.useLegacySql).toBe(false);
    expect(q.parameterMode).toBe('named');
    expect(q.location).toBe('us-west2');
    expect(q.query).toContain('FROM `demo-project.test_nba_analytics.player_game_summary`');
    expect(q.query).not.toContain('{{');
    // no value is spliced into the text
    expect(q.query).not.toContain('2025-12-05');
    expect(q.query).not.toContain('ATL');
    const byName = Object.fromEntries((q.queryParameters ?? []).map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual([
      'game_date',
      'history_start',
      'lined_lookups',
      'max_games',
      'minutes_window',
      'teams',
    ]);
    expect(byName.game_date.parameterType).toEqual({ type: 'STRING' });
    expect(byName.max_games.parameterType).toEqual({ type: 'INT64' });
    expect(byName.max_games.parameterValue).toEqual({ value: 30 });
    expect(byName.teams.parameterType).toEqual({ type: 'ARRAY', arrayType: { type: 'STRING' } });
    expect(byName.teams.parameterValue.arrayValues).toEqual([{ value: 'ATL' }, { value: 'DEN' }]);
    // the empty array still has an explicit type (the client refuses to infer one)
    expect(byName.lined_lookups.parameterType).toEqual({ type: 'ARRAY', arrayType: { type: 'STRING' } });
    expect(byName.lined_lookups.parameterValue.arrayValues).toEqual([]);
    // the only credential anywhere is the worker's fixed fake token
    expect(fake.requests.every((r) => r.authorization === 'Bearer fake-test-token')).toBe(true);
  });

  it('refuses a statement whose parameter has no value, naming it, before any request', async () => {
    await expect(wh.query(bsql.GET_BATCH, {})).rejects.toMatchObject({
      name: 'PermanentError',
      code: 'MISSING_PARAM',
      message: expect.stringContaining('@batch_id') as unknown,
    });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('execute', () => {
  it('returns numDmlAffectedRows, so a milestone UPDATE knows whether it fired', async () => {
    const replies = ['1', '0'];
    fake.onQuery = () => ({ body: { jobComplete: true, numDmlAffectedRows: replies.shift() } });
    const params = { batch_id: 'batch_2025_12_05_1', now: '2025-12-05T15:00:00.000Z' };
    expect(await wh.execute(bsql.fireMilestone('complete'), params)).toBe(1);
    expect(await wh.execute(bsql.fireMilestone('complete'), params)).toBe(0);
    const [q] = fake.queries();
    expect(q.query).toBe(
      'UPDATE `demo-project.test_nba_predictions.prediction_batches` SET complete_fired_at = CAST(@now AS TIMESTAMP) WHERE batch_id = @batch_id AND complete_fired_at IS NULL AND deadline_fired_at IS NULL',
    );
  });

  it('sends integers as INT64 and strings as STRING', async () => {
    fake.onQuery = () => ({ body: { jobComplete: true, numDmlAffectedRows: '1' } });
    await wh.execute(bsql.SET_PUBLISHED, { batch_id: 'b1', published_players: 187 });
    const types = Object.fromEntries(
      (fake.queries()[0].queryParameters ?? []).map((p) => [p.name, p.parameterType.type]),
    );
    expect(types).toEqual({ published_players: 'INT64', batch_id: 'STRING' });
  });
});

describe('load (staging by load job, never insertAll)', () => {
  it('uploads NDJSON with WRITE_APPEND and the spec schema to the prefixed staging table', async () => {
    fake.tables.add('test_nba_predictions._staging_batch_2025_12_05_1');
    const rows = [
      predictionRow('nikolajokic', 'ensemble_v1', 285, 29.4),
      predictionRow('nikolajokic', 'moving_average', -1, null),
    ];
    const loaded = await wh.load(stagingSpec('batch_2025_12_05_1', 48), rows);
    expect(loaded).toBe(2);
    expect(fake.loads).toHaveLength(1);
    const { configuration, data, jobId } = fake.loads[0];
    expect(jobId.startsWith('nba_load_')).toBe(true);
    expect(configuration.load).toMatchObject({
      sourceFormat: 'NEWLINE_DELIMITED_JSON',
      writeDisposition: 'WRITE_APPEND',
      createDisposition: 'CREATE_NEVER',
      maxBadRecords: 0,
      destinationTable: {
        projectId: PROJECT,
        datasetId: 'test_nba_predictions',
        tableId: '_staging_batch_2025_12_05_1',
      },
    });
    const fields = (
      configuration.load.schema as { fields: Array<{ name: string; type: string; mode: string }> }
    ).fields;
    expect(fields.map((f) => `${f.name}:${f.type}:${f.mode}`)).toEqual(
      PREDICTION_COLUMNS.map((c) => `${c.name}:${c.type}:${c.mode}`),
    );
    const lines = data
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      player_lookup: 'nikolajokic',
      player_name: 'Nikola Jokić',
      game_date: '2025-12-05',
      line_key: 285,
      line_value: 28.5,
      predicted_points: 29.4,
      is_home: false,
      created_at: '2025-12-05T15:00:01.250Z',
      updated_at: null,
    });
    expect(Object.keys(lines[0])).toEqual(PREDICTION_COLUMNS.map((c) => c.name));
    expect(lines[1].predicted_points).toBeNull();
    expect(fake.requests.some((r) => r.path.includes('insertAll'))).toBe(false);
  });

  it('creates a missing staging table (with its expiration) and loads again', async () => {
    fake.onLoad = (l) =>
      fake.tables.has(
        `test_nba_predictions.${String((l.configuration.load.destinationTable as { tableId: string }).tableId)}`,
      )
        ? {}
        : {
            errorResult: {
              reason: 'notFound',
              message: 'Not found: Table demo-project:test_nba_predictions._staging_late',
            },
          };
    const loaded = await wh.load(stagingSpec('late', 48), [
      predictionRow('traeyoung', 'ensemble_v1', 255, 24.1),
    ]);
    expect(loaded).toBe(1);
    expect(fake.loads).toHaveLength(2);
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0].expirationTime).toBe(String(NOW_MS + 48 * 3_600_000));
    fake.onLoad = () => ({});
  });

  it('refuses a null REQUIRED column before uploading, naming row and column', async () => {
    const missing = { ...predictionRow('traeyoung', 'ensemble_v1', 255, 1), system_id: null };
    await expect(wh.load(stagingSpec('b', 48), [missing])).rejects.toMatchObject({
      name: 'PermanentError',
      code: 'LOAD_NULL_REQUIRED',
      message: 'load: row 0 column system_id is REQUIRED but the row has null',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a non-finite number (Infinity cannot cross JSON, so the pure encoder is called here)', () => {
    const bad = predictionRow('traeyoung', 'ensemble_v1', 255, Number.POSITIVE_INFINITY);
    expect(() => toNdjson(stagingSpec('b', 48), [bad])).toThrow(
      'load: row 0 column predicted_points is Infinity',
    );
  });
});

describe('tables', () => {
  it('creates player_prop_predictions partitioned by game_date and clustered, without expiration', async () => {
    await wh.createTable(PREDICTIONS_SPEC);
    const [t] = fake.created;
    expect(t.tableReference).toEqual({
      projectId: PROJECT,
      datasetId: 'test_nba_predictions',
      tableId: 'player_prop_predictions',
    });
    expect(t.timePartitioning).toEqual({ type: 'DAY', field: 'game_date' });
    expect(t.clustering).toEqual({ fields: ['system_id', 'player_lookup'] });
    expect(t.expirationTime).toBeUndefined();
    // a second create meets 409 Already Exists and is not an error (void comes back as null)
    await expect(wh.createTable(PREDICTIONS_SPEC)).resolves.toBeNull();
    expect(fake.created).toHaveLength(2);
  });

  it('creates a staging table expiring 48 hours from now', async () => {
    await wh.createTable(stagingSpec('batch_2025_12_05_1', 48));
    expect(fake.created[0].expirationTime).toBe(String(Date.parse('2025-12-07T15:00:00.000Z')));
  });

  it('answers exists, drops (missing is fine) and lists by prefix across pages', async () => {
    for (const t of [
      '_staging_a',
      '_staging_b',
      'player_prop_predictions',
      'prediction_batches',
      '_staging_c',
    ]) {
      fake.tables.add(`test_nba_predictions.${t}`);
    }
    fake.pageSize = 2;
    expect(await wh.tableExists(stagingTable('a'))).toBe(true);
    expect(await wh.tableExists(stagingTable('zzz'))).toBe(false);
    expect(await wh.listTables('nba_predictions', '_staging_')).toEqual([
      '_staging_a',
      '_staging_b',
      '_staging_c',
    ]);
    expect(fake.requestsTo(/\/tables$/).length).toBe(3); // 5 tables, 2 per page
    await wh.dropTable(stagingTable('a'));
    await wh.dropTable(stagingTable('a'));
    expect(await wh.tableExists(stagingTable('a'))).toBe(false);
    expect(await wh.tableExists(TABLES.predictions)).toBe(true);
  });
});

describe('a statement run at most once (onceKey)', () => {
  const create = (id: string) =>
    wh.execute(
      bsql.CREATE_BATCH,
      {
        batch_id: id,
        game_date: '2025-12-05',
        correlation_id: 'c',
        now: '2025-12-05T15:00:00.000Z',
        expected_players: 3,
        ineligible_players: 0,
        ineligible_json: '[]',
        lined_players: 3,
        deadline_at: '2025-12-05T16:30:00.000Z',
        trigger_message_id: 'm-1',
        model_state_json: '{}',
        expected_rows_json: '{}',
      },
      { onceKey: id },
    );

  it('creates a batch row once for two concurrent deliveries: one job id, the second insert refused', async () => {
    fake.onQuery = () => ({ body: { jobComplete: true, numDmlAffectedRows: '1' } });
    const results = await Promise.all([create('batch_2025_12_05_aa'), create('batch_2025_12_05_aa')]);
    expect(results.sort()).toEqual([0, 1]);
    expect(fake.queryJobs.map((j) => [j.jobId, j.status])).toEqual([
      ['nba_once_batch_2025_12_05_aa_1', 201],
      ['nba_once_batch_2025_12_05_aa_1', 409],
    ]);
    expect(fake.queryJobs[0].query.query).toContain(
      'WHERE NOT EXISTS (SELECT 1 FROM `demo-project.test_nba_predictions.prediction_batches`',
    );
    // a redelivery the next minute finds the job done: it changed nothing itself
    expect(await create('batch_2025_12_05_aa')).toBe(0);
  });

  it('runs it again under the next job id when the first run failed (a failed job changed nothing)', async () => {
    let runs = 0;
    fake.onQuery = () => {
      runs += 1;
      return runs === 1
        ? errorBody(
            500,
            'backendError',
            'Error encountered during execution. Retrying may solve the problem.',
          )
        : { body: { jobComplete: true, numDmlAffectedRows: '1' } };
    };
    const first = await create('batch_2025_12_05_bb').catch((e: unknown) => e);
    expect(first).toMatchObject({ name: 'RetryableError', code: 'BQ_BACKEND' });
    expect(await create('batch_2025_12_05_bb')).toBe(1); // the redelivery
    expect(fake.queryJobs.map((j) => [j.jobId, j.status])).toEqual([
      ['nba_once_batch_2025_12_05_bb_1', 201],
      ['nba_once_batch_2025_12_05_bb_1', 409],
      ['nba_once_batch_2025_12_05_bb_2', 201],
    ]);
  });
});

describe('errors', () => {
  it('maps a rate limit and a syntax error to RetryableError (no BigQuery error is a bad input)', async () => {
    fake.onQuery = () =>
      errorBody(
        403,
        'rateLimitExceeded',
        'Exceeded rate limits: too many table update operations for this table.',
      );
    const rate = await wh
      .execute(bsql.SET_PUBLISHED, { batch_id: 'b', published_players: 1 })
      .catch((e: unknown) => e);
    expect(rate).toMatchObject({ name: 'RetryableError', code: 'BQ_RATE_LIMIT' });

    fake.onQuery = () => errorBody(400, 'invalidQuery', 'Syntax error: Unexpected keyword FROM at [1:8]');
    const syntax = await wh.query(bsql.GET_BATCH, { batch_id: 'b' }).catch((e: unknown) => e);
    expect(syntax).toMatchObject({ name: 'RetryableError', code: 'BQ_INVALID' });
    expect((syntax as WorkerError).message).toContain('[sql: SELECT batch_id');
  });

  it('retries a MERGE that lost a serialization race (reported as 400 invalidQuery)', async () => {
    fake.onQuery = () =>
      errorBody(
        400,
        'invalidQuery',
        'Could not serialize access to table demo-project:test_nba_predictions.player_prop_predictions due to concurrent update',
      );
    const err = await wh
      .execute(bsql.SET_PUBLISHED, { batch_id: 'b', published_players: 1 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'RetryableError', code: 'BQ_CONCURRENT_UPDATE' });
  });

  it('retries a load job that failed on a bad value (a schema not yet deployed clears by itself)', async () => {
    fake.tables.add('test_nba_predictions._staging_b');
    fake.onLoad = () => ({
      errorResult: {
        reason: 'invalid',
        message: 'Error while reading data, error message: JSON table encountered too many errors',
      },
    });
    const err = await wh
      .load(stagingSpec('b', 48), [predictionRow('a', 'ensemble_v1', 1, 1)])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'RetryableError', code: 'BQ_INVALID' });
    fake.onLoad = () => ({});
  });
});
