/**
 * History is unique per (player, game): the shared SQL keeps one row per game even when the
 * upstream table holds the same game twice (NFC and NFD spellings of a name), on DuckDB here and
 * on BigQuery's reference engine in test/gcp/bigquery-sql.test.ts.
 */
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { CANDIDATE_SUMMARIES, HISTORY_OF_PLAYERS } from '../../lib/warehouse/sql/slate';
import { TEAM_GAME_SUMMARY_VIEW } from '../../lib/warehouse/sql/team-games';
import { DUPLICATE_GAME_ROWS, HISTORY_PARAMS, PGS_COLUMNS, SUMMARY_PARAMS } from '../helpers/duplicate-games';

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
    const rows = await wh.query<{ player_lookup: string; game_id: string; game_date: string }>(
      HISTORY_OF_PLAYERS,
      HISTORY_PARAMS,
    );
    // the query returns rows in no order (the loader orders each player's games)
    expect(rows.map((r) => [r.player_lookup, r.game_id]).sort()).toEqual([
      ['nikolajokic', '0022500301'],
      ['nikolajokic', '0022500315'],
      ['nikolajokic', '0022500329'],
    ]);
  });

  it('counts the game once in the candidate summary (3 games played, newest first by rn)', async () => {
    const rows = await wh.query<{ rn: number; minutes: number; played_games: number | null }>(
      CANDIDATE_SUMMARIES,
      SUMMARY_PARAMS,
    );
    const byRn = [...rows].sort((a, b) => Number(a.rn) - Number(b.rn));
    expect(byRn.map((r) => [Number(r.rn), Number(r.minutes)])).toEqual([
      [1, 34],
      [2, 36],
      [3, 35],
    ]);
    expect(Number(byRn[0].played_games)).toBe(3);
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
