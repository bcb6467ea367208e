/**
 * Measures the dispersion (variance / mean) of points around a simple prediction on the 2024-25
 * box scores, the season before every evaluated date: the constant PROBABILITY.dispersion of
 * lib/model/probability-constants.ts (docs/probability.md "Dispersion"). For every player-game
 * with 10 earlier games this season and 15+ minutes over those 10, the prediction is
 * 0.5 L5 + 0.3 L10 + 0.2 season-to-date average (moving_average's baseline) and the dispersion is
 * sum((points - prediction)^2) / sum(prediction). Reads the local warehouse (run `npm start` once):
 *
 *     npx ts-node --transpile-only scripts/measure-dispersion.ts
 */
import { join } from 'node:path';
import { getConfig } from '../lib/config';
import { DuckDbWarehouse } from '../lib/warehouse/duckdb';
import { TABLES, tableToken } from '../lib/warehouse/tables';

/** The measurement. Params: @season. */
export const DISPERSION_SQL = `
WITH g AS (
  SELECT points, minutes_played,
    AVG(points) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING) AS l5,
    AVG(points) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS l10,
    COUNT(*) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS n10,
    AVG(minutes_played) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS min10,
    AVG(points) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS season_avg
  FROM ${tableToken(TABLES.playerGameSummary)}
  WHERE season = @season AND minutes_played > 0
), p AS (
  SELECT points, 0.5 * l5 + 0.3 * l10 + 0.2 * season_avg AS mu FROM g WHERE n10 = 10 AND min10 >= 15
)
SELECT COUNT(*) AS player_games, SUM((points - mu) * (points - mu)) / SUM(mu) AS dispersion, AVG(mu) AS mean_prediction
FROM p`;

async function main(): Promise<void> {
  const config = getConfig();
  const wh = await DuckDbWarehouse.open(join(config.localDir, 'warehouse.duckdb'), config.datasetPrefix);
  try {
    const [row] = await wh.query<{ player_games: number; dispersion: number; mean_prediction: number }>(
      DISPERSION_SQL,
      { season: '2024-25' },
    );
    process.stdout.write(`${JSON.stringify(row)}\n`);
  } finally {
    await wh.close();
  }
}

if (require.main === module) void main();
