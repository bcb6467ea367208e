/**
 * Team totals per team-game, summed from player_game_summary (an upstream input of DESIGN §3), so
 * the team-context query needs no other upstream table. On Google Cloud this statement is the
 * query of the view `nba_predictions.team_game_summary` (Terraform creates it from the file
 * scripts/gen-bq-schemas.ts renders); locally the 2025-26 rows of the same table come from it too.
 * Player logs must be complete for the sums to be team totals (the shipped 2024-25 logs are not
 * after 2025-02-07, so locally 2024-25 comes from the team game logs instead; data/README.md).
 */
import { TABLES, tableToken as t } from '../tables';

/**
 * One row per team per game: minutes, points and the box-score counts the context needs. Each
 * player counts once per game even when the upstream table holds his row twice. Counts are INT64
 * as on BigQuery (DuckDB would make a SUM of BIGINT a HUGEINT, and team-context arithmetic on
 * HUGEINT costs about 10x).
 */
export const TEAM_GAME_SUMMARY_VIEW = `
SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
       SUM(minutes_played) AS minutes, CAST(SUM(points) AS INT64) AS pts, CAST(SUM(fgm) AS INT64) AS fgm,
       CAST(SUM(fga) AS INT64) AS fga, CAST(SUM(fg3m) AS INT64) AS fg3m, CAST(SUM(fg3a) AS INT64) AS fg3a,
       CAST(SUM(ftm) AS INT64) AS ftm, CAST(SUM(fta) AS INT64) AS fta, CAST(SUM(oreb) AS INT64) AS oreb,
       CAST(SUM(tov) AS INT64) AS tov
FROM (
  SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home, minutes_played, points,
         fgm, fga, fg3m, fg3a, ftm, fta, oreb, tov
  FROM ${t(TABLES.playerGameSummary)}
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
) AS p
GROUP BY game_id, game_date, season, team_abbr, opponent_team_abbr, is_home`;
