/**
 * The rows the export reads (lib/warehouse/sql/predictions.ts EXPORT_ROWS), grouped per player.
 */
import { z } from 'zod';
import { describeIssues } from '../messages';
import type { PredictionRecord } from '../model/rows';

/** Columns of player_prop_predictions that are REQUIRED (never null when read back). */
type RequiredColumn = 'game_id' | 'player_lookup' | 'system_id' | 'line_key' | 'batch_id' | 'recommendation';

/** Columns EXPORT_ROWS reads besides the required ones (NULLABLE in the table). */
type ExportColumn =
  | 'player_name'
  | 'team_abbr'
  | 'opponent_team_abbr'
  | 'is_home'
  | 'line_value'
  | 'line_offset'
  | 'is_main_line'
  | 'over_odds'
  | 'under_odds'
  | 'line_books'
  | 'predicted_points'
  | 'confidence_score'
  | 'line_margin'
  | 'skip_reason'
  | 'model_version'
  | 'feature_json'
  | 'market_p_over'
  | 'best_over_odds'
  | 'best_over_book'
  | 'best_under_odds'
  | 'best_under_book'
  | 'market_prices_json'
  | 'p_over'
  | 'p_under'
  | 'p_push'
  | 'pass_reason'
  | 'pass_detail'
  | 'ev'
  | 'price_side'
  | 'price_odds'
  | 'price_book'
  | 'stake_fraction'
  | 'availability_status'
  | 'availability_reasons';

/**
 * One row of player_prop_predictions as the export reads it: the columns a prediction record
 * wrote (lib/model/rows.ts PredictionRecord), the NULLABLE ones possibly null. `feature_json` is
 * only on the ensemble's main-line (or no-line) row; `batch_id` is the run the row comes from
 * (each player's newest consolidated run of the date).
 */
export type ExportRow = Pick<PredictionRecord, RequiredColumn> & {
  [K in ExportColumn]: PredictionRecord[K] | null;
};

/**
 * The features the export reads back from feature_json (lib/model/features.ts PlayerFeatures
 * writes them; other keys are kept but not read). Every field is optional, for rows written before
 * a feature existed.
 */
export const StoredFeatures = z.looseObject({
  games_played_season: z.number().int().min(0).optional(),
  days_rest: z.number().nullable().optional(),
  back_to_back: z.boolean().optional(),
  points_avg_this_season: z.number().nullable().optional(),
  minutes_avg_this_season: z.number().nullable().optional(),
  points_avg_last_5: z.number().nullable().optional(),
  points_avg_last_10: z.number().nullable().optional(),
  minutes_avg_last_10: z.number().nullable().optional(),
  last_10_points: z.array(z.number()).optional(),
  last_10_minutes: z.array(z.number()).optional(),
  last_10_dates: z.array(z.string()).optional(),
});
export type StoredFeatures = z.infer<typeof StoredFeatures>;

/**
 * Parses a feature_json text.
 * @returns the features, or the reason they could not be read (not JSON, or a field of the wrong
 *   type, named with its value).
 */
export function parseFeatures(text: string): { features: StoredFeatures } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { error: `feature_json is not JSON: ${(err as Error).message}` };
  }
  const r = StoredFeatures.safeParse(parsed);
  return r.success ? { features: r.data } : { error: `feature_json: ${describeIssues(r.error, parsed)}` };
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
  features: StoredFeatures;
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
          const parsed = parseFeatures(r.feature_json);
          if ('features' in parsed) p.features = parsed.features;
          else p.feature_error = parsed.error;
        }
      }
    }
  }
  return [...map.values()];
}
