/**
 * Statements on the staging tables and player_prop_predictions: the completion count, the
 * consolidation MERGE and its checks, and the export read. DESIGN §3 "Consolidation".
 */
import { PREDICTION_COLUMNS } from '../schema';
import { TABLES, stagingTable, tableToken as t } from '../tables';
import { MEMBER_KEYS } from './members';

const P = t(TABLES.predictions);
const B = t(TABLES.batches);

/** Columns of the MERGE key, in order. line_key is INT64, never FLOAT64 (docs/seed-system.md §9 item 1). */
export const PREDICTION_KEY = ['game_id', 'player_lookup', 'system_id', 'line_key'] as const;

/**
 * Distinct members of the batch with rows in its staging table, and their rows (a staged row of a
 * player or game outside the manifest is not counted). Params: @batch_id.
 */
export function countStagedPlayers(batchId: string): string {
  return `SELECT COUNT(DISTINCT s.player_lookup) AS players, COUNT(*) AS row_count
FROM ${t(stagingTable(batchId))} AS s
JOIN ${MEMBER_KEYS} AS m ON m.player_lookup = s.player_lookup AND m.game_id = s.game_id`;
}

const COLS = PREDICTION_COLUMNS.map((c) => c.name).filter((n) => n !== 'updated_at');
const KEY = PREDICTION_KEY.join(', ');

/**
 * The consolidation MERGE of a batch (DESIGN §3). The source is the staging table de-duplicated by
 * ROW_NUMBER() over the key, newest created_at first (ties by prediction_id). Matched rows are
 * updated only when the staged row is newer, so running it twice changes nothing. Only rows of the
 * batch's members (its manifest) are merged. Params: @now, @batch_id.
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
  SELECT ${COLS.map((c) => `s.${c}`).join(', ')}
  FROM ${staging} AS s
  JOIN ${MEMBER_KEYS} AS m ON m.player_lookup = s.player_lookup AND m.game_id = s.game_id
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY ${PREDICTION_KEY.map((k) => `s.${k}`).join(', ')} ORDER BY s.created_at DESC, s.prediction_id) = 1
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

/** Rows of one player of a batch in the main table. Params: @game_date, @batch_id, @player_lookup. */
export const PLAYER_ROWS_OF_BATCH = `
SELECT COUNT(*) AS row_count
FROM ${P}
WHERE game_date = CAST(@game_date AS DATE) AND batch_id = @batch_id AND player_lookup = @player_lookup`;

/** Rows of a date in the main table. Params: @game_date. */
export const DATE_ROW_COUNT = `
SELECT COUNT(*) AS row_count FROM ${P} WHERE game_date = CAST(@game_date AS DATE)`;

/**
 * The rule of what is exported, as a CTE `player_batch (game_id, player_lookup, batch_id)`: each
 * player's newest consolidated run of the date. EXPORT_ROWS reads it, and grading grades exactly
 * these rows (lib/warehouse/sql/grading.ts). Params: @game_date.
 */
export const EXPORTED_RUNS = `player_batch AS (
  SELECT p.game_id, p.player_lookup, p.batch_id
  FROM ${P} AS p
  JOIN ${B} AS b ON b.batch_id = p.batch_id
  WHERE p.game_date = CAST(@game_date AS DATE) AND b.consolidated_at IS NOT NULL
  GROUP BY p.game_id, p.player_lookup, p.batch_id, b.created_at
  QUALIFY ROW_NUMBER() OVER (PARTITION BY p.game_id, p.player_lookup ORDER BY b.created_at DESC, p.batch_id DESC) = 1
)`;

/**
 * What the export reads: each player's rows from his newest consolidated run of the date (so a run
 * cut short or consolidated at its deadline adds its players without hiding the others), with
 * feature_json only on the ensemble's main-line (or no-line) row. A run's rows are all of one
 * batch_id, so stale ladder keys of an earlier line never mix in. Params: @game_date.
 */
export const EXPORT_ROWS = `
WITH ${EXPORTED_RUNS}
SELECT p.game_id, p.player_lookup, p.player_name, p.team_abbr, p.opponent_team_abbr, p.is_home, p.system_id,
       p.line_key, p.line_value, p.line_offset, p.is_main_line, p.over_odds, p.under_odds, p.line_books,
       p.predicted_points, p.confidence_score, p.recommendation, p.line_margin, p.skip_reason, p.model_version,
       p.batch_id, p.market_p_over, p.best_over_odds, p.best_over_book, p.best_under_odds, p.best_under_book,
       p.market_prices_json, p.p_over, p.p_under, p.p_push, p.pass_reason, p.pass_detail, p.ev, p.price_side, p.price_odds,
       p.price_book, p.stake_fraction, p.availability_status, p.availability_reasons,
       CASE WHEN p.system_id = 'ensemble_v1' AND (p.is_main_line OR p.line_key = -1) THEN p.feature_json END AS feature_json
FROM ${P} AS p
JOIN player_batch AS x ON x.game_id = p.game_id AND x.player_lookup = p.player_lookup AND x.batch_id = p.batch_id
WHERE p.game_date = CAST(@game_date AS DATE)
ORDER BY p.game_id, p.player_lookup, p.system_id, p.line_key`;
