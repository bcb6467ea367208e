/**
 * What startBatch reads to fit the model state of a date (lib/model/model-state.ts): every graded
 * main-line prediction of the earlier dates in the window, with the probabilities it carried.
 * Strictly before @game_date (point in time). Params: @game_date, @from_date.
 */
import { TABLES, tableToken as t } from '../tables';

/** Graded main-line rows of [@from_date, @game_date). */
export const GRADED_FOR_MODEL_STATE = `
SELECT p.system_id, p.model_version, p.line_value, p.market_p_over, p.model_p_over, p.baseline_points,
       a.actual_points
FROM ${t(TABLES.accuracy)} AS a
JOIN ${t(TABLES.predictions)} AS p ON p.prediction_id = a.prediction_id AND p.game_date = a.game_date
WHERE a.game_date < CAST(@game_date AS DATE) AND a.game_date >= CAST(@from_date AS DATE)
  AND p.is_main_line AND p.predicted_points IS NOT NULL AND a.actual_points IS NOT NULL`;
