/**
 * `v1/results/<date>.json` and `v1/results/latest.json`: what was published for a date and how it
 * went (lib/export/results.ts builds it). Points and minutes per game, American odds, profit in
 * units of one stake, rates 0-1.
 */
import { z } from 'zod';
import { LineResult, PickResult } from '../../grading/report-schema';
import { pickTaken, Recommendation, count, isoDate, isoInstant, probability } from './common';

/** A game of the date. */
export const ResultsGame = z
  .strictObject({
    game_id: z.string(),
    home_team: z.string().nullable(),
    away_team: z.string().nullable(),
    box_score_loaded: z
      .boolean()
      .describe('false when its box scores were not loaded at grading time (its players are not graded)'),
  })
  .meta({ id: 'ResultsGame' });
export type ResultsGame = z.infer<typeof ResultsGame>;

/** Totals of a set of picks. */
export const PickTotals = z
  .strictObject({
    picks: count(),
    wins: count(),
    losses: count(),
    pushes: count(),
    voids: count(),
    profit_units: z.number().describe('sum of the profits at the prices taken, units'),
    roi: z.number().nullable().describe('profit per unit staked (voids refunded, so not staked)'),
    hit_rate: probability().describe('wins / (wins + losses)'),
    break_even: probability().describe('mean implied probability of the prices taken'),
  })
  .meta({ id: 'PickTotals' });
export type PickTotals = z.infer<typeof PickTotals>;

/** One system's totals. */
export const SystemTotals = z
  .strictObject({
    system_id: z.string(),
    main_line: PickTotals,
    all_lines: PickTotals,
  })
  .meta({ id: 'SystemTotals' });
export type SystemTotals = z.infer<typeof SystemTotals>;

/** Who and which game a graded row is about. */
const graded = {
  game_id: z.string(),
  player_lookup: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  opponent: z.string().nullable(),
  is_home: z.boolean().nullable(),
  line: z.number().nullable(),
  predicted: z.number().nullable(),
  actual_points: z.number().nullable().describe('null for a void'),
  minutes: z.number().nullable(),
  result: PickResult.nullable(),
  profit_units: z.number().nullable(),
};

/** A pick and how it went. */
export const ResultPick = z
  .strictObject({
    ...graded,
    system_id: z.string(),
    headline: z.boolean().describe("the ensemble's pick at the main line: the pick all-players.json showed"),
    main_line: z.boolean(),
    ...pickTaken,
  })
  .meta({ id: 'ResultPick' });
export type ResultPick = z.infer<typeof ResultPick>;

/** A published line (the ensemble's main-line row of a player) and how the points went. */
export const ResultLine = z
  .strictObject({
    ...graded,
    over_odds: z.number().int().nullable(),
    under_odds: z.number().int().nullable(),
    recommendation: Recommendation,
    pass_reason: z.string().nullable(),
    played: z.boolean().describe('false for a void: no box-score row with minutes > 0'),
    line_result: LineResult.nullable().describe('null for a void'),
  })
  .meta({ id: 'ResultLine' });
export type ResultLine = z.infer<typeof ResultLine>;

/** The document. */
export const ResultsDoc = z.strictObject({
  game_date: isoDate(),
  generated_at: isoInstant(),
  graded_at: z.string().nullable().describe('latest grading of these rows, ISO'),
  status: z
    .enum(['complete', 'partial'])
    .describe("partial when some games' box scores were still missing at the deadline"),
  games: z.array(ResultsGame),
  missing_games: z.array(z.string()),
  players: z.strictObject({ graded: count(), played: count(), did_not_play: count() }),
  totals: z.array(SystemTotals),
  lines: z.array(ResultLine),
  picks: z.array(ResultPick),
});
export type ResultsDoc = z.infer<typeof ResultsDoc>;
