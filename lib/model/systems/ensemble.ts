/**
 * `ensemble_v1`: the market-anchored prediction. The plain mean of the valid base systems (needs
 * >= 2), moved toward tonight's consensus main line: line + w (mean - line), with the weight w fit
 * point in time on earlier graded dates (lib/model/calibration.ts fitAnchor; w = 0 is the line
 * itself, 1 the models alone). Without a line the mean is the prediction. Constants:
 * lib/model/constants.ts ENSEMBLE. With fewer than 2 valid systems it returns INSUFFICIENT_SYSTEMS
 * naming the systems it could not use, instead of the Python system's 0.0 row (docs/seed-system.md §4.5).
 */
import { ENSEMBLE as C, POINTS_MAX, POINTS_MIN } from '../constants';
import { clamp, mean, stdPop } from '../stats';
import type { Prediction, SystemResult } from '../types';

/** What the anchor needs: the consensus main line (points, null without one) and the model's weight (0-1). */
export interface AnchorInput {
  mainLine: number | null;
  weight: number;
}

/** Combines the base systems' results (the ensemble itself must not be among them). */
export function ensemble(results: readonly SystemResult[], anchor: AnchorInput): SystemResult {
  const base = { system_id: 'ensemble_v1' as const, model_version: C.version };
  const valid = results.filter((r): r is Prediction => r.ok);
  if (valid.length < C.minSystems) {
    const unusable = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : `${r.system_id} (${r.reason})`));
    return {
      ...base,
      ok: false,
      reason: 'INSUFFICIENT_SYSTEMS',
      detail: `${valid.length} valid systems (${valid.map((v) => v.system_id).join(', ') || 'none'}); ${C.minSystems} needed; could not use ${unusable.join(', ') || 'none'}`,
    };
  }
  const avg = mean(valid.map((r) => r.predicted)) ?? 0;
  const anchored = anchor.mainLine === null ? avg : anchor.mainLine + anchor.weight * (avg - anchor.mainLine);
  return {
    ...base,
    ok: true,
    predicted: clamp(anchored, POINTS_MIN, POINTS_MAX),
    components: { baseline_points: avg },
    contributing_systems: valid.length,
    prediction_spread: stdPop(valid.map((r) => r.predicted)) ?? 0,
  };
}
