/**
 * The whole pipeline on the embedded default with the shipped real data: trigger -> startBatch ->
 * predictPlayer x N -> onBatchComplete -> consolidate -> exportTonight, through the in-process bus
 * and the handlers registered with functions-framework.
 *
 * The slate of 2025-12-05 runs once before the tests; a test that runs a date again reads the batch
 * the rows belong to now ({@link currentBatch}), so no test depends on another having run first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import '../../functions';
import { nonFinitePaths } from '../../lib/export/finite';
import type { PlayerDoc } from '../../lib/export/player';
import type { PredictionsDoc } from '../../lib/export/predictions';
import type { TonightDoc } from '../../lib/export/tonight';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import type { PredictionRequest } from '../../lib/messages';
import { findBatchOfTrigger, type BatchRow } from '../../lib/data/batches';
import { gradeDate } from '../../lib/data/grading';
import { DECISION } from '../../lib/model/probability-constants';
import { SYSTEM_IDS } from '../../lib/model/registry';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { stagingTable } from '../../lib/warehouse/tables';
import { captureLogs, testConfig } from '../helpers/runtime';

let rt: LocalRuntime;
/** The first run of 2025-12-05. */
let first: BatchRow | null;

async function run(gameDate: string) {
  const trigger = await rt.bus.publish(TOPICS.trigger, { game_date: gameDate, force: true });
  await rt.bus.drain();
  return findBatchOfTrigger(rt.warehouse, trigger);
}

beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
  setRuntime(rt);
  first = await run('2025-12-05');
}, 120_000);
afterAll(() => rt.warehouse.close());

/** The batch the rows of 2025-12-05 belong to now: its newest exported run. */
async function currentBatch(): Promise<string> {
  const [b] = await rt.warehouse.query<{ batch_id: string }>(
    `SELECT batch_id FROM {{nba_predictions.prediction_batches}}
     WHERE game_date = CAST('2025-12-05' AS DATE) AND status = 'exported' ORDER BY created_at DESC LIMIT 1`,
  );
  return b?.batch_id ?? '(none)';
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(rt.store.root, path), 'utf8')) as T;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('a real slate end to end (2025-12-05, 12 games, lines from 8 books)', () => {
  it('exports tonight with 12 games and at least 150 players with lines', () => {
    expect(first?.status).toBe('exported');
    const doc = readJson<TonightDoc>('v1/tonight/all-players.json');
    expect(doc.game_date).toBe('2025-12-05');
    expect(doc.games).toHaveLength(12);
    expect(doc.total_players).toBeGreaterThanOrEqual(150);
    expect(doc.total_with_lines).toBeGreaterThanOrEqual(150);
    expect(doc.total_players).toBe(doc.games.reduce((a, g) => a + g.player_count, 0));
    expect(rt.bus.deadLetters).toEqual([]);
    // Jokić plays at ATL tonight: the name keeps its accent, the lookup has none
    const jokic = doc.games.flatMap((g) => g.players).find((p) => p.player_lookup === 'nikolajokic');
    expect(jokic?.name).toBe('Nikola Jokić');
    expect(jokic?.props?.[0].stat_type).toBe('points');
  });

  it('writes one row per system per ladder line, each with its own line_key', async () => {
    const batchId = await currentBatch();
    const perPlayer = await rt.warehouse.query<{
      player_lookup: string;
      n: number;
      keys: number;
      lined: boolean;
    }>(
      `SELECT player_lookup, COUNT(*) AS n, COUNT(DISTINCT line_key) AS keys, MAX(line_value) IS NOT NULL AS lined
       FROM {{nba_predictions.player_prop_predictions}} WHERE batch_id = @b GROUP BY player_lookup`,
      { b: batchId },
    );
    const lined = perPlayer.filter((p) => p.lined);
    expect(lined.length).toBeGreaterThanOrEqual(150);
    for (const p of lined)
      expect([p.player_lookup, p.n, p.keys]).toEqual([p.player_lookup, SYSTEM_IDS.length * 5, 5]);
    for (const p of perPlayer.filter((x) => !x.lined)) expect([p.n, p.keys]).toEqual([SYSTEM_IDS.length, 1]);
    expect(await rt.warehouse.tableExists(stagingTable(batchId))).toBe(false); // dropped after consolidation
  });

  it('sends every predictPlayer only games dated before the game date', () => {
    const requests = rt.bus.published
      .filter((m) => m.topic === TOPICS.request)
      .map((m) => m.payload as PredictionRequest);
    expect(requests.length).toBeGreaterThanOrEqual(150);
    const late = requests.flatMap((r) => r.history.filter((g) => g.game_date >= r.game_date));
    expect(late).toEqual([]);
  });

  it('exports calls that follow the EV rule on the numbers it shows', () => {
    const doc = readJson<PredictionsDoc>('v1/predictions/2025-12-05.json');
    const entries = doc.games
      .flatMap((g) => g.predictions)
      .filter((p) => p.line !== null && p.predicted !== null);
    expect(entries.length).toBeGreaterThan(800);
    for (const p of entries) {
      expect(p.edge ?? 0).toBeCloseTo((p.predicted ?? 0) - (p.line ?? 0), 9);
      // probabilities of a half-point line add up to 1 (as stored, 4 decimals)
      expect((p.p_over ?? 0) + (p.p_under ?? 0)).toBeCloseTo(1, 3);
      const pick = p.ev !== null && p.ev >= DECISION.evThreshold && p.availability === 'active';
      expect([p.player_lookup, p.system_id, p.recommendation]).toEqual([
        p.player_lookup,
        p.system_id,
        pick ? expect.stringMatching(/^(OVER|UNDER)$/) : 'PASS',
      ]);
      if (!pick) expect(p.pass_reason).toEqual(expect.any(String));
      else expect(p.confidence).toEqual(p.recommendation === 'OVER' ? p.p_over : p.p_under);
    }
  });

  it("writes Jokić's card from his own box scores: game, last 10, averages, systems, ladder", () => {
    // his last 10 games before 2025-12-05 in data/player_games_2025_26.csv.gz (newest first)
    const last10 = [
      ['2025-12-03', 24, 35.28],
      ['2025-12-01', 29, 37],
      ['2025-11-29', 26, 31.4],
      ['2025-11-28', 21, 36.02],
      ['2025-11-24', 17, 33.72],
      ['2025-11-22', 44, 36.59],
      ['2025-11-21', 34, 39.33],
      ['2025-11-19', 28, 34.43],
      ['2025-11-17', 36, 38.62],
      ['2025-11-15', 27, 37.17],
    ] as const;
    const card = readJson<PlayerDoc>('v1/tonight/player/nikolajokic.json');
    expect([card.name, card.game.team, card.game.opponent, card.game.is_home]).toEqual([
      'Nikola Jokić',
      'DEN',
      'ATL',
      false,
    ]);
    expect(card.summary.player_lookup).toBe('nikolajokic');
    expect(card.recent_games.map((g) => [g.game_date, g.points, g.minutes])).toEqual(
      last10.map(([d, p, m]) => [d, p, Math.round(m * 10) / 10]),
    );
    expect(card.last_10_ppg).toBe(28.6); // 286 / 10
    expect(card.last_10_mpg).toBe(36); // 359.56 / 10 = 35.956
    expect(card.back_to_back).toBe(false); // last game 2025-12-03, two days before
    expect(card.systems.map((x) => x.system_id)).toEqual([...SYSTEM_IDS].sort());
    // the ensemble across the ladder: 5 lines, one point apart, around the main line
    const main = card.summary.props?.[0].line ?? NaN;
    expect(card.ladder.map((l) => l.line)).toEqual([main - 2, main - 1, main, main + 1, main + 2]);
    for (const l of card.ladder)
      expect((l.p_over ?? 0) + (l.p_under ?? 0) + (l.p_push ?? 0)).toBeCloseTo(1, 3);
  });

  it('writes only finite numbers or null in every exported file', () => {
    const files = allFiles(rt.store.root);
    expect(files.length).toBeGreaterThan(150); // all-players, predictions, one file per player
    for (const f of files.filter((name) => name.endsWith('.json')))
      expect([f, nonFinitePaths(JSON.parse(readFileSync(f, 'utf8')))]).toEqual([f, []]);
  });

  it('grades the slate against the box scores (Jokić scored 40 at ATL)', async () => {
    const result = await gradeDate(rt, '2025-12-05');
    expect(result.status).toBe('complete');
    expect(result.games).toHaveLength(12);
    expect(result.graded_rows).toBeGreaterThan(3000);
    const batchId = await currentBatch();
    const runs = await rt.warehouse.query<{ batch_id: string }>(
      'SELECT DISTINCT batch_id FROM {{nba_predictions.prediction_accuracy}}',
    );
    expect(runs).toEqual([{ batch_id: batchId }]);
    const rows = await rt.warehouse.query<{
      actual_points: number;
      signed_error: number;
      predicted_points: number;
    }>(
      `SELECT actual_points, signed_error, predicted_points FROM {{nba_predictions.prediction_accuracy}}
       WHERE player_lookup = 'nikolajokic' AND system_id = 'moving_average'`,
    );
    expect(rows.length).toBe(5); // one per ladder line
    for (const r of rows) {
      expect(r.actual_points).toBe(40);
      expect(r.signed_error).toBeCloseTo(r.predicted_points - 40, 6);
    }
  });

  it('leaves the same row count when run twice', async () => {
    const count = async () =>
      (
        await rt.warehouse.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM {{nba_predictions.player_prop_predictions}}',
        )
      )[0].n;
    const before = await count();
    const previous = await currentBatch();
    const second = await run('2025-12-05');
    expect(second?.batch_id).not.toBe(previous);
    expect(await currentBatch()).toBe(second?.batch_id);
    expect(await count()).toBe(before);
    expect(second?.consolidated_rows).toBe(before);
  });

  it('runs an earlier date (2025-11-05, 11 games) without moving v1/tonight/ back to it', async () => {
    const batch = await run('2025-11-05');
    expect([batch?.status, batch?.export_path]).toEqual(['exported', 'v1/predictions/2025-11-05.json']);
    const ofDate = readJson<PredictionsDoc>('v1/predictions/2025-11-05.json');
    expect([ofDate.game_date, ofDate.games.length]).toEqual(['2025-11-05', 11]);
    const doc = readJson<TonightDoc>('v1/tonight/all-players.json');
    expect(doc.game_date).toBe('2025-12-05'); // the newest consolidated date stays tonight's
    expect(readJson<PredictionsDoc>('v1/predictions/today.json').game_date).toBe('2025-12-05');
    expect(await rt.store.list('v1/tonight/player/')).toHaveLength(doc.total_players); // tonight's cards only
  });

  it('exports totals 0 and no games on a date without games (Thanksgiving 2025)', async () => {
    const batch = await run('2025-11-27');
    expect(batch?.expected_players).toBe(0);
    expect(batch?.status).toBe('exported');
    const doc = readJson<PredictionsDoc>('v1/predictions/2025-11-27.json');
    expect([doc.game_date, doc.total_games, doc.total_predictions, doc.games]).toEqual([
      '2025-11-27',
      0,
      0,
      [],
    ]);
  });

  it('refuses a date outside the data and says which range the data covers', async () => {
    const logs = captureLogs();
    const batch = await run('2027-01-01');
    logs.restore();
    expect(batch).toBeNull();
    const failure = logs.entries().find((e) => e.event === 'permanent_failure');
    expect(failure?.message).toContain(
      'no schedule data for 2027-01-01: the schedule covers 2024-10-22..2026-04-12',
    );
  });
});
