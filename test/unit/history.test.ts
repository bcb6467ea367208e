/**
 * History is unique per (player, game): the shared SQL keeps one row per game even when the
 * upstream table holds the same game twice (NFC and NFD spellings of a name), on DuckDB here and
 * on BigQuery's reference engine in test/gcp/bigquery-sql.test.ts.
 */
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { HISTORY_OF_CANDIDATES } from '../../lib/warehouse/sql/slate';
import { TEAM_GAME_SUMMARY_VIEW } from '../../lib/warehouse/sql/team-games';
import { DUPLICATE_GAME_ROWS, HISTORY_PARAMS, PGS_COLUMNS } from '../helpers/duplicate-games';

const DUCK: Record<string, string> = {
  STRING: 'VARCHAR',
  DATE: 'DATE',
  BOOL: 'BOOLEAN',
  FLOAT64: 'DOUBLE',
  INT64: 'BIGINT',
};

let wh: DuckDbWarehouse;
beforeAll(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
  await wh.execute('CREATE SCHEMA nba_analytics');
  await wh.execute(
    `CREATE TABLE nba_analytics.player_game_summary (${PGS_COLUMNS.map(([n, t]) => `${n} ${DUCK[t]}`).join(', ')})`,
  );
  await wh.load(
    {
      ref: { dataset: 'nba_analytics', table: 'player_game_summary' },
      columns: PGS_COLUMNS.map(([name, type]) => ({
        name,
        type,
        mode: 'NULLABLE' as const,
        description: '',
      })),
    },
    DUPLICATE_GAME_ROWS,
  );
});
afterAll(() => wh.close());

describe('history unique per (player, game)', () => {
  it('holds the game stored under two spellings once', async () => {
    expect(new Set(DUPLICATE_GAME_ROWS.map((r) => r.player_name)).size).toBe(2);
    const rows = await wh.query<{ player_lookup: string; game_id: string }>(
      HISTORY_OF_CANDIDATES,
      HISTORY_PARAMS,
    );
    expect(rows.map((r) => [r.player_lookup, r.game_id])).toEqual([
      ['nikolajokic', '0022500329'],
      ['nikolajokic', '0022500315'],
      ['nikolajokic', '0022500301'],
    ]);
  });

  it("counts the player once in his team's totals", async () => {
    const rows = await wh.query<{ game_id: string; pts: number }>(
      `SELECT game_id, pts FROM (${TEAM_GAME_SUMMARY_VIEW}) AS v ORDER BY game_id`,
    );
    expect(rows).toEqual([
      { game_id: '0022500301', pts: 30 },
      { game_id: '0022500315', pts: 32 },
      { game_id: '0022500329', pts: 28 },
    ]);
  });
});
