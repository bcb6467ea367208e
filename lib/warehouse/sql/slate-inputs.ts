/**
 * How much of a date's inputs the data holds: box scores in the history window before the date
 * and prop-line rows of the date (what "0 players predicted" is explained with). BigQuery SQL in
 * the subset DuckDB also runs; table names are tokens.
 */
import { TABLES, tableToken as t } from '../tables';

/** Params: game_date, history_start (YYYY-MM-DD). One row: history_games, line_rows, first_box_score_date. */
export const SLATE_INPUTS = `
SELECT
  (SELECT COUNT(*) FROM ${t(TABLES.playerGameSummary)}
    WHERE game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)) AS history_games,
  (SELECT COUNT(*) FROM ${t(TABLES.odds)} WHERE game_date = CAST(@game_date AS DATE)) AS line_rows,
  (SELECT CAST(MIN(game_date) AS STRING) FROM ${t(TABLES.playerGameSummary)}) AS first_box_score_date`;
