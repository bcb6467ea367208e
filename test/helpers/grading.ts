/**
 * A small graded night for the grading and daily-export tests, on an in-memory DuckDB: the
 * upstream tables grading reads (schedule, box scores), two games of 2025-12-04 and prediction
 * rows written as consolidation writes them.
 *
 * Games: g1 BOS-LAL (tip 2025-12-05T00:10Z), g2 NYK-MIA (tip 03:00Z).
 * Run A (created 16:00, consolidated 16:10) predicted everybody; run B (created 17:00,
 * consolidated 17:10) was cut short after one player, `cut`, so every other player is exported
 * (and must be graded) from run A.
 */
import { PREDICTIONS_SPEC } from '../../lib/warehouse/schema';
import type { Row } from '../../lib/warehouse/port';
import { insertBatch, memoryRuntime } from './runtime';

export const D = '2025-12-04';
export const RUN_A = 'batch_2025_12_04_a';
export const RUN_B = 'batch_2025_12_04_b';

/** A player_prop_predictions row with these values (a main-line ensemble pick at -110 by default). */
export function prediction(
  over: Partial<Record<string, string | number | boolean | null>> & { player_lookup: string },
): Row {
  const batch = String(over.batch_id ?? RUN_A);
  const system = String(over.system_id ?? 'ensemble_v1');
  const line = over.line_value === undefined ? 20.5 : over.line_value;
  const lineKey = line === null ? -1 : Math.round(Number(line) * 10);
  return {
    prediction_id: `${batch}:${over.player_lookup}:${system}:${lineKey}`,
    batch_id: batch,
    game_id: 'g1',
    game_date: D,
    player_name: `Player ${over.player_lookup}`,
    team_abbr: 'BOS',
    opponent_team_abbr: 'LAL',
    is_home: true,
    system_id: system,
    line_key: lineKey,
    line_value: line,
    is_main_line: line !== null,
    over_odds: -110,
    under_odds: -110,
    predicted_points: 22,
    confidence_score: 0.55,
    recommendation: 'OVER',
    price_side: 'OVER',
    price_odds: -110,
    price_book: 'draftkings',
    ev: 0.05,
    stake_fraction: 0.01,
    p_over: 0.55,
    market_p_over: 0.5,
    created_at: '2025-12-04T16:00:00.000Z',
    ...over,
  };
}

/** A box-score row (points and minutes of one player in one game of D). */
export interface BoxScore {
  player_lookup: string;
  game_id: string;
  points: number;
  minutes: number;
}

/** The night's rows: who was predicted what, and what happened. */
export const PREDICTIONS: Row[] = [
  // +150 OVER 20.5, scored 24: a win worth 1.5 units
  prediction({ player_lookup: 'plusonefifty', price_odds: 150 }),
  // -120 UNDER 20.5, scored 18: a win worth 100/120 = 0.8333 units
  prediction({
    player_lookup: 'minustwenty',
    recommendation: 'UNDER',
    price_side: 'UNDER',
    price_odds: -120,
  }),
  // -110 OVER 20.5, scored 15: a loss of 1 unit
  prediction({ player_lookup: 'loser' }),
  // OVER 20 (a whole-number line), scored 20: a push, stake back
  prediction({ player_lookup: 'pusher', line_value: 20 }),
  // no box-score row at all: void
  prediction({ player_lookup: 'dnp', price_odds: 100 }),
  // a 0-minute box-score row: void too
  prediction({ player_lookup: 'zeromin' }),
  // a PASS, scored 25: graded (error, line result) with no pick result
  prediction({
    player_lookup: 'passer',
    recommendation: 'PASS',
    pass_reason: 'NO_EDGE',
    confidence_score: null,
  }),
  // the same player at a ladder line for another system: not the headline pick; scored 24 > 22.5
  prediction({
    player_lookup: 'plusonefifty',
    system_id: 'moving_average',
    line_value: 22.5,
    is_main_line: false,
    price_odds: 120,
  }),
  // g2: predicted by run A at 14.5, then by run B (cut short) at 15.5; scored 15
  prediction({
    player_lookup: 'cut',
    game_id: 'g2',
    line_value: 14.5,
    team_abbr: 'NYK',
    opponent_team_abbr: 'MIA',
  }),
  prediction({
    player_lookup: 'cut',
    game_id: 'g2',
    batch_id: RUN_B,
    line_value: 15.5,
    recommendation: 'UNDER',
    price_side: 'UNDER',
    price_odds: 105,
    team_abbr: 'NYK',
    opponent_team_abbr: 'MIA',
    created_at: '2025-12-04T17:00:00.000Z',
  }),
  // g2, run A only: exported (and graded) from the earlier run; scored 9 under 11.5
  prediction({
    player_lookup: 'onlya',
    game_id: 'g2',
    line_value: 11.5,
    recommendation: 'UNDER',
    price_side: 'UNDER',
    price_odds: -105,
    team_abbr: 'MIA',
    opponent_team_abbr: 'NYK',
    is_home: false,
  }),
];

export const BOX_SCORES: BoxScore[] = [
  { player_lookup: 'plusonefifty', game_id: 'g1', points: 24, minutes: 34 },
  { player_lookup: 'minustwenty', game_id: 'g1', points: 18, minutes: 30.5 },
  { player_lookup: 'loser', game_id: 'g1', points: 15, minutes: 28 },
  { player_lookup: 'pusher', game_id: 'g1', points: 20, minutes: 31 },
  { player_lookup: 'zeromin', game_id: 'g1', points: 0, minutes: 0 },
  { player_lookup: 'passer', game_id: 'g1', points: 25, minutes: 33 },
  { player_lookup: 'cut', game_id: 'g2', points: 15, minutes: 29 },
  { player_lookup: 'onlya', game_id: 'g2', points: 9, minutes: 22 },
];

/** Writes box-score rows. */
export async function addBoxScores(
  rt: Awaited<ReturnType<typeof gradingRuntime>>,
  rows: readonly BoxScore[],
) {
  await rt.warehouse.withConnection(async (c) => {
    for (const b of rows) {
      await c.run(
        'INSERT INTO nba_analytics.player_game_summary (player_lookup, game_id, game_date, minutes_played, points) VALUES ($p, $g, CAST($d AS DATE), $m, $pts)',
        { p: b.player_lookup, g: b.game_id, d: D, m: b.minutes, pts: b.points },
      );
    }
  });
}

/**
 * The runtime with the night loaded: runs A and B consolidated, the predictions, and the box scores
 * of `boxGames` (both games by default). Clock: `now`.
 */
export async function gradingRuntime(now: () => Date, boxGames: readonly string[] = ['g1', 'g2']) {
  const rt = await memoryRuntime(now);
  await rt.warehouse.withConnection(async (c) => {
    await c.run('CREATE SCHEMA IF NOT EXISTS nba_raw');
    await c.run(
      'CREATE TABLE nba_raw.nbac_schedule (game_id VARCHAR, game_date DATE, home_team VARCHAR, away_team VARCHAR, commence_time TIMESTAMP)',
    );
    await c.run(
      "INSERT INTO nba_raw.nbac_schedule VALUES ('g1', DATE '2025-12-04', 'BOS', 'LAL', TIMESTAMP '2025-12-05 00:10:00'), ('g2', DATE '2025-12-04', 'NYK', 'MIA', TIMESTAMP '2025-12-05 03:00:00'), ('g3', DATE '2025-12-05', 'DEN', 'ATL', NULL)",
    );
    await c.run('CREATE SCHEMA IF NOT EXISTS nba_analytics');
    await c.run(
      'CREATE TABLE nba_analytics.player_game_summary (player_lookup VARCHAR, game_id VARCHAR, game_date DATE, minutes_played DOUBLE, points BIGINT)',
    );
  });
  await insertBatch(rt.warehouse, {
    batch_id: RUN_A,
    game_date: D,
    created: '2025-12-04T16:00:00.000Z',
    consolidated: '2025-12-04T16:10:00.000Z',
  });
  await insertBatch(rt.warehouse, {
    batch_id: RUN_B,
    game_date: D,
    created: '2025-12-04T17:00:00.000Z',
    consolidated: '2025-12-04T17:10:00.000Z',
  });
  await rt.warehouse.load(PREDICTIONS_SPEC, PREDICTIONS);
  await addBoxScores(
    rt,
    BOX_SCORES.filter((b) => boxGames.includes(b.game_id)),
  );
  return rt;
}

/** Every prediction_accuracy row of the date, as plain values, by prediction_id. */
export async function accuracyRows(rt: Awaited<ReturnType<typeof gradingRuntime>>) {
  return rt.warehouse.query<Record<string, unknown>>(
    'SELECT * FROM {{nba_predictions.prediction_accuracy}} ORDER BY prediction_id',
  );
}

/** The next night, 2025-12-05 (game g3 DEN-ATL): one consolidated run with two picks and a PASS. */
export const NEXT = '2025-12-05';
export const RUN_NEXT = 'batch_2025_12_05_a';

/** Adds the next night's run: an ensemble OVER (EV 0.05), a moving_average UNDER (EV 0.25) and a PASS. */
export async function addNextSlate(rt: Awaited<ReturnType<typeof gradingRuntime>>) {
  await insertBatch(rt.warehouse, {
    batch_id: RUN_NEXT,
    game_date: NEXT,
    created: '2025-12-05T16:00:00.000Z',
    consolidated: '2025-12-05T16:10:00.000Z',
  });
  const next = {
    batch_id: RUN_NEXT,
    game_date: NEXT,
    game_id: 'g3',
    team_abbr: 'DEN',
    opponent_team_abbr: 'ATL',
  };
  await rt.warehouse.load(PREDICTIONS_SPEC, [
    prediction({ ...next, player_lookup: 'nikolajokic', line_value: 28.5, ev: 0.05, price_odds: 105 }),
    prediction({
      ...next,
      player_lookup: 'nikolajokic',
      system_id: 'moving_average',
      line_value: 28.5,
      recommendation: 'UNDER',
      price_side: 'UNDER',
      price_odds: -115,
      ev: 0.25,
    }),
    prediction({ ...next, player_lookup: 'jamalmurray', line_value: 21.5, recommendation: 'PASS', ev: 0.01 }),
  ]);
}
