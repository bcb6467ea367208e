/**
 * OVER / UNDER / PASS / NO_LINE for one prediction at one line (DESIGN §4 "Recommendation"):
 * NO_LINE without a line; PASS when the system could not predict, when the edge |pred - line| is
 * under the system's threshold or the confidence under its floor; otherwise OVER when the
 * prediction is above the line and UNDER when below.
 */
import { round } from './stats';
import type { SystemResult, Thresholds } from './types';

/** Decimals kept for points (predicted_points, line_margin) in rows and in the comparison. */
export const POINTS_DECIMALS = 2;
/** Decimals kept for confidence_score in rows and in the comparison. */
export const CONFIDENCE_DECIMALS = 3;

/** A recommendation. */
export type Recommendation = 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE';

/**
 * The edge as stored in `line_margin`: the stored prediction (2 decimals) minus the line, so
 * `edge = predicted - line` holds exactly for every exported number.
 */
export function storedEdge(predicted: number, line: number): number {
  return round((round(predicted, POINTS_DECIMALS) ?? 0) - line, POINTS_DECIMALS) ?? 0;
}

/**
 * The call for `result` at `line` (points) under `thresholds`. The edge and the confidence are
 * compared as stored (2 and 3 decimals), so a row showing confidence 0.45 against a 0.45 floor is
 * not a PASS because the sum behind it was 0.44999999999999996.
 */
export function recommend(result: SystemResult, line: number | null, thresholds: Thresholds): Recommendation {
  if (line === null) return 'NO_LINE';
  if (!result.ok) return 'PASS';
  const edge = storedEdge(result.predicted, line);
  const confidence = round(result.confidence, CONFIDENCE_DECIMALS) ?? 0;
  if (Math.abs(edge) < thresholds.edgeThreshold || confidence < thresholds.confidenceFloor) return 'PASS';
  return edge > 0 ? 'OVER' : 'UNDER';
}
