/**
 * Queries startBatch runs: the schedule, the lines, ONE query for who could be selected, ONE
 * history query for the players it publishes and ONE team-context query for all teams (DESIGN §2,
 * §4: one batch query instead of one query per player). BigQuery SQL in the subset DuckDB also
 * runs; table names are tokens.
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
 * Who could be selected tonight, in ONE query, without their box scores: every player whose latest
 * game in [@history_start, @game_date) was for a team in @teams, plus every player in
 * @lined_lookups. One row per player per game among his newest @minutes_window games (newest
 * first: rn = 1, 2, ...) with that game's minutes; the row rn = 1 also carries his name and team
 * of that game, its date, and how many of his newest @max_games games had minutes > 0. In no
 * order (the loader places each row by rn). lib/slate/select.ts decides from these; the box
 * scores of the players it keeps come after.
 */
export const CANDIDATE_SUMMARIES = `
WITH games AS (
  SELECT player_lookup, player_name, game_id, team_abbr, game_date, minutes_played
  FROM ${t(TABLES.playerGameSummary)}
  WHERE game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
),
recent AS (
  SELECT player_lookup, player_name, team_abbr, game_date, minutes_played,
         ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC, game_id DESC) AS rn
  FROM games
),
candidates AS (
  SELECT player_lookup, player_name, team_abbr, game_date AS last_game_date
  FROM recent
  WHERE rn = 1
    AND (team_abbr IN (SELECT * FROM UNNEST(@teams)) OR player_lookup IN (SELECT * FROM UNNEST(@lined_lookups)))
),
played AS (
  SELECT player_lookup, SUM(CASE WHEN minutes_played > 0 THEN 1 ELSE 0 END) AS played_games
  FROM recent
  WHERE rn <= @max_games
  GROUP BY player_lookup
)
SELECT r.player_lookup, r.rn, r.minutes_played AS minutes,
       CASE WHEN r.rn = 1 THEN c.player_name END AS player_name,
       CASE WHEN r.rn = 1 THEN c.team_abbr END AS team_abbr,
       CASE WHEN r.rn = 1 THEN c.last_game_date END AS last_game_date,
       CASE WHEN r.rn = 1 THEN p.played_games END AS played_games
FROM recent AS r
JOIN candidates AS c ON c.player_lookup = r.player_lookup
JOIN played AS p ON p.player_lookup = r.player_lookup
WHERE r.rn <= @minutes_window`;

/**
 * Box scores of the players to publish, in ONE query: each player's newest @max_games games in
 * [@history_start, @game_date) (newest by game_date, then game_id), for the players in @players
 * only, one per (player, game) as in CANDIDATE_SUMMARIES. 0-minute rows included (features drop them). The same rows as one query per player would
 * return, in no order: the loader orders each player's games (sorting the whole result here cost
 * as much as the rest of the query).
 */
export const HISTORY_OF_PLAYERS = `
SELECT player_lookup, game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
       minutes_played AS minutes, points, fgm, fga, fg3m, fg3a, ftm, fta, tov
FROM (
  SELECT player_lookup, player_name, game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
         minutes_played, points, fgm, fga, fg3m, fg3a, ftm, fta, tov
  FROM ${t(TABLES.playerGameSummary)}
  WHERE game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)
    AND player_lookup IN (SELECT * FROM UNNEST(@players))
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
) AS g
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC, game_id DESC) <= @max_games`;

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
 * Main lines of the players exported for @game_date (those with consolidated predictions of the
 * date: the players EXPORT_ROWS reads, so both queries can run at once) on the dates [@from_date,
 * @game_date), counted: each book's latest snapshot before tip (the rows at its newest
 * snapshot_time, found by a MAX join: RANK() = 1 without the sort), its lowest positive main line
 * there, then one row per (player, date, event, line) with the number of books posting it. The
 * export's over/under record of the last 10 games takes each game's consensus from these counts
 * (lib/slate/lines.ts consensusOfCounts): the line consensusPoints picks from the books' rows,
 * from about 8 times fewer rows. Params: @from_date, @game_date.
 */
export const PAST_MAIN_LINE_COUNTS = `
WITH main AS (
  SELECT game_date, event_id, player_lookup, bookmaker, points_line, snapshot_time
  FROM ${t(TABLES.odds)}
  WHERE game_date >= CAST(@from_date AS DATE) AND game_date < CAST(@game_date AS DATE)
    AND is_main AND snapshot_time < commence_time
    AND player_lookup IN (
      SELECT DISTINCT player_lookup FROM ${t(TABLES.predictions)} WHERE game_date = CAST(@game_date AS DATE)
    )
),
newest AS (
  SELECT event_id, bookmaker, player_lookup, MAX(snapshot_time) AS snapshot_time
  FROM main
  GROUP BY event_id, bookmaker, player_lookup
),
latest AS (
  SELECT m.game_date, m.event_id, m.player_lookup, m.bookmaker, m.points_line
  FROM main AS m
  JOIN newest AS n ON n.event_id = m.event_id AND n.bookmaker = m.bookmaker
    AND n.player_lookup = m.player_lookup AND n.snapshot_time = m.snapshot_time
),
per_book AS (
  SELECT game_date, event_id, player_lookup, bookmaker, MIN(points_line) AS points_line
  FROM latest
  WHERE points_line > 0
  GROUP BY game_date, event_id, player_lookup, bookmaker
)
SELECT CAST(game_date AS STRING) AS game_date, event_id, player_lookup, points_line, COUNT(*) AS books
FROM per_book
GROUP BY game_date, event_id, player_lookup, points_line
ORDER BY player_lookup, game_date, event_id, points_line`;
