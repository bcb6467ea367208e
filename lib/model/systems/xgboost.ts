/**
 * `xgboost_v1`: a gradient-boosted model trained with XGBoost on point-in-time features of the
 * 2024-25 season (scripts/train_xgboost.py) and scored here in TypeScript
 * (lib/model/xgboost/model.ts) from the shipped JSON model.
 *
 * - Input: the feature vector of lib/model/xgboost/feature-spec.ts. A required feature that is null
 *   gives INCOMPLETE_FEATURES naming the missing features (no default-filled guess); optional
 *   features may be null and follow the model's learned missing-value directions.
 * - Model file missing or invalid: MODEL_UNAVAILABLE with the load error (every player, no throw).
 * - Prediction: the model's score in points, clamped to [POINTS_MIN, POINTS_MAX].
 * - Probabilities and the pick come after the system, as for every system (lib/model/line-probability.ts).
 */
import { POINTS_MAX, POINTS_MIN, XGBOOST as C } from '../constants';
import { clamp } from '../stats';
import type { BaseSystem, SystemInput, SystemResult } from '../types';
import { loadXgboostArtifacts, type XgboostArtifacts } from '../xgboost/artifacts';
import { featureVector, missingRequired } from '../xgboost/feature-spec';
import { scoreXgboost } from '../xgboost/model';

type Loaded = { ok: true; artifacts: XgboostArtifacts } | { ok: false; error: string };

/**
 * Builds the system around a loader, called once on first use (the Cloud Function's cold start)
 * and cached, error included.
 * @param load returns the model and meta or throws (default: the shipped files under models/).
 */
export function createXgboostSystem(load: () => XgboostArtifacts = () => loadXgboostArtifacts()): BaseSystem {
  let loaded: Loaded | undefined;
  const get = (): Loaded => {
    if (!loaded) {
      try {
        loaded = { ok: true, artifacts: load() };
      } catch (err) {
        loaded = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }
    return loaded;
  };
  const version = (): string => {
    const l = get();
    return l.ok ? l.artifacts.meta.model_version : C.unavailableVersion;
  };

  const predict = (input: SystemInput): SystemResult => {
    const l = get();
    const base = { system_id: 'xgboost_v1' as const, model_version: version() };
    if (!l.ok) return { ...base, ok: false, reason: 'MODEL_UNAVAILABLE', detail: l.error };
    const x = featureVector(input);
    const missing = missingRequired(x);
    if (missing.length > 0) {
      return {
        ...base,
        ok: false,
        reason: 'INCOMPLETE_FEATURES',
        detail: `missing required features: ${missing.join(', ')}`,
      };
    }
    const { model } = l.artifacts;
    const raw = scoreXgboost(model, x);
    if (!Number.isFinite(raw)) {
      return { ...base, ok: false, reason: 'MODEL_UNAVAILABLE', detail: `model scored ${raw}` };
    }
    const predicted = clamp(raw, POINTS_MIN, POINTS_MAX);
    return {
      ...base,
      ok: true,
      predicted,
      components: { baseline_points: raw },
    };
  };

  return {
    id: 'xgboost_v1',
    get version() {
      return version();
    },
    predict,
  };
}

/** The xgboost_v1 system on the shipped model (models/xgboost_v1.json). */
export const xgboost: BaseSystem = createXgboostSystem();
