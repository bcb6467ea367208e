/**
 * `v1/predictions/<date>.json` and `v1/predictions/today.json` (DESIGN §5): every system's
 * prediction at each player's main line (or the no-line row), grouped by game.
 */
import type { ScheduleGame } from '../slate/select';
import { exportedAvailability, exportedPrediction } from './market';
import { isMainRow, type ExportRow } from './rows';
import type { PredictionEntry, PredictionsDoc } from './schemas/predictions';
import { tipOff } from './tonight';

export type { PredictionEntry, PredictionsDoc };

function entry(r: ExportRow): PredictionEntry {
  const { predicted, edge, p_over, p_under, recommendation, pass_reason, ev, confidence } =
    exportedPrediction(r);
  return {
    player_lookup: r.player_lookup,
    name: r.player_name ?? r.player_lookup,
    team: r.team_abbr,
    is_home: r.is_home,
    system_id: r.system_id,
    model_version: r.model_version,
    predicted,
    line: r.line_value,
    edge,
    p_over,
    p_under,
    recommendation,
    pass_reason,
    ev,
    confidence,
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
      ...tipOff(g),
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
