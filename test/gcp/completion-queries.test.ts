/**
 * What completion tracking costs on BigQuery, counted on the wire: a realistic batch (the shape of
 * the 2025-12-05 slate: 175 players with a line writing 25 staging rows, 73 without writing 5, in
 * a random arrival order with a few redelivered loads and notifications) runs through the REAL
 * BigQuery adapter (test/gcp/completion-worker.ts) against the fake endpoint, which answers the
 * batch read, the distinct-player count and the milestone UPDATEs like the service would.
 *
 * Before the change every notification ran GET_BATCH and COUNT(DISTINCT) (about 500 query jobs a
 * batch, each billed at the 10 MiB minimum) and every load was preceded by a tables.get. Now: one
 * load job per player message and nothing else; per notification one tables.get (free metadata);
 * query jobs only to read the batch and its manifest once and to count when a milestone can have
 * been reached.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { mulberry32 } from '../../lib/grading/bootstrap';
import { histogramJson, rowsHistogram } from '../../lib/data/completion-bound';
import { FakeBigQuery, type FakeReply, type QueryRequestBody } from './fake-bigquery';

const PROJECT = 'demo-project';
const BATCH = 'batch_2025_12_05_1764950400000';
const STAGING = `_staging_${BATCH}`;
const B = '`demo-project.test_nba_predictions.prediction_batches`';

interface Event {
  kind: 'predict' | 'ready';
  player: string;
  lined: boolean;
}

/** 248 players in a seeded random order; ~2% of loads and ~2% of notifications redelivered. */
function scenario(seed: number): { events: Event[]; players: number; lined: number } {
  const players = Array.from({ length: 248 }, (_, i) => ({ player: `player${i}`, lined: i < 175 }));
  const rand = mulberry32(seed);
  for (let i = players.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [players[i], players[j]] = [players[j], players[i]];
  }
  const events: Event[] = [];
  for (const p of players) {
    events.push({ kind: 'predict', ...p }, { kind: 'ready', ...p });
    if (rand() < 0.02) events.push({ kind: 'predict', ...p }, { kind: 'ready', ...p });
    if (rand() < 0.02) events.push({ kind: 'ready', ...p });
  }
  return { events, players: players.length, lined: 175 };
}

const micros = (iso: string) => String(Date.parse(iso) * 1000);

/** The fake's replies: the batch row, the distinct count from the loads received, the UPDATEs. */
function answer(fake: FakeBigQuery, fired: Set<string>, expectedRowsJson: string) {
  return (q: QueryRequestBody): FakeReply => {
    const text = q.query;
    if (text.startsWith('SELECT') && text.includes(`FROM ${B} WHERE batch_id = @batch_id`)) {
      const cols: Array<[string, string, string | null]> = [
        ['batch_id', 'STRING', BATCH],
        ['game_date', 'STRING', '2025-12-05'],
        ['correlation_id', 'STRING', 'c'],
        ['created_at', 'TIMESTAMP', micros('2025-12-05T15:59:00.000Z')],
        ['expected_players', 'INTEGER', '248'],
        ['published_players', 'INTEGER', '248'],
        ['ineligible_players', 'INTEGER', '0'],
        ['ineligible_json', 'STRING', '[]'],
        ['lined_players', 'INTEGER', '175'],
        ['deadline_at', 'TIMESTAMP', micros('2025-12-05T17:30:00.000Z')],
        [
          'threshold_fired_at',
          'TIMESTAMP',
          fired.has('threshold') ? micros('2025-12-05T16:00:00.000Z') : null,
        ],
        ['complete_fired_at', 'TIMESTAMP', fired.has('complete') ? micros('2025-12-05T16:00:00.000Z') : null],
        ['deadline_fired_at', 'TIMESTAMP', null],
        ['consolidating_since', 'TIMESTAMP', null],
        ['consolidated_at', 'TIMESTAMP', null],
        ['consolidated_rows', 'INTEGER', null],
        ['exported_at', 'TIMESTAMP', null],
        ['export_path', 'STRING', null],
        ['status', 'STRING', 'running'],
        ['trigger_message_id', 'STRING', 't'],
        ['expected_rows_json', 'STRING', expectedRowsJson],
      ];
      return {
        body: {
          jobComplete: true,
          totalRows: '1',
          schema: { fields: cols.map(([name, type]) => ({ name, type })) },
          rows: [{ f: cols.map(([, , v]) => ({ v })) }],
        },
      };
    }
    if (
      text.trimStart().startsWith('SELECT DISTINCT player_lookup') &&
      text.includes('prediction_batch_members')
    ) {
      // the manifest: 248 members as the fixture requests describe them (175 with a 15.5 line)
      const cols: Array<[string, string]> = [
        ['player_lookup', 'STRING'],
        ['game_id', 'STRING'],
        ['game_date', 'STRING'],
        ['team_abbr', 'STRING'],
        ['opponent_team_abbr', 'STRING'],
        ['is_home', 'BOOLEAN'],
        ['line_points', 'FLOAT'],
      ];
      const members = Array.from({ length: 248 }, (_, i) => [
        `player${i}`,
        '0022500999',
        '2025-12-05',
        'BOS',
        'NYK',
        'true',
        i < 175 ? '15.5' : null,
      ]);
      return {
        body: {
          jobComplete: true,
          totalRows: String(members.length),
          schema: { fields: cols.map(([name, type]) => ({ name, type })) },
          rows: members.map((m) => ({ f: m.map((v) => ({ v })) })),
        },
      };
    }
    if (/COUNT\(DISTINCT (s\.)?player_lookup\)/.test(text) && text.includes(STAGING)) {
      const staged = fake.loads
        .filter((l) => (l.configuration.load.destinationTable as { tableId: string }).tableId === STAGING)
        .flatMap((l) => l.data.split('\n').filter((x) => x !== ''))
        .map((line) => (JSON.parse(line) as { player_lookup: string }).player_lookup);
      return {
        body: {
          jobComplete: true,
          totalRows: '1',
          schema: {
            fields: [
              { name: 'players', type: 'INTEGER' },
              { name: 'row_count', type: 'INTEGER' },
            ],
          },
          rows: [{ f: [{ v: String(new Set(staged).size) }, { v: String(staged.length) }] }],
        },
      };
    }
    const milestone = /^UPDATE \S+ SET (threshold|complete)_fired_at = /.exec(text)?.[1];
    if (milestone) {
      const first = !fired.has(milestone) && !(milestone === 'threshold' && fired.has('complete'));
      if (first) fired.add(milestone);
      return { body: { jobComplete: true, numDmlAffectedRows: first ? '1' : '0' } };
    }
    return {
      status: 400,
      body: { error: { code: 400, message: `unexpected query: ${text.slice(0, 200)}` } },
    };
  };
}

function runWorker(fake: FakeBigQuery, events: Event[]): Promise<Record<string, unknown>> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'completion-worker.ts'),
      fake.url,
      PROJECT,
      'test_',
    ],
    { cwd: join(__dirname, '..', '..'), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  child.stdin.write(JSON.stringify({ batch_id: BATCH, game_date: '2025-12-05', events }) + '\n');
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.kill();
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

describe('completion tracking on BigQuery, counted per batch', () => {
  let fake: FakeBigQuery;
  beforeEach(async () => {
    fake = await new FakeBigQuery().start();
    fake.tables.add(`test_nba_predictions.${STAGING}`);
  });
  afterEach(async () => {
    await fake.stop();
  });

  it.each([7, 42])(
    'a 248-player batch (seed %i) costs at most 20 query jobs, from about 500',
    async (seed) => {
      const { events } = scenario(seed);
      const fired = new Set<string>();
      const rows = [...Array<number>(175).fill(25), ...Array<number>(73).fill(5)];
      fake.onQuery = answer(fake, fired, histogramJson(rowsHistogram(rows)));
      const out = await runWorker(fake, events);
      expect(out.error).toBeUndefined();

      const predicts = events.filter((e) => e.kind === 'predict').length;
      const readies = events.filter((e) => e.kind === 'ready').length;
      const queries = fake.queries();
      const loadJobs = fake.requestsTo(/\/upload\/bigquery\/v2\/projects\/[^/]+\/jobs$/);
      const tableGets = fake.requests.filter((r) => r.method === 'GET' && /\/tables\/[^/]+$/.test(r.path));
      const kinds = queries.map((q) =>
        q.query.includes('COUNT(DISTINCT')
          ? 'count'
          : q.query.includes('prediction_batch_members') && q.query.trimStart().startsWith('SELECT DISTINCT')
            ? 'manifest'
            : q.query.startsWith('UPDATE')
              ? 'milestone'
              : 'read batch',
      );

      expect(out.rows).toEqual([5, 25]); // the fixture requests write what the histogram says
      expect(out.fired).toEqual(['threshold', 'complete']);
      expect(out.consolidate).toEqual(['threshold', 'complete']);
      expect(loadJobs).toHaveLength(predicts); // one load job per player message, nothing before it
      expect(tableGets).toHaveLength(readies); // one free metadata read per notification
      expect(kinds.filter((k) => k === 'read batch')).toHaveLength(1); // the batch is read once
      expect(kinds.filter((k) => k === 'manifest')).toHaveLength(1); // and its manifest once
      expect(kinds.filter((k) => k === 'milestone')).toHaveLength(2);
      expect(queries.length).toBeLessThanOrEqual(20);
      expect(readies).toBeGreaterThan(248); // what the old code multiplied by two
    },
  );
});
