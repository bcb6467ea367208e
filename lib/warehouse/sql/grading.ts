/**
 * Statements of grading (DESIGN §7): the consolidated predictions of a batch, the actual points of
 * a date, and the prediction_accuracy rows of a date.
 */
import { TABLES, tableToken as t } from '../tables';

/** Every consolidated row of a batch. Params: @game_date, @batch_id. */
export const PREDICTIONS_TO_GRADE = `
SELECT prediction_id, game_id, CAST(game_date AS STRING) AS game_date, player_lookup, system_id, line_key,
       line_value, is_main_line, predicted_points, recommendation, over_odds, under_odds
FROM ${t(TABLES.predictions)}
WHERE game_date = CAST(@game_date AS DATE) AND batch_id = @batch_id`;

/** Points and minutes of every player who played on a date. Params: @game_date. */
export const ACTUALS_OF_DATE = `
SELECT player_lookup, points, minutes_played AS minutes
FROM ${t(TABLES.playerGameSummary)}
WHERE game_date = CAST(@game_date AS DATE) AND minutes_played > 0`;

/** Removes a date's grades before they are written again (grading is repeatable). Params: @game_date. */
export const DELETE_ACCURACY_OF_DATE = `
DELETE FROM ${t(TABLES.accuracy)} WHERE game_date = CAST(@game_date AS DATE)`;

/** Main-line (or no-line) grades of a date range, the unit of the summary. Params: @from_date, @to_date. */
export const GRADED_POINTS = `
SELECT CAST(a.game_date AS STRING) AS game_date, a.system_id, a.absolute_error, a.signed_error,
       a.prediction_correct, a.line_value IS NOT NULL AS has_line, a.line_value, a.actual_points
FROM ${t(TABLES.accuracy)} AS a
JOIN ${t(TABLES.predictions)} AS p ON p.prediction_id = a.prediction_id AND p.game_date = a.game_date
WHERE a.game_date >= CAST(@from_date AS DATE) AND a.game_date <= CAST(@to_date AS DATE)
  AND (p.is_main_line OR p.line_key = -1)
ORDER BY a.game_date, a.system_id`;
