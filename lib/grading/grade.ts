/**
 * Grading (DESIGN §7): each consolidated prediction against the points the player really scored.
 *
 * - A player who did not play (no box-score row with minutes > 0) is void: not graded.
 * - absolute_error = |predicted - actual|, signed_error = predicted - actual (points).
 * - prediction_correct: OVER right when actual > line, UNDER right when actual < line; null on a
 *   push (actual = line), a PASS, NO_LINE or a system that could not predict.
 */
import type { Row } from '../warehouse/port';

/** A consolidated prediction to grade (columns of player_prop_predictions). */
export interface GradablePrediction {
  prediction_id: string;
  game_id: string;
  game_date: string;
  player_lookup: string;
  system_id: string;
  line_key: number;
  line_value: number | null;
  is_main_line: boolean | null;
  predicted_points: number | null;
  recommendation: string;
  over_odds: number | null;
  under_odds: number | null;
}

/** What a player really did (minutes > 0). */
export interface Actual {
  player_lookup: string;
  points: number;
  minutes: number;
}

/** A prediction_accuracy row (lib/warehouse/schema.ts ACCURACY_COLUMNS). */
export interface AccuracyRow
  extends
    Row,
    Pick<
      GradablePrediction,
      | 'prediction_id'
      | 'game_id'
      | 'game_date'
      | 'player_lookup'
      | 'system_id'
      | 'line_key'
      | 'line_value'
      | 'predicted_points'
      | 'recommendation'
    > {
  actual_points: number;
  minutes: number;
  absolute_error: number | null;
  signed_error: number | null;
  prediction_correct: boolean | null;
  graded_at: string;
}

/** Whether an OVER/UNDER call at `line` won, lost (false) or pushed (null). */
export function callCorrect(recommendation: string, line: number | null, actual: number): boolean | null {
  if (line === null || (recommendation !== 'OVER' && recommendation !== 'UNDER')) return null;
  if (actual === line) return null;
  return recommendation === 'OVER' ? actual > line : actual < line;
}

/** Grades predictions against actuals; predictions of players who did not play are left out. */
export function gradePredictions(
  predictions: readonly GradablePrediction[],
  actuals: ReadonlyMap<string, Actual>,
  gradedAt: string,
): AccuracyRow[] {
  const out: AccuracyRow[] = [];
  for (const p of predictions) {
    const a = actuals.get(p.player_lookup);
    if (!a) continue;
    const err = p.predicted_points === null ? null : p.predicted_points - a.points;
    out.push({
      prediction_id: p.prediction_id,
      game_id: p.game_id,
      game_date: p.game_date,
      player_lookup: p.player_lookup,
      system_id: p.system_id,
      line_key: p.line_key,
      line_value: p.line_value,
      predicted_points: p.predicted_points,
      recommendation: p.recommendation,
      actual_points: a.points,
      minutes: a.minutes,
      absolute_error: err === null ? null : Math.abs(err),
      signed_error: err,
      prediction_correct: callCorrect(p.recommendation, p.line_value, a.points),
      graded_at: gradedAt,
    });
  }
  return out;
}
