/**
 * `v1/predictions/<date>.json` and `v1/predictions/today.json` (DESIGN §5): every system's
 * prediction at each player's main line (or the no-line row), grouped by game.
 */
import type { ScheduleGame } from '../slate/select';
import { exportedAvailability, exportedPrediction } from './market';
import { isMainRow, type ExportRow } from './rows';
import { gameTimeLabel } from './tonight';

/** One system's prediction of one player. */
export interface PredictionEntry {
  player_lookup: string;
  name: string;
  team: string | null;
  is_home: boolean | null;
  system_id: string;
  model_version: string | null;
  predicted: number | null;
  line: number | null;
  /** predicted - line, points. */
  edge: number | null;
  /** Calibrated P(over) / P(under) at the line, 0-1. */
  p_over: number | null;
  p_under: number | null;
  recommendation: string;
  /** Why it is not OVER/UNDER (null for a pick). */
  pass_reason: string | null;
  /** EV per unit staked at the best price of the pick (or the better side). */
  ev: number | null;
  /** Calibrated probability that the pick wins; null for a PASS. */
  confidence: number | null;
  availability: string;
  skip_reason: string | null;
}

/** The document. */
export interface PredictionsDoc {
  game_date: string;
  generated_at: string;
  batch_id: string | null;
  total_games: number;
  total_predictions: number;
  games: Array<{
    game_id: string;
    home_team: string;
    away_team: string;
    game_time: string | null;
    prediction_count: number;
    recommendation_breakdown: { over: number; under: number; pass: number; no_line: number };
    predictions: PredictionEntry[];
  }>;
}

function entry(r: ExportRow): PredictionEntry {
  const x = exportedPrediction(r);
  return {
    player_lookup: r.player_lookup,
    name: r.player_name ?? r.player_lookup,
    team: r.team_abbr,
    is_home: r.is_home,
    system_id: r.system_id,
    model_version: r.model_version,
    predicted: x.predicted,
    line: r.line_value,
    edge: x.edge,
    p_over: x.p_over,
    p_under: x.p_under,
    recommendation: x.recommendation,
    pass_reason: x.pass_reason,
    ev: x.ev,
    confidence: x.confidence,
    availability: exportedAvailability(r).status,
    skip_reason: r.skip_reason,
  };
}

/** Builds predictions/<date>.json. Entries sorted by player, then system. */
export function buildPredictions(args: {
  gameDate: string;
  generatedAt: string;
  batchId: string | null;
  games: readonly ScheduleGame[];
  rows: readonly ExportRow[];
}): PredictionsDoc {
  const main = args.rows.filter(isMainRow);
  const games = args.games.map((g) => {
    const preds = main
      .filter((r) => r.game_id === g.game_id)
      .map(entry)
      .sort(
        (a, b) => a.player_lookup.localeCompare(b.player_lookup) || a.system_id.localeCompare(b.system_id),
      );
    const count = (rec: string) => preds.filter((p) => p.recommendation === rec).length;
    return {
      game_id: g.game_id,
      home_team: g.home_team,
      away_team: g.away_team,
      game_time: gameTimeLabel(g),
      prediction_count: preds.length,
      recommendation_breakdown: {
        over: count('OVER'),
        under: count('UNDER'),
        pass: count('PASS'),
        no_line: count('NO_LINE'),
      },
      predictions: preds,
    };
  });
  return {
    game_date: args.gameDate,
    generated_at: args.generatedAt,
    batch_id: args.batchId,
    total_games: games.length,
    total_predictions: games.reduce((a, g) => a + g.prediction_count, 0),
    games,
  };
}
