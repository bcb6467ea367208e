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

/**
 * Every graded row of a date range with what the report measures (lib/grading/report.ts): the
 * line, the probabilities, the decision and the prices. Params: @from_date, @to_date.
 */
export const REPORT_ROWS = `
SELECT CAST(a.game_date AS STRING) AS game_date, a.system_id, p.line_value, p.is_main_line, a.actual_points,
       p.predicted_points, p.p_over, p.market_p_over, p.recommendation, p.pass_reason, p.price_side,
       p.price_odds, p.over_odds, p.under_odds
FROM ${t(TABLES.accuracy)} AS a
JOIN ${t(TABLES.predictions)} AS p ON p.prediction_id = a.prediction_id AND p.game_date = a.game_date
WHERE a.game_date >= CAST(@from_date AS DATE) AND a.game_date <= CAST(@to_date AS DATE)
ORDER BY a.game_date, a.system_id, p.player_lookup, p.line_key`;
