/**
 * Shapes shared by the prediction systems. A system is a pure function of the features and the
 * request's context; it returns a prediction (points and its components) or a reason it cannot
 * predict, never NaN, Infinity or a 0.0 placeholder (DESIGN §4). Probabilities per line come after
 * the systems (lib/model/line-probability.ts), from the prediction, the market and a calibration.
 */
import type { Game, LeagueContext, TeamContext } from '../messages';
import type { PlayerFeatures } from './features';

/** The five systems of DESIGN §4. */
export type SystemId =
  'moving_average' | 'zone_matchup_v1' | 'similarity_balanced_v1' | 'xgboost_v1' | 'ensemble_v1';

/** Why a system could not predict. */
export type SkipReason =
  | 'INSUFFICIENT_HISTORY'
  | 'NO_OPPONENT_CONTEXT'
  | 'NO_SCORING_MIX'
  | 'INSUFFICIENT_SIMILAR_GAMES'
  | 'INSUFFICIENT_SYSTEMS'
  | 'INCOMPLETE_FEATURES'
  | 'MODEL_UNAVAILABLE';

/** The additive pieces of a prediction, points. Absent pieces are not part of the system. */
export interface Components {
  baseline_points?: number;
  rest_adjustment?: number;
  home_away_adjustment?: number;
  minutes_adjustment?: number;
  matchup_adjustment?: number;
  pace_adjustment?: number;
}

/** A system's prediction: points (0-60). */
export interface Prediction {
  ok: true;
  system_id: SystemId;
  model_version: string;
  predicted: number;
  components: Components;
  similar_games_count?: number;
  contributing_systems?: number;
  /** Population std of the averaged predictions, points (ensemble). */
  prediction_spread?: number;
}

/** A system that could not predict, with the reason. */
export interface NoPrediction {
  ok: false;
  system_id: SystemId;
  model_version: string;
  reason: SkipReason;
  detail: string;
}

/** Either outcome. */
export type SystemResult = Prediction | NoPrediction;

/** Everything a system may read. */
export interface SystemInput {
  features: PlayerFeatures;
  /** The player's games before game_date, newest first. */
  history: readonly Game[];
  opponent: TeamContext;
  team: TeamContext;
  league: LeagueContext;
}

/** A base system (every system but the ensemble). */
export interface BaseSystem {
  id: SystemId;
  version: string;
  predict(input: SystemInput): SystemResult;
}
