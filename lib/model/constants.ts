/**
 * Every constant of the prediction systems, in one place, with its source. Units: points per game,
 * minutes per game. What turns a prediction into a probability and a pick has its own constants
 * (lib/model/probability-constants.ts).
 *
 * Versions: every row carries `model_version` = `<system_id>-r<N>` for the four formula systems (N
 * counts the revisions of the formula or its constants; raise it with any change that moves a
 * prediction) and `<system_id>-<first 12 hex of the model's sha256>` for xgboost_v1
 * (scripts/train_xgboost.py writes it into models/xgboost_v1.meta.json). The system_id never
 * changes; the model state (lib/model/model-state.ts) fits each system's calibration on the graded
 * rows of its current model_version only, so a new revision starts again from the prior.
 *
 * "Python system" = the system this product replaces, described in docs/seed-system.md (§4 has its
 * five systems), whose formulas are kept where they were sound; "ours" = chosen here, with the reason.
 */
import type { SystemId } from './types';

/** The model_version of a formula system: `<system_id>-r<revision>`, e.g. `ensemble_v1-r3`. */
export function formulaVersion(systemId: SystemId, revision: number): string {
  return `${systemId}-r${revision}`;
}

/** Predictions are clamped to this range, points. Source: docs/seed-system.md §4.1 clamp [0, 60]. */
export const POINTS_MIN = 0;
export const POINTS_MAX = 60;

/** moving_average (docs/seed-system.md §4.1). */
export const MOVING_AVERAGE = {
  version: formulaVersion('moving_average', 3),
  /** Weights of L5, L10 and season average. Source: docs/seed-system.md §4.1 base. */
  weightL5: 0.5,
  weightL10: 0.3,
  weightSeason: 0.2,
  /** Back-to-back (0 days rest), points. Source: docs/seed-system.md §4.1. */
  backToBack: -1.5,
  /** Home +0.5 / away -0.5, points. Source: docs/seed-system.md §4.1. */
  home: 0.5,
  away: -0.5,
  /**
   * Share of the points implied by the minutes change (L5 - L10 minutes x L10 points per minute)
   * that is added. Ours: 0.5, because the 0.5 * L5 term already carries part of the change.
   */
  minutesTrendWeight: 0.5,
  /** Cap of the minutes adjustment, points. Ours. */
  minutesTrendCap: 3,
} as const;

/** zone_matchup_v1 (docs/seed-system.md §4.2, rebuilt on real opponent shot-type allowances). */
export const ZONE_MATCHUP = {
  version: formulaVersion('zone_matchup_v1', 3),
  /**
   * Share of the opponent effect kept: prediction moves by season_avg x (mix - 1) x 0.5. Ours: 15
   * games of team defense are noisy, so half the raw ratio is kept (regression to the mean).
   */
  matchupWeight: 0.5,
  /** Same shrinkage for the expected pace of the game (average of both teams' pace). Ours. */
  paceWeight: 0.5,
  /** Venue +/- points. Source: docs/seed-system.md §4.2 (+/-0.8) halved: the season average already mixes venues. */
  home: 0.4,
  away: -0.4,
  /** Back-to-back, points (same as moving_average). */
  backToBack: -1.5,
  /** Minimum opponent games for the matchup term; fewer gives NO_OPPONENT_CONTEXT. Ours. */
  minOpponentGames: 5,
} as const;

/** similarity_balanced_v1 (docs/seed-system.md §4.3). */
export const SIMILARITY = {
  version: formulaVersion('similarity_balanced_v1', 2),
  /** Score of a same / adjacent defensive tier. Source: docs/seed-system.md §4.3. */
  tierSame: 40,
  tierAdjacent: 20,
  /** Score of a same / adjacent rest bucket (0 = back-to-back, 1, 2, 3+ days). Source: docs/seed-system.md §4.3. */
  restSame: 30,
  restAdjacent: 15,
  /** Same venue. Source: docs/seed-system.md §4.3. */
  venueSame: 15,
  /** Same / different recent-form label (hot, normal, cold). Source: docs/seed-system.md §4.3. */
  formSame: 15,
  formDifferent: 5,
  /** Form label threshold: L5 minus season average >= +3 hot, <= -3 cold, points. Source: docs/seed-system.md §4.3. */
  formDelta: 3,
  /** Past games need a score >= 70 and the best 20 are kept; >= 5 needed. Source: docs/seed-system.md §4.3. */
  minScore: 70,
  maxMatches: 20,
  minMatches: 5,
  /** Games before a past game used for its form label (fewer than 3 -> normal). Ours. */
  formWindow: 5,
  formMinGames: 3,
} as const;

/**
 * xgboost_v1: a gradient-boosted model trained with XGBoost on point-in-time features of 2024-25
 * (scripts/train_xgboost.py; model and meta under models/).
 */
export const XGBOOST = {
  /** model_version written when no model could be loaded (rows still carry a version). */
  unavailableVersion: 'xgboost_v1-unavailable',
} as const;

/**
 * ensemble_v1: the market-anchored prediction. The mean of the valid base systems, moved toward the
 * consensus line: line + w (mean - line), w fit point in time (lib/model/calibration.ts fitAnchor).
 */
export const ENSEMBLE = {
  version: formulaVersion('ensemble_v1', 3),
  /** Valid systems needed; fewer gives INSUFFICIENT_SYSTEMS (the Python system wrote a 0.0 row, docs/seed-system.md §4.5). */
  minSystems: 2,
} as const;

/** Defensive tiers by rank of points allowed per 100 possessions: top third elite, then average, weak. */
export const TIER_NAMES = ['elite', 'average', 'weak'] as const;
