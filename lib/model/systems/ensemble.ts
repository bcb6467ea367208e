/**
 * `ensemble_v1`: confidence-weighted mean of the valid base systems (needs >= 2), with confidence
 * raised by agreement (low spread) and lowered by disagreement. Constants: lib/model/constants.ts
 * ENSEMBLE (seed §4.5). With fewer than 2 valid systems it returns INSUFFICIENT_SYSTEMS instead of
 * the seed's 0.0 row.
 */
import { ENSEMBLE as C, POINTS_MAX, POINTS_MIN } from '../constants';
import { clamp, mean, stdPop, stepBelow } from '../stats';
import type { Prediction, SystemResult, Thresholds } from '../types';

/** Ensemble recommendation thresholds. */
export const ENSEMBLE_THRESHOLDS: Thresholds = {
  edgeThreshold: C.edgeThreshold,
  confidenceFloor: C.confidenceFloor,
};

/** Combines the base systems' results (the ensemble itself must not be among them). */
export function ensemble(results: readonly SystemResult[]): SystemResult {
  const base = { system_id: 'ensemble_v1' as const, model_version: C.version };
  const valid = results.filter((r): r is Prediction => r.ok);
  if (valid.length < C.minSystems) {
    return {
      ...base,
      ok: false,
      reason: 'INSUFFICIENT_SYSTEMS',
      detail: `${valid.length} valid systems (${valid.map((v) => v.system_id).join(', ') || 'none'}); ${C.minSystems} needed`,
    };
  }
  const weight = valid.reduce((a, r) => a + r.confidence, 0);
  const predicted =
    weight > 0
      ? valid.reduce((a, r) => a + r.predicted * r.confidence, 0) / weight
      : (mean(valid.map((r) => r.predicted)) ?? 0);
  const spread = stdPop(valid.map((r) => r.predicted)) ?? 0;
  let confidence = (mean(valid.map((r) => r.confidence)) ?? 0) + stepBelow(spread, C.spreadBonus);
  if (valid.length === results.length) confidence += C.allValidBonus;
  return {
    ...base,
    ok: true,
    predicted: clamp(predicted, POINTS_MIN, POINTS_MAX),
    confidence: clamp(confidence, C.confidenceMin, C.confidenceMax),
    components: { baseline_points: predicted },
    contributing_systems: valid.length,
    prediction_spread: spread,
  };
}
