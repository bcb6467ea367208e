/**
 * The feature vector of `xgboost_v1`: a fixed, named, ordered list read from the product's own
 * point-in-time features (lib/model/features.ts `computeFeatures`) and the request's team and league
 * contexts (lib/slate/teams.ts). The training rows (lib/training/rows.ts) and the scorer use this
 * one list, so training and serving cannot drift apart; the model file records the names and the
 * system refuses a model whose names differ.
 *
 * Missing values are kept as null (XGBoost's "missing", sent down each split's learned default
 * direction), never filled with a default. Rule: a feature may be missing at prediction time only if
 * it was missing in some training rows, so the model learned where missing values go; every other
 * feature is `required`, and without it the system returns INCOMPLETE_FEATURES naming it. Optional
 * today: the scoring shares (null when a player scored no point in his last 10 games) and
 * venue_ppg (null before his first home or away game). scripts/train_xgboost.py drops training
 * rows with a missing required feature and warns when an optional feature is never missing.
 *
 * Units: points and minutes per game; rates 0-1; days; context differences are per 100 possessions
 * (defensive rating) or possessions per 48 minutes (pace) relative to the league average.
 */
import type { SystemInput } from '../types';

/** One feature: its name (the model's feature name), whether it is required, and how it is read. */
export interface FeatureDef {
  name: string;
  required: boolean;
  /** What it is, with units. */
  doc: string;
  read(input: SystemInput): number | null;
}

const bool = (b: boolean): number => (b ? 1 : 0);
const diff = (a: number | null, b: number | null): number | null => (a !== null && b !== null ? a - b : null);
const ratio = (a: number | null, b: number | null): number | null =>
  a !== null && b !== null && b > 0 ? a / b : null;

/** The features, in the model's column order. Changing this list requires retraining. */
export const XGB_FEATURES: readonly FeatureDef[] = [
  { name: 'is_home', required: true, doc: '1 home, 0 away', read: (i) => bool(i.features.is_home) },
  {
    name: 'days_rest',
    required: true,
    doc: 'days between the last game and game_date minus one (0 = back-to-back)',
    read: (i) => i.features.days_rest,
  },
  {
    name: 'games_last_7_days',
    required: true,
    doc: 'games played in the 7 days before game_date',
    read: (i) => i.features.games_last_7_days,
  },
  {
    name: 'games_played_season',
    required: true,
    doc: 'games with minutes > 0 in the game date season',
    read: (i) => i.features.games_played_season,
  },
  {
    name: 'points_last_game',
    required: true,
    doc: 'points in the last game played',
    read: (i) => i.features.last_10_points[0] ?? null,
  },
  {
    name: 'points_avg_last_5',
    required: true,
    doc: 'points per game, last 5 games played',
    read: (i) => i.features.points_avg_last_5,
  },
  {
    name: 'points_avg_last_10',
    required: true,
    doc: 'points per game, last 10 games played',
    read: (i) => i.features.points_avg_last_10,
  },
  {
    name: 'points_avg_season',
    required: true,
    doc: 'points per game, season (or window early in a season)',
    read: (i) => i.features.points_avg_season,
  },
  {
    name: 'points_std_last_10',
    required: true,
    doc: 'population std of points, last 10 games played',
    read: (i) => i.features.points_std_last_10,
  },
  {
    name: 'minutes_last_game',
    required: true,
    doc: 'minutes in the last game played',
    read: (i) => i.features.last_10_minutes[0] ?? null,
  },
  {
    name: 'minutes_avg_last_5',
    required: true,
    doc: 'minutes per game, last 5 games played',
    read: (i) => i.features.minutes_avg_last_5,
  },
  {
    name: 'minutes_avg_last_10',
    required: true,
    doc: 'minutes per game, last 10 games played',
    read: (i) => i.features.minutes_avg_last_10,
  },
  {
    name: 'minutes_avg_season',
    required: true,
    doc: 'minutes per game, season (or window)',
    read: (i) => i.features.minutes_avg_season,
  },
  {
    name: 'points_per_minute_last_10',
    required: true,
    doc: 'points per minute, last 10 games played',
    read: (i) => i.features.points_per_minute_last_10,
  },
  {
    name: 'fga_avg_last_10',
    required: true,
    doc: 'field-goal attempts per game, last 10 games played',
    read: (i) => i.features.fga_avg_last_10,
  },
  {
    name: 'fg3a_rate_last_10',
    required: true,
    doc: 'three-point attempts per field-goal attempt, last 10 (null without an attempt)',
    read: (i) => i.features.fg3a_rate_last_10,
  },
  {
    name: 'fta_rate_last_10',
    required: true,
    doc: 'free-throw attempts per field-goal attempt, last 10 (null without an attempt)',
    read: (i) => i.features.fta_rate_last_10,
  },
  {
    name: 'share_points_three',
    required: false,
    doc: 'share of points from threes, last 10 (null without a point)',
    read: (i) => i.features.share_points_three,
  },
  {
    name: 'share_points_ft',
    required: false,
    doc: 'share of points from free throws, last 10 (null without a point)',
    read: (i) => i.features.share_points_ft,
  },
  {
    name: 'availability_last_10',
    required: true,
    doc: "share of the team's last 10 games played, 0-1 (null without team context)",
    read: (i) => i.features.availability_last_10,
  },
  {
    name: 'venue_ppg',
    required: false,
    doc: "points per game at tonight's venue (home or away) in the window (null without such a game)",
    read: (i) => (i.features.is_home ? i.features.home_ppg : i.features.away_ppg),
  },
  {
    name: 'opp_def_rating_diff',
    required: true,
    doc: "opponent's points allowed per 100 possessions minus the league average",
    read: (i) => diff(i.opponent.def_rating, i.league.def_rating),
  },
  {
    name: 'opp_pace_diff',
    required: true,
    doc: "opponent's pace minus the league average, possessions per 48 minutes",
    read: (i) => diff(i.opponent.pace, i.league.pace),
  },
  {
    name: 'team_pace_diff',
    required: true,
    doc: "player's team pace minus the league average, possessions per 48 minutes",
    read: (i) => diff(i.team.pace, i.league.pace),
  },
  {
    name: 'opp_fg3m_ratio',
    required: true,
    doc: 'threes the opponent allows per 100 possessions / league average',
    read: (i) => ratio(i.opponent.opp_fg3m_per100, i.league.opp_fg3m_per100),
  },
  {
    name: 'opp_ftm_ratio',
    required: true,
    doc: 'free throws the opponent allows per 100 possessions / league average',
    read: (i) => ratio(i.opponent.opp_ftm_per100, i.league.opp_ftm_per100),
  },
];

/** Feature names in column order. */
export const XGB_FEATURE_NAMES: readonly string[] = XGB_FEATURES.map((f) => f.name);

/** Names of the required features. */
export const XGB_REQUIRED_FEATURES: readonly string[] = XGB_FEATURES.filter((f) => f.required).map(
  (f) => f.name,
);

/**
 * The feature vector of one player-game, in {@link XGB_FEATURE_NAMES} order. Null = missing;
 * a non-finite value (which the features never produce) is also reported as null.
 */
export function featureVector(input: SystemInput): Array<number | null> {
  return XGB_FEATURES.map((f) => {
    const v = f.read(input);
    return v !== null && Number.isFinite(v) ? v : null;
  });
}

/** Names of the required features that are null in `vector` (empty when complete). */
export function missingRequired(vector: ReadonlyArray<number | null>): string[] {
  return XGB_FEATURES.filter((f, i) => f.required && (vector[i] ?? null) === null).map((f) => f.name);
}
