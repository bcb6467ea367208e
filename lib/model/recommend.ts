/**
 * OVER / UNDER / PASS / NO_LINE for one prediction at one line (DESIGN §4 "Recommendation"):
 * NO_LINE without a line; PASS when the system could not predict, when the edge |pred - line| is
 * under the system's threshold or the confidence under its floor; otherwise OVER when the
 * prediction is above the line and UNDER when below.
 */
import type { SystemResult, Thresholds } from './types';

/** A recommendation. */
export type Recommendation = 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE';

/** The call for `result` at `line` (points) under `thresholds`. */
export function recommend(result: SystemResult, line: number | null, thresholds: Thresholds): Recommendation {
  if (line === null) return 'NO_LINE';
  if (!result.ok) return 'PASS';
  const edge = result.predicted - line;
  if (Math.abs(edge) < thresholds.edgeThreshold || result.confidence < thresholds.confidenceFloor)
    return 'PASS';
  return edge > 0 ? 'OVER' : 'UNDER';
}
