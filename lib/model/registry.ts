/**
 * The systems run for every player, in order, and the ensemble over them. Adding a system here is
 * the only change needed for it to be predicted, stored and averaged.
 */
import { ensemble, type AnchorInput } from './systems/ensemble';
import { movingAverage } from './systems/moving-average';
import { similarityBalanced } from './systems/similarity';
import { xgboost } from './systems/xgboost';
import { zoneMatchup } from './systems/zone-matchup';
import { ENSEMBLE } from './constants';
import type { BaseSystem, SystemId, SystemInput, SystemResult } from './types';

/** Base systems (the ensemble averages the valid ones). */
export const BASE_SYSTEMS: readonly BaseSystem[] = [movingAverage, zoneMatchup, similarityBalanced, xgboost];

/** Every system id written per line: the base systems, then the ensemble. */
export const SYSTEM_IDS: readonly SystemId[] = [...BASE_SYSTEMS.map((s) => s.id), 'ensemble_v1'];

/** The current model_version of every system id (the model state is fit per version). */
export function systemVersions(systems: readonly BaseSystem[] = BASE_SYSTEMS): Map<string, string> {
  return new Map<string, string>([
    ...systems.map((s) => [s.id, s.version] as const),
    ['ensemble_v1', ENSEMBLE.version],
  ]);
}

/**
 * Runs every base system, then the ensemble anchored to tonight's main line; one result per system
 * id, in SYSTEM_IDS order.
 */
export function runSystems(
  input: SystemInput,
  anchor: AnchorInput,
  systems: readonly BaseSystem[] = BASE_SYSTEMS,
): SystemResult[] {
  const results = systems.map((s) => s.predict(input));
  return [...results, ensemble(results, anchor)];
}
