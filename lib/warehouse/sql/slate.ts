/**
 * Queries startBatch runs: the schedule, the lines, ONE history query for all players and ONE
 * team-context query for all teams (DESIGN §2, §4; the seed's "one batch query instead of one query
 * per player"). BigQuery SQL in the subset DuckDB also runs; table names are tokens.
 */
import { TABLES, tableToken as t } from '../tables';

/**
 * First and last game dates on the schedule, and the last date with box scores (what "a date in
 * the data" means).
 */
export const SCHEDULE_COVERAGE = `
SELECT CAST(MIN(game_date) AS STRING) AS first_date, CAST(MAX(game_date) AS STRING) AS last_date, COUNT(*) AS games,
       (SELECT CAST(MAX(game_date) AS STRING) FROM ${t(TABLES.playerGameSummary)}) AS last_box_score_date
FROM ${t(TABLES.schedule)}`;

/** Tonight's games. Params: @game_date. */
export const GAMES_OF_DATE = `
SELECT game_id, home_team, away_team, commence_time
FROM ${t(TABLES.schedule)}
WHERE game_date = CAST(@game_date AS DATE)
ORDER BY commence_time, game_id`;

/**
 * Every points line of tonight (main and alternate), at each book's latest snapshot before tip.
 * Params: @game_date. Snapshots at or after the tip are in-game lines and are ignored (point in
 * time). The consensus line is chosen among the `is_main` rows; every row prices its own line.
 */
export const LINES_OF_DATE = `
SELECT event_id, home_team, away_team, player_lookup, player_name, bookmaker,
       points_line, over_odds, under_odds, is_main
FROM ${t(TABLES.odds)}
WHERE game_date = CAST(@game_date AS DATE) AND snapshot_time < commence_time
QUALIFY RANK() OVER (PARTITION BY event_id, bookmaker, player_lookup ORDER BY snapshot_time DESC) = 1
ORDER BY player_lookup, bookmaker, points_line`;

/**
 * History of every candidate in ONE query: the last @max_games games within the window
 * [@history_start, @game_date) of each player whose latest game was for a team in @teams, plus every
 * player in @lined_lookups. Newest first per player; 0-minute rows included (features drop them).
 * One row per (player, game) even when the upstream table holds the game twice (the same game
 * under two spellings of a name): the row with the most minutes is kept.
 */
export const HISTORY_OF_CANDIDATES = `
WITH games AS (
  SELECT player_lookup, player_name, game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
         minutes_played, points, fgm, fga, fg3m, fg3a, ftm, fta, tov
  FROM ${t(TABLES.playerGameSummary)}
  WHERE game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
), recent AS (
  SELECT player_lookup, player_name, game_id, CAST(game_date AS STRING) AS game_date, season,
         team_abbr, opponent_team_abbr, is_home, minutes_played AS minutes, points,
         fgm, fga, fg3m, fg3a, ftm, fta, tov,
         ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC, game_id DESC) AS rn
  FROM games
)
SELECT player_lookup, player_name, game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
       minutes, points, fgm, fga, fg3m, fg3a, ftm, fta, tov
FROM recent
WHERE rn <= @max_games
  AND player_lookup IN (
    SELECT player_lookup FROM recent WHERE rn = 1 AND team_abbr IN (SELECT * FROM UNNEST(@teams))
    UNION ALL
    SELECT * FROM UNNEST(@lined_lookups))
ORDER BY player_lookup, rn`;

/**
 * Context of every team in ONE query: each team's last @team_games games in the window with the
 * opponent's totals. Possessions: FGA - OREB + TOV + 0.44 FTA (Oliver). Params: @game_date,
 * @history_start, @team_games.
 */
export const TEAM_GAMES = `
WITH g AS (
  SELECT tm.team_abbr, CAST(tm.game_date AS STRING) AS game_date, tm.minutes,
         op.pts AS pts_against,
         tm.fga - tm.oreb + tm.tov + 0.44 * tm.fta AS poss_for,
         op.fga - op.oreb + op.tov + 0.44 * op.fta AS poss_against,
         op.fg3m AS opp_fg3m, op.ftm AS opp_ftm, 2 * (op.fgm - op.fg3m) AS opp_two_pt_points,
         ROW_NUMBER() OVER (PARTITION BY tm.team_abbr ORDER BY tm.game_date DESC, tm.game_id DESC) AS rn
  FROM ${t(TABLES.teamGameSummary)} AS tm
  JOIN ${t(TABLES.teamGameSummary)} AS op
    ON op.game_id = tm.game_id AND op.game_date = tm.game_date AND op.team_abbr = tm.opponent_team_abbr
  WHERE tm.game_date < CAST(@game_date AS DATE) AND tm.game_date >= CAST(@history_start AS DATE)
)
SELECT team_abbr, game_date, minutes, pts_against, poss_for, poss_against, opp_fg3m, opp_ftm, opp_two_pt_points
FROM g
WHERE rn <= @team_games
ORDER BY team_abbr, rn`;

/**
 * Main lines of some players on the dates [@from_date, @game_date), each book's latest snapshot
 * before tip: the export's over/under record of the last 10 games. Params: @from_date, @game_date,
 * @players.
 */
export const PAST_MAIN_LINES = `
SELECT CAST(game_date AS STRING) AS game_date, event_id, player_lookup, bookmaker, points_line, over_odds, under_odds
FROM ${t(TABLES.odds)}
WHERE game_date >= CAST(@from_date AS DATE) AND game_date < CAST(@game_date AS DATE)
  AND is_main AND snapshot_time < commence_time
  AND player_lookup IN (SELECT * FROM UNNEST(@players))
QUALIFY RANK() OVER (PARTITION BY event_id, bookmaker, player_lookup ORDER BY snapshot_time DESC) = 1`;
