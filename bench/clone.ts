/**
 * Synthetic players for the scaling bench: copies of real players of a slate, so a slate can be
 * grown to any size with real-looking histories and lines.
 *
 * Copy k of player `p` is `p` + `x<k>` (still a valid player_lookup, `[a-z0-9]+`) with every one of
 * his box-score rows and sportsbook rows copied under that key and his name suffixed ` (k)`. A copy
 * has the same team, minutes and lines as its original, so selection takes it exactly when it takes
 * the original. DuckDB only (the bench's own warehouse folder); never run on a real warehouse.
 */
import type { Warehouse } from '../lib/warehouse/port';

const PGS = '{{nba_analytics.player_game_summary}}';
const ODDS = '{{nba_raw.odds_api_player_points_props}}';

function copySql(table: string): string {
  return `INSERT INTO ${table}
SELECT * REPLACE (player_lookup || @suffix AS player_lookup, player_name || @name_suffix AS player_name)
FROM ${table}
WHERE player_lookup IN (SELECT * FROM UNNEST(@players))`;
}

/**
 * Adds copies of `lookups` (a slate's published players, in order) until the slate has `target`
 * players: copy 1 of every player, then copy 2, ... the last copy only of the first players needed.
 * Idempotent: copies that exist already are not made again. Returns the number of copies.
 */
export async function clonePlayers(
  wh: Warehouse,
  lookups: readonly string[],
  target: number,
): Promise<number> {
  const sorted = [...lookups].sort();
  let need = target - sorted.length;
  let made = 0;
  for (let k = 1; need > 0; k += 1) {
    const players = sorted.slice(0, Math.min(need, sorted.length));
    const suffix = `x${k}`;
    const [done] = await wh.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${PGS} WHERE player_lookup = @first`,
      { first: `${players[0]}${suffix}` },
    );
    if ((done?.n ?? 0) === 0) {
      for (const table of [PGS, ODDS]) {
        await wh.execute(copySql(table), { suffix, name_suffix: ` (${k})`, players });
      }
    }
    made += players.length;
    need -= players.length;
  }
  return made;
}
