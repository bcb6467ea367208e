/**
 * Statements on the staging tables and player_prop_predictions: the completion count, the
 * consolidation MERGE and its checks, and the export read. DESIGN §3 "Consolidation".
 */
import { PREDICTION_COLUMNS } from '../schema';
import { TABLES, stagingTable, tableToken as t } from '../tables';

const P = t(TABLES.predictions);

/** Columns of the MERGE key, in order. line_key is INT64, never FLOAT64 (the seed's bug). */
export const PREDICTION_KEY = ['game_id', 'player_lookup', 'system_id', 'line_key'] as const;

/** Distinct players with rows in a batch's staging table. */
export function countStagedPlayers(batchId: string): string {
  return `SELECT COUNT(DISTINCT player_lookup) AS players, COUNT(*) AS row_count FROM ${t(stagingTable(batchId))}`;
}

const COLS = PREDICTION_COLUMNS.map((c) => c.name).filter((n) => n !== 'updated_at');
const KEY = PREDICTION_KEY.join(', ');

/**
 * The consolidation MERGE of a batch (DESIGN §3). The source is the staging table de-duplicated by
 * ROW_NUMBER() over the key, newest created_at first (ties by prediction_id). Matched rows are
 * updated only when the staged row is newer, so running it twice changes nothing. Params: @now.
 */
export function mergeStaging(batchId: string): string {
  const staging = t(stagingTable(batchId));
  const on = ['game_date', ...PREDICTION_KEY].map((k) => `T.${k} = S.${k}`).join(' AND ');
  const set = COLS.filter((c) => !(PREDICTION_KEY as readonly string[]).includes(c) && c !== 'game_date')
    .map((c) => `${c} = S.${c}`)
    .join(',\n    ');
  return `
MERGE INTO ${P} AS T
USING (
  SELECT ${COLS.join(', ')}
  FROM ${staging}
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY ${KEY} ORDER BY created_at DESC, prediction_id) = 1
) AS S
ON ${on}
WHEN MATCHED AND S.created_at > T.created_at THEN UPDATE SET
    ${set},
    updated_at = CAST(@now AS TIMESTAMP)
WHEN NOT MATCHED THEN INSERT (${COLS.join(', ')}, updated_at)
  VALUES (${COLS.map((c) => `S.${c}`).join(', ')}, CAST(@now AS TIMESTAMP))`;
}

/** Keys of a date that appear more than once (must be 0 after every MERGE). Params: @game_date. */
export const DUPLICATE_KEYS = `
SELECT COUNT(*) AS duplicate_keys FROM (
  SELECT ${KEY}, COUNT(*) AS n
  FROM ${P}
  WHERE game_date = CAST(@game_date AS DATE)
  GROUP BY ${KEY}
  HAVING COUNT(*) > 1
) AS d`;

/** Rows and players of a batch in the main table. Params: @game_date, @batch_id. */
export const BATCH_ROW_COUNT = `
SELECT COUNT(*) AS row_count, COUNT(DISTINCT player_lookup) AS players
FROM ${P}
WHERE game_date = CAST(@game_date AS DATE) AND batch_id = @batch_id`;

/** Rows of a date in the main table. Params: @game_date. */
export const DATE_ROW_COUNT = `
SELECT COUNT(*) AS row_count FROM ${P} WHERE game_date = CAST(@game_date AS DATE)`;

/**
 * What the export reads: every row of a batch, with feature_json only on the ensemble's main-line
 * (or no-line) row. Params: @game_date, @batch_id.
 */
export const EXPORT_ROWS = `
SELECT game_id, player_lookup, player_name, team_abbr, opponent_team_abbr, is_home, system_id,
       line_key, line_value, line_offset, is_main_line, over_odds, under_odds, line_books,
       predicted_points, confidence_score, recommendation, line_margin, skip_reason, model_version,
       CASE WHEN system_id = 'ensemble_v1' AND (is_main_line OR line_key = -1) THEN feature_json END AS feature_json
FROM ${P}
WHERE game_date = CAST(@game_date AS DATE) AND batch_id = @batch_id
ORDER BY game_id, player_lookup, system_id, line_key`;
