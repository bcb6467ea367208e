/**
 * Queries startBatch runs for availability and tonight's team (lib/slate/availability.ts,
 * lib/slate/team-evidence.ts): ONE query for the injury report of the date and ONE for the lined
 * events of the recent past, for all players at once.
 */
import { TABLES, tableToken as t } from '../tables';

/**
 * The latest injury report row of every player for @game_date published at or before @as_of (the
 * run time, ISO UTC): a report published later was not known when the run happened. Params:
 * @game_date, @as_of.
 */
export const INJURY_REPORT_OF_DATE = `
SELECT player_lookup, team_abbr, status, reason, report_time
FROM ${t(TABLES.injuryReport)}
WHERE game_date = CAST(@game_date AS DATE) AND report_time <= CAST(@as_of AS TIMESTAMP)
QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY report_time DESC, team_abbr, status) = 1
ORDER BY player_lookup`;

/**
 * Each player's team in his latest injury report row for a game on [@lines_from, @game_date]
 * published at or before @as_of: after a move, the report is evidence of his new team even on a
 * date whose own report came too late. Params: @lines_from, @game_date, @as_of.
 */
export const INJURY_REPORT_TEAMS = `
SELECT player_lookup, team_abbr
FROM ${t(TABLES.injuryReport)}
WHERE game_date >= CAST(@lines_from AS DATE) AND game_date <= CAST(@game_date AS DATE)
  AND report_time <= CAST(@as_of AS TIMESTAMP)
QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY report_time DESC, game_date DESC, team_abbr) = 1
ORDER BY player_lookup`;

/**
 * Every player with a main line on the dates [@lines_from, @game_date), once per date, with the
 * event's two teams: which players usually get a line, and which teams a player's lined events
 * were for. Snapshots at or after tip are ignored. Params: @lines_from, @game_date.
 */
export const LINED_EVENTS_BEFORE = `
SELECT DISTINCT CAST(game_date AS STRING) AS game_date, player_lookup, home_team, away_team
FROM ${t(TABLES.odds)}
WHERE game_date >= CAST(@lines_from AS DATE) AND game_date < CAST(@game_date AS DATE)
  AND is_main AND snapshot_time < commence_time
ORDER BY game_date DESC, player_lookup`;
