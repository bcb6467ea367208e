/**
 * Queries of the training-rows export (lib/training/rows.ts). BigQuery SQL in the subset DuckDB also
 * runs; table names are tokens. The features themselves come from the same queries as startBatch
 * (lib/warehouse/sql/slate.ts); this file only adds what happened on the day.
 */
import { TABLES, tableToken as t } from '../tables';

/**
 * What each player really did in [@from_date, @to_date]: one row per player-game with minutes > 0
 * (DNP rows are not labels). Points and minutes of that game. Params: @from_date, @to_date.
 */
export const ACTUALS_OF_RANGE = `
SELECT player_lookup, CAST(game_date AS STRING) AS game_date, game_id, team_abbr,
       minutes_played AS minutes, points
FROM ${t(TABLES.playerGameSummary)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date <= CAST(@to_date AS DATE)
  AND minutes_played > 0
ORDER BY game_date, player_lookup`;
