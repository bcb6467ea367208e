/**
 * Staging rows of one player: one row per system per ladder line (5 systems x 5 lines = 25 with a
 * line; one NO_LINE row per system without), each with its own line_value and line_key (DESIGN §4).
 * Numbers are rounded (points 0.01, confidence 0.001) and are finite or null.
 */
import { createHash } from 'node:crypto';
import type { PredictionRequest } from '../messages';
import { lineKey } from '../slate/ladder';
import type { Row } from '../warehouse/port';
import type { PlayerFeatures } from './features';
import { CONFIDENCE_DECIMALS, POINTS_DECIMALS, recommend, storedEdge } from './recommend';
import { round } from './stats';
import type { SystemResult, Thresholds, SystemId } from './types';

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

/** Builds the rows of one player. `createdAt` is an ISO timestamp. */
export function predictionRows(
  req: PredictionRequest,
  features: PlayerFeatures,
  results: readonly SystemResult[],
  thresholdsOf: (id: SystemId) => Thresholds,
  createdAt: string,
): Row[] {
  const main = req.line?.points ?? null;
  const lines: Array<number | null> =
    main === null ? [null] : req.line_ladder.length > 0 ? req.line_ladder : [main];
  const fj = featureJson(features);
  const rows: Row[] = [];
  for (const r of results) {
    for (const line of lines) {
      const key = lineKey(line);
      const isMain = line !== null && main !== null && Math.abs(line - main) < 1e-9;
      const c = r.ok ? r.components : {};
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
        over_odds: isMain ? (req.line?.over_odds ?? null) : null,
        under_odds: isMain ? (req.line?.under_odds ?? null) : null,
        line_books: isMain ? (req.line?.books ?? null) : null,
        predicted_points: r.ok ? round(r.predicted, POINTS_DECIMALS) : null,
        confidence_score: r.ok ? round(r.confidence, CONFIDENCE_DECIMALS) : null,
        recommendation: recommend(r, line, thresholdsOf(r.system_id)),
        line_margin: r.ok && line !== null ? storedEdge(r.predicted, line) : null,
        skip_reason: r.ok ? null : `${r.reason}: ${r.detail}`,
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
        feature_json: fj,
        created_at: createdAt,
        updated_at: null,
      });
    }
  }
  return rows;
}
