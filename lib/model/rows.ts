/**
 * Staging rows of one player: one row per system per ladder line (5 systems x 5 lines = 25 with a
 * line; one NO_LINE row per system without), each with its own line_value and line_key (DESIGN §4),
 * the market at that line, the calibrated probabilities and the decision
 * (lib/model/line-probability.ts). Numbers are rounded (lib/model/precision.ts) and finite or null.
 */
import { createHash } from 'node:crypto';
import type { PredictionRequest } from '../messages';
import { lineKey } from '../slate/ladder';
import type { Decision } from './decision';
import type { PlayerFeatures } from './features';
import { lineOutcome, marketAt } from './line-probability';
import { EV_DECIMALS, POINTS_DECIMALS, PROBABILITY_DECIMALS, storedEdge } from './precision';
import { SYSTEM_IDS } from './registry';
import { round } from './stats';
import type { SystemId, SystemResult } from './types';

/** Deterministic prediction_id: sha256 of batch and key, 32 hex characters (DESIGN §3). */
export function predictionId(
  batchId: string,
  gameId: string,
  playerLookup: string,
  systemId: string,
  key: number,
): string {
  return createHash('sha256')
    .update([batchId, gameId, playerLookup, systemId, String(key)].join('|'))
    .digest('hex')
    .slice(0, 32);
}

/** The features stored in feature_json (what the export and grading read back). */
export function featureJson(f: PlayerFeatures): string {
  return JSON.stringify(f, (_k, v: unknown) => (typeof v === 'number' ? round(v, 4) : v));
}

const prob = (x: number | null | undefined) => round(x ?? null, PROBABILITY_DECIMALS);

/** The lines a player's rows are written for: the ladder (or the main line alone), or [null] without a line. */
export function stagingLines(req: Pick<PredictionRequest, 'line' | 'line_ladder'>): Array<number | null> {
  const main = req.line?.points ?? null;
  return main === null ? [null] : req.line_ladder.length > 0 ? [...req.line_ladder] : [main];
}

/**
 * Staging rows one request writes: one per system per line of {@link stagingLines} (what
 * {@link predictionRows} emits for `systems` results). startBatch records these per batch so
 * completion tracking can bound the players in staging by its row count.
 */
export function stagingRowCount(
  req: Pick<PredictionRequest, 'line' | 'line_ladder'>,
  systems: number = SYSTEM_IDS.length,
): number {
  return systems * stagingLines(req).length;
}

/**
 * One staging row of player_prop_predictions (the columns of lib/warehouse/schema.ts
 * PREDICTION_COLUMNS): a system at a line. A type alias, not an interface, so a record is a
 * warehouse `Row` without a cast. Points and edges have 2 decimals, probabilities, EV and stakes 4
 * (lib/model/precision.ts); odds are American; times ISO strings; JSON columns hold JSON text.
 */
export type PredictionRecord = {
  prediction_id: string;
  batch_id: string;
  game_id: string;
  game_date: string;
  player_lookup: string;
  player_name: string;
  team_abbr: string;
  opponent_team_abbr: string;
  is_home: boolean;
  system_id: SystemId;
  /** ROUND(line_value * 10), -1 without a line. */
  line_key: number;
  line_value: number | null;
  line_offset: number | null;
  is_main_line: boolean | null;
  over_odds: number | null;
  under_odds: number | null;
  line_books: number | null;
  market_p_over: number | null;
  best_over_odds: number | null;
  best_over_book: string | null;
  best_under_odds: number | null;
  best_under_book: string | null;
  market_prices_json: string | null;
  predicted_points: number | null;
  model_p_over: number | null;
  p_over: number | null;
  p_under: number | null;
  p_push: number | null;
  confidence_score: number | null;
  recommendation: Decision['recommendation'];
  pass_reason: Decision['pass_reason'];
  pass_detail: string | null;
  ev: number | null;
  price_side: Decision['side'];
  price_odds: number | null;
  price_book: string | null;
  stake_fraction: number | null;
  line_margin: number | null;
  /** "<REASON>: <detail>" of a system that could not predict, else null. */
  skip_reason: string | null;
  availability_status: PredictionRequest['availability']['status'];
  availability_reasons: string;
  baseline_points: number | null;
  rest_adjustment: number | null;
  home_away_adjustment: number | null;
  minutes_adjustment: number | null;
  matchup_adjustment: number | null;
  pace_adjustment: number | null;
  similar_games_count: number | null;
  contributing_systems: number | null;
  prediction_spread: number | null;
  model_version: string;
  /**
   * The player's features as JSON (what every system of the row read), on each system's main-line
   * row (or its no-line row) only; null on the other ladder lines, whose features are the same.
   * Readers (export, grading, backtest) read the main-line row; the ladder copies were 80% of the
   * bytes a slate loaded and merged (about 1.1 KB a row, 19 rows a lined player).
   */
  feature_json: string | null;
  created_at: string;
  updated_at: string | null;
};

/** Builds the rows of one player. `createdAt` is an ISO timestamp. */
export function predictionRows(
  req: PredictionRequest,
  features: PlayerFeatures,
  results: readonly SystemResult[],
  createdAt: string,
): PredictionRecord[] {
  const main = req.line?.points ?? null;
  const lines = stagingLines(req);
  const markets = new Map(lines.map((l) => [l, marketAt(l, req.market)]));
  const fj = featureJson(features);
  const availabilityReasons = JSON.stringify(req.availability.reasons);
  const rows: PredictionRecord[] = [];
  for (const r of results) {
    const calibration = req.model_state.calibrations[r.system_id];
    for (const line of lines) {
      const key = lineKey(line);
      const isMain = line !== null && main !== null && Math.abs(line - main) < 1e-9;
      const c = r.ok ? r.components : {};
      const o = lineOutcome(r, line, markets.get(line) ?? null, calibration, req.availability);
      const m = o.market;
      const d = o.decision;
      rows.push({
        prediction_id: predictionId(req.batch_id, req.game_id, req.player_lookup, r.system_id, key),
        batch_id: req.batch_id,
        game_id: req.game_id,
        game_date: req.game_date,
        player_lookup: req.player_lookup,
        player_name: req.player_name,
        team_abbr: req.team_abbr,
        opponent_team_abbr: req.opponent_team_abbr,
        is_home: req.is_home,
        system_id: r.system_id,
        line_key: key,
        line_value: line,
        line_offset: line !== null && main !== null ? round(line - main, 1) : null,
        is_main_line: line === null ? null : isMain,
        over_odds: m?.consensus_over_odds ?? null,
        under_odds: m?.consensus_under_odds ?? null,
        line_books: m?.books ?? null,
        market_p_over: prob(m?.no_vig_p_over),
        best_over_odds: m?.best_over?.odds ?? null,
        best_over_book: m?.best_over?.book ?? null,
        best_under_odds: m?.best_under?.odds ?? null,
        best_under_book: m?.best_under?.book ?? null,
        market_prices_json: m ? JSON.stringify(m.prices) : null,
        predicted_points: r.ok ? round(r.predicted, POINTS_DECIMALS) : null,
        model_p_over: prob(o.model_p_over),
        p_over: prob(o.probabilities?.over),
        p_under: prob(o.probabilities?.under),
        p_push: prob(o.probabilities?.push),
        confidence_score: prob(d.confidence),
        recommendation: d.recommendation,
        pass_reason: d.pass_reason,
        pass_detail: d.pass_detail,
        ev: round(d.ev, EV_DECIMALS),
        price_side: d.side,
        price_odds: d.price?.odds ?? null,
        price_book: d.price?.book ?? null,
        stake_fraction: round(d.stake_fraction, EV_DECIMALS),
        line_margin: r.ok && line !== null ? storedEdge(r.predicted, line) : null,
        skip_reason: r.ok ? null : `${r.reason}: ${r.detail}`,
        availability_status: req.availability.status,
        availability_reasons: availabilityReasons,
        baseline_points: round(c.baseline_points ?? null, 2),
        rest_adjustment: round(c.rest_adjustment ?? null, 2),
        home_away_adjustment: round(c.home_away_adjustment ?? null, 2),
        minutes_adjustment: round(c.minutes_adjustment ?? null, 2),
        matchup_adjustment: round(c.matchup_adjustment ?? null, 2),
        pace_adjustment: round(c.pace_adjustment ?? null, 2),
        similar_games_count: r.ok ? (r.similar_games_count ?? null) : null,
        contributing_systems: r.ok ? (r.contributing_systems ?? null) : null,
        prediction_spread: r.ok ? round(r.prediction_spread ?? null, 2) : null,
        model_version: r.model_version,
        feature_json: isMain || line === null ? fj : null,
        created_at: createdAt,
        updated_at: null,
      });
    }
  }
  return rows;
}
