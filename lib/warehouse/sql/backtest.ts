/**
 * Statements of the backtest's own report (lib/grading/availability.ts) and of its reset: a
 * backtest run replaces the earlier runs of its date range, because every date runs at the same
 * pinned instant (its scheduled morning run) and "newest batch" would not tell two runs apart.
 */
import { TABLES, tableToken as t } from '../tables';

/** Removes the batches of a date range (the backtest's own warehouse). Params: @from_date, @to_date. */
export const DELETE_BATCHES_OF_RANGE = `
DELETE FROM ${t(TABLES.batches)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)`;

/** Removes the grades of a date range. Params: @from_date, @to_date. */
export const DELETE_ACCURACY_OF_RANGE = `
DELETE FROM ${t(TABLES.accuracy)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)`;

/** Removes the predictions of a date range. Params: @from_date, @to_date. */
export const DELETE_PREDICTIONS_OF_RANGE = `
DELETE FROM ${t(TABLES.predictions)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)`;

/**
 * Every main-line (or no-line) prediction of the newest consolidated batch of each date in the
 * range, with its grade when the player played (a void, a player without a box-score row with
 * minutes > 0, has no grade or a grade with actual_points null) and the
 * minutes he played (0 when he did not). The ensemble's row carries the features and the
 * availability reasons. Params: @from_date, @to_date.
 */
export const BACKTEST_PREDICTIONS = `
WITH latest AS (
  SELECT batch_id FROM ${t(TABLES.batches)}
  WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)
    AND consolidated_at IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY game_date ORDER BY created_at DESC, batch_id DESC) = 1
),
played AS (
  SELECT player_lookup, game_date, MAX(minutes_played) AS minutes
  FROM ${t(TABLES.playerGameSummary)}
  WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE) AND minutes_played > 0
  GROUP BY player_lookup, game_date
)
SELECT CAST(p.game_date AS STRING) AS game_date, p.system_id, p.player_lookup, p.line_value,
       p.predicted_points, p.recommendation, p.pass_reason, p.availability_status,
       CASE WHEN p.system_id = 'ensemble_v1' THEN p.availability_reasons END AS availability_reasons,
       CASE WHEN p.system_id = 'ensemble_v1' THEN p.feature_json END AS feature_json,
       a.absolute_error, a.actual_points, COALESCE(pl.minutes, 0) AS minutes,
       a.actual_points IS NOT NULL AS graded
FROM ${t(TABLES.predictions)} AS p
JOIN latest AS l ON l.batch_id = p.batch_id
LEFT JOIN ${t(TABLES.accuracy)} AS a ON a.prediction_id = p.prediction_id AND a.game_date = p.game_date
LEFT JOIN played AS pl ON pl.player_lookup = p.player_lookup AND pl.game_date = p.game_date
WHERE p.game_date >= CAST(@from_date AS DATE) AND p.game_date <= CAST(@to_date AS DATE)
  AND (p.is_main_line OR p.line_key = -1)
ORDER BY game_date, p.system_id, p.player_lookup`;

/** Game dates of the range that have any injury report row. Params: @from_date, @to_date. */
export const INJURY_REPORT_DATES = `
SELECT DISTINCT CAST(game_date AS STRING) AS game_date
FROM ${t(TABLES.injuryReport)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)
ORDER BY game_date`;
