/**
 * Every constant of the prediction systems, in one place, with its source. Units: points per game,
 * minutes per game, confidence 0-1, edge in points.
 *
 * "seed" = the Python system this product replaces (shared/research/seed-system.md §4), whose
 * formulas are kept where they were sound; "ours" = chosen here, with the reason.
 */

/** Predictions are clamped to this range, points. Source: seed §4.1 clamp [0, 60]. */
export const POINTS_MIN = 0;
export const POINTS_MAX = 60;

/** moving_average (seed §4.1). */
export const MOVING_AVERAGE = {
  version: 'moving_average_v2',
  /** Weights of L5, L10 and season average. Source: seed §4.1 base. */
  weightL5: 0.5,
  weightL10: 0.3,
  weightSeason: 0.2,
  /** Back-to-back (0 days rest), points. Source: seed §4.1. */
  backToBack: -1.5,
  /** Home +0.5 / away -0.5, points. Source: seed §4.1. */
  home: 0.5,
  away: -0.5,
  /**
   * Share of the points implied by the minutes change (L5 - L10 minutes x L10 points per minute)
   * that is added. Ours: 0.5, because the 0.5 * L5 term already carries part of the change.
   */
  minutesTrendWeight: 0.5,
  /** Cap of the minutes adjustment, points. Ours. */
  minutesTrendCap: 3,
  /** Confidence: start, volatility penalties, availability bonus, clamp. Source: seed §4.1. */
  confidenceStart: 0.5,
  stdHigh: 6,
  stdHighPenalty: -0.15,
  stdMid: 4,
  stdMidPenalty: -0.08,
  /**
   * Recent availability (share of the team's last 10 games the player played): >= 0.9 +0.1,
   * >= 0.7 +0.05, else -0.1. Seed used games in the last 7 days with the same steps.
   */
  availabilityHigh: 0.9,
  availabilityHighBonus: 0.1,
  availabilityMid: 0.7,
  availabilityMidBonus: 0.05,
  availabilityLowPenalty: -0.1,
  confidenceMin: 0.2,
  confidenceMax: 0.8,
  /** Recommendation: PASS when |edge| < 2.0 points or confidence < 0.45. Source: seed §4.1. */
  edgeThreshold: 2.0,
  confidenceFloor: 0.45,
} as const;

/** zone_matchup_v1 (seed §4.2, rebuilt on real opponent shot-type allowances). */
export const ZONE_MATCHUP = {
  version: 'zone_matchup_v2',
  /**
   * Share of the opponent effect kept: prediction moves by season_avg x (mix - 1) x 0.5. Ours: 15
   * games of team defense are noisy, so half the raw ratio is kept (regression to the mean).
   */
  matchupWeight: 0.5,
  /** Same shrinkage for the expected pace of the game (average of both teams' pace). Ours. */
  paceWeight: 0.5,
  /** Venue +/- points. Source: seed §4.2 (+/-0.8) halved: the season average already mixes venues. */
  home: 0.4,
  away: -0.4,
  /** Back-to-back, points (same as moving_average). */
  backToBack: -1.5,
  /** Minimum opponent games for the matchup term; fewer gives NO_OPPONENT_CONTEXT. Ours. */
  minOpponentGames: 5,
  /** Confidence and recommendation: same as moving_average (seed §4.2 "same as 4.1"). */
  edgeThreshold: 2.0,
  confidenceFloor: 0.45,
} as const;

/** similarity_balanced_v1 (seed §4.3). */
export const SIMILARITY = {
  version: 'similarity_balanced_v2',
  /** Score of a same / adjacent defensive tier. Source: seed §4.3. */
  tierSame: 40,
  tierAdjacent: 20,
  /** Score of a same / adjacent rest bucket (0 = back-to-back, 1, 2, 3+ days). Source: seed §4.3. */
  restSame: 30,
  restAdjacent: 15,
  /** Same venue. Source: seed §4.3. */
  venueSame: 15,
  /** Same / different recent-form label (hot, normal, cold). Source: seed §4.3. */
  formSame: 15,
  formDifferent: 5,
  /** Form label threshold: L5 minus season average >= +3 hot, <= -3 cold, points. Source: seed §4.3. */
  formDelta: 3,
  /** Past games need a score >= 70 and the best 20 are kept; >= 5 needed. Source: seed §4.3. */
  minScore: 70,
  maxMatches: 20,
  minMatches: 5,
  /** Games before a past game used for its form label (fewer than 3 -> normal). Ours. */
  formWindow: 5,
  formMinGames: 3,
  /** Confidence 0-100 then /100 (seed §4.3): start 50; matches; average score; spread of points. */
  confidenceStart: 50,
  matchBonus: [
    [15, 20],
    [10, 15],
    [7, 10],
    [0, -15],
  ] as ReadonlyArray<readonly [number, number]>,
  scoreBonus: [
    [85, 20],
    [75, 15],
    [70, 10],
    [0, 5],
  ] as ReadonlyArray<readonly [number, number]>,
  stdBonus: [
    [4, 15],
    [6, 8],
    [8, 3],
    [Infinity, -5],
  ] as ReadonlyArray<readonly [number, number]>,
  /** Recommendation: PASS when |edge| < 2 or confidence < 0.65. Source: seed §4.3. */
  edgeThreshold: 2.0,
  confidenceFloor: 0.65,
} as const;

/**
 * xgboost_v1: a gradient-boosted model trained with XGBoost on point-in-time features of 2024-25
 * (scripts/train_xgboost.py; model and meta under models/). Its confidence is not a constant: it is
 * read from the measured table in models/xgboost_v1.meta.json (see lib/model/systems/xgboost.ts).
 */
export const XGBOOST = {
  /** model_version written when no model could be loaded (rows still carry a version). */
  unavailableVersion: 'xgboost_v1-unavailable',
  /** Recommendation: PASS when |edge| < 1.5 points or confidence < 0.60. Source: seed §4.4 (xgboost). */
  edgeThreshold: 1.5,
  confidenceFloor: 0.6,
} as const;

/** ensemble_v1 (seed §4.5). */
export const ENSEMBLE = {
  version: 'ensemble_v2',
  /** Valid systems needed; fewer gives INSUFFICIENT_SYSTEMS (the seed wrote a 0.0 row). */
  minSystems: 2,
  /** Spread (population std of the predictions) -> confidence change. Source: seed §4.5 (/100). */
  spreadBonus: [
    [2, 0.1],
    [3, 0.05],
    [6, -0.05],
    [Infinity, -0.1],
  ] as ReadonlyArray<readonly [number, number]>,
  /** All base systems valid: +0.05. Source: seed §4.5. */
  allValidBonus: 0.05,
  confidenceMin: 0.2,
  confidenceMax: 0.95,
  /** Recommendation: PASS when |edge| < 1.5 or confidence < 0.65. Source: seed §4.5. */
  edgeThreshold: 1.5,
  confidenceFloor: 0.65,
} as const;

/** Defensive tiers by rank of points allowed per 100 possessions: top third elite, then average, weak. */
export const TIER_NAMES = ['elite', 'average', 'weak'] as const;
