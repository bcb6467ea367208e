SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home,
       SUM(minutes_played) AS minutes, CAST(SUM(points) AS INT64) AS pts, CAST(SUM(fgm) AS INT64) AS fgm,
       CAST(SUM(fga) AS INT64) AS fga, CAST(SUM(fg3m) AS INT64) AS fg3m, CAST(SUM(fg3a) AS INT64) AS fg3a,
       CAST(SUM(ftm) AS INT64) AS ftm, CAST(SUM(fta) AS INT64) AS fta, CAST(SUM(oreb) AS INT64) AS oreb,
       CAST(SUM(tov) AS INT64) AS tov
FROM (
  SELECT game_id, game_date, season, team_abbr, opponent_team_abbr, is_home, minutes_played, points,
         fgm, fga, fg3m, fg3a, ftm, fta, oreb, tov
  FROM `${project_id}.${dataset_prefix}nba_analytics.player_game_summary`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY player_lookup, game_date, game_id ORDER BY minutes_played DESC NULLS LAST, player_name) = 1
) AS p
GROUP BY game_id, game_date, season, team_abbr, opponent_team_abbr, is_home
