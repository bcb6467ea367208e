SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
       SUM(minutes_played) AS minutes, SUM(points) AS pts, SUM(fgm) AS fgm, SUM(fga) AS fga,
       SUM(fg3m) AS fg3m, SUM(fg3a) AS fg3a, SUM(ftm) AS ftm, SUM(fta) AS fta,
       SUM(oreb) AS oreb, SUM(tov) AS tov
FROM (
  SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home, minutes_played, points,
         fgm, fga, fg3m, fg3a, ftm, fta, oreb, tov
  FROM `${project_id}.${dataset_prefix}nba_analytics.player_game_summary`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
) AS p
GROUP BY game_id, game_date, season, team_abbr, opponent_team_abbr, is_home
