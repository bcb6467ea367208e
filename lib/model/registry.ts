/**
 * The systems run for every player, in order, and the ensemble over them. Adding a system here is
 * the only change needed for it to be predicted, stored and averaged.
 */
import { ENSEMBLE_THRESHOLDS, ensemble } from './systems/ensemble';
import { movingAverage } from './systems/moving-average';
import { similarityBalanced } from './systems/similarity';
import { xgboost } from './systems/xgboost';
import { zoneMatchup } from './systems/zone-matchup';
import type { BaseSystem, SystemId, SystemInput, SystemResult, Thresholds } from './types';

/** Base systems (the ensemble averages the valid ones). */
export const BASE_SYSTEMS: readonly BaseSystem[] = [movingAverage, zoneMatchup, similarityBalanced, xgboost];

/** Every system id written per line: the base systems, then the ensemble. */
export const SYSTEM_IDS: readonly SystemId[] = [...BASE_SYSTEMS.map((s) => s.id), 'ensemble_v1'];

/** Recommendation thresholds of a system. */
export function thresholdsOf(id: SystemId): Thresholds {
  if (id === 'ensemble_v1') return ENSEMBLE_THRESHOLDS;
  const s = BASE_SYSTEMS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown system ${id}`);
  return s.thresholds;
}

/** Runs every base system, then the ensemble; one result per system id, in SYSTEM_IDS order. */
export function runSystems(
  input: SystemInput,
  systems: readonly BaseSystem[] = BASE_SYSTEMS,
): SystemResult[] {
  const results = systems.map((s) => s.predict(input));
  return [...results, ensemble(results)];
}
