/**
 * The model state of a game date: each system's calibration and the ensemble's anchor weight, fit
 * on graded rows of earlier dates only (lib/model/calibration.ts). Pure: rows in, state out. A
 * system's rows count only when they were made by its current model_version, so a changed system
 * starts again from the prior instead of inheriting another model's calibration.
 */
import type { ModelState } from '../messages';
import { fitAnchor, fitCalibration, type AnchorRow, type CalibrationRow } from './calibration';

/** One graded main-line row (lib/warehouse/sql/model-state.ts GRADED_FOR_MODEL_STATE). */
export interface GradedStateRow {
  system_id: string;
  model_version: string | null;
  line_value: number;
  market_p_over: number | null;
  model_p_over: number | null;
  /** The ensemble's unanchored mean of the base systems (its baseline_points), points. */
  baseline_points: number | null;
  actual_points: number;
}

/** Current model_version of each system (SYSTEM_IDS with their versions). */
export type SystemVersions = ReadonlyMap<string, string>;

/** The ensemble's system id, whose rows fit the anchor. */
export const ANCHOR_SYSTEM = 'ensemble_v1';

/**
 * Fits the state for `gameDate` from `rows` (the caller passes only rows dated before it; rows of
 * other versions are ignored, pushes are left out of the calibrations).
 */
export function fitModelState(
  rows: readonly GradedStateRow[],
  gameDate: string,
  versions: SystemVersions,
): ModelState {
  const calibrations: ModelState['calibrations'] = {};
  for (const [systemId, version] of versions) {
    const own = rows.filter((r) => r.system_id === systemId && r.model_version === version);
    const cal: CalibrationRow[] = own
      .filter((r) => r.model_p_over !== null && r.actual_points !== r.line_value)
      .map((r) => ({
        market_p_over: r.market_p_over,
        model_p_over: r.model_p_over as number,
        over: r.actual_points > r.line_value,
      }));
    calibrations[systemId] = fitCalibration(cal);
  }
  const version = versions.get(ANCHOR_SYSTEM);
  const anchorRows: AnchorRow[] = rows
    .filter((r) => r.system_id === ANCHOR_SYSTEM && r.model_version === version && r.baseline_points !== null)
    .map((r) => ({ line: r.line_value, model: r.baseline_points as number, actual: r.actual_points }));
  return { fitted_before: gameDate, calibrations, anchor: fitAnchor(anchorRows) };
}
