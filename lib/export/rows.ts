/**
 * The rows the export reads (lib/warehouse/sql/predictions.ts EXPORT_ROWS), grouped per player.
 */
import type { PlayerFeatures } from '../model/features';

/** One row of player_prop_predictions as the export reads it. */
export interface ExportRow {
  game_id: string;
  player_lookup: string;
  player_name: string | null;
  team_abbr: string | null;
  opponent_team_abbr: string | null;
  is_home: boolean | null;
  system_id: string;
  line_key: number;
  line_value: number | null;
  line_offset: number | null;
  is_main_line: boolean | null;
  over_odds: number | null;
  under_odds: number | null;
  line_books: number | null;
  predicted_points: number | null;
  confidence_score: number | null;
  recommendation: string;
  line_margin: number | null;
  skip_reason: string | null;
  model_version: string | null;
  /** The run the row comes from (each player's newest consolidated run of the date). */
  batch_id: string;
  feature_json: string | null;
  /** Market no-vig P(over) at this line, 0-1. */
  market_p_over: number | null;
  best_over_odds: number | null;
  best_over_book: string | null;
  best_under_odds: number | null;
  best_under_book: string | null;
  /** JSON [{book, over_odds, under_odds}]. */
  market_prices_json: string | null;
  p_over: number | null;
  p_under: number | null;
  p_push: number | null;
  pass_reason: string | null;
  pass_detail: string | null;
  /** EV per unit staked at the best price (of the pick, or the better side of a PASS). */
  ev: number | null;
  price_side: string | null;
  price_odds: number | null;
  price_book: string | null;
  stake_fraction: number | null;
  availability_status: string | null;
  /** JSON list of reasons. */
  availability_reasons: string | null;
}

/** A player's rows. */
export interface PlayerRows {
  player_lookup: string;
  game_id: string;
  rows: ExportRow[];
  /** The row per system at the main line (or the no-line row). */
  main: Map<string, ExportRow>;
  /** The ensemble's main row. */
  ensemble: ExportRow | null;
  features: Partial<PlayerFeatures>;
  /** Why the ensemble row's feature_json could not be read (the card then shows no history). */
  feature_error?: string;
}

/** True for the main-line row or the no-line row. */
export function isMainRow(r: ExportRow): boolean {
  return r.line_key === -1 || r.is_main_line === true;
}

/** Groups rows by player (in first-seen order). */
export function groupByPlayer(rows: readonly ExportRow[]): PlayerRows[] {
  const map = new Map<string, PlayerRows>();
  for (const r of rows) {
    let p = map.get(r.player_lookup);
    if (!p) {
      p = {
        player_lookup: r.player_lookup,
        game_id: r.game_id,
        rows: [],
        main: new Map(),
        ensemble: null,
        features: {},
      };
      map.set(r.player_lookup, p);
    }
    p.rows.push(r);
    if (isMainRow(r)) {
      p.main.set(r.system_id, r);
      if (r.system_id === 'ensemble_v1') {
        p.ensemble = r;
        if (r.feature_json) {
          try {
            const parsed: unknown = JSON.parse(r.feature_json);
            if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) p.features = parsed;
            else p.feature_error = 'feature_json is not a JSON object';
          } catch (err) {
            p.feature_error = `feature_json is not JSON: ${(err as Error).message}`;
          }
        }
      }
    }
  }
  return [...map.values()];
}
