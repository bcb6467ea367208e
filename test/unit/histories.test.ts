/**
 * The batch loader (lib/data/histories.ts) on a small hand-built box-score table: who could be
 * selected and with what minutes, and the histories of the players asked for, equal to what one
 * query per player returns (the comparison bench/loader.ts makes at 450 players).
 */
import { addDays } from '../../lib/dates';
import { groupRowsBy, loadHistories, loadSummaries } from '../../lib/data/histories';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { PER_PLAYER_HISTORY } from '../../bench/loader';

const DATE = '2025-12-05';
const SETTINGS = { historyGames: 30, historyDays: 365 };

let wh: DuckDbWarehouse;

/** Games of a player every other day before DATE (newest first), plus one on DATE itself. */
function gamesOf(player: string, team: string, n: number, minutes: (i: number) => number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const d = addDays(DATE, -2 * (i + 1));
    rows.push(
      `('${player}', '${player} name', 'g${d}${team}', DATE '${d}', '2025-26', '${i === 0 ? team : 'OLD'}', 'NYK', ${i % 2 === 0}, ${minutes(i)}, ${10 + (i % 7)}, 4, 9, 1, 3, 2, 2, 1)`,
    );
  }
  rows.push(
    `('${player}', '${player} name', 'gtonight', DATE '${DATE}', '2025-26', '${team}', 'NYK', true, 40, 50, 20, 30, 5, 9, 5, 6, 1)`,
  );
  return rows;
}

beforeAll(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
  const values = [
    ...gamesOf('busy', 'BOS', 40, (i) => (i < 10 ? 30 + i : 0)), // 40 games: only the newest 30 count
    ...gamesOf('rookie', 'BOS', 3, () => 12.5),
    ...gamesOf('bench', 'MIA', 12, (i) => (i % 4 === 0 ? 0 : 8)),
  ];
  await wh.withConnection(async (c) => {
    await c.run('CREATE SCHEMA nba_analytics');
    await c.run(`CREATE TABLE nba_analytics.player_game_summary (player_lookup VARCHAR, player_name VARCHAR,
      game_id VARCHAR, game_date DATE, season VARCHAR, team_abbr VARCHAR, opponent_team_abbr VARCHAR, is_home BOOLEAN,
      minutes_played DOUBLE, points BIGINT, fgm BIGINT, fga BIGINT, fg3m BIGINT, fg3a BIGINT, ftm BIGINT, fta BIGINT, tov BIGINT)`);
    await c.run(`INSERT INTO nba_analytics.player_game_summary VALUES ${values.join(',\n')}`);
  });
});
afterAll(async () => {
  await wh.close();
});

describe('the batch loader', () => {
  it('returns each player his newest 30 games before the date, newest first, as one query per player would', async () => {
    const players = ['bench', 'busy', 'nobody', 'rookie'];
    const { histories, rows } = await loadHistories(wh, DATE, players, SETTINGS);
    expect([...histories.keys()].sort()).toEqual(['bench', 'busy', 'rookie']);
    expect(rows).toBe(30 + 3 + 12);
    const busy = histories.get('busy') ?? [];
    expect(busy).toHaveLength(30);
    expect(busy[0]).toEqual({
      game_id: 'g2025-12-03BOS',
      game_date: '2025-12-03',
      season: '2025-26',
      team_abbr: 'BOS',
      opponent_team_abbr: 'NYK',
      is_home: true,
      minutes: 30,
      points: 10,
      fgm: 4,
      fga: 9,
      fg3m: 1,
      fg3a: 3,
      ftm: 2,
      fta: 2,
      tov: 1,
    });
    expect(busy[29].game_date).toBe(addDays(DATE, -60));
    expect(busy.every((g) => g.game_date < DATE)).toBe(true);
    for (const p of players) {
      const one = await wh.query<Record<string, unknown>>(PER_PLAYER_HISTORY, {
        player_lookup: p,
        game_date: DATE,
        history_start: addDays(DATE, -365),
        max_games: 30,
      });
      const strip = one.map(({ player_lookup: _l, player_name: _n, ...g }) => g);
      expect([p, histories.get(p) ?? []]).toEqual([p, strip]);
    }
  });

  it("tells selection each player's latest team, newest minutes and games played (tonight's teams or lines)", async () => {
    const s = await loadSummaries(wh, DATE, ['BOS'], ['bench'], SETTINGS);
    expect([...s.keys()].sort()).toEqual(['bench', 'busy', 'rookie']);
    expect(s.get('busy')).toEqual({
      player_lookup: 'busy',
      player_name: 'busy name',
      team_abbr: 'BOS',
      last_game_date: '2025-12-03',
      recent_minutes: [30, 31, 32, 33, 34, 35, 36, 37, 38, 39],
      played_games: 10, // minutes > 0 only in the newest 10 of his 30
    });
    expect(s.get('rookie')?.recent_minutes).toEqual([12.5, 12.5, 12.5]);
    expect(s.get('bench')?.played_games).toBe(9); // 12 games, every 4th with 0 minutes
    expect((await loadSummaries(wh, DATE, ['BOS'], [], SETTINGS)).has('bench')).toBe(false);
  });

  it('builds one object per row from any columns, grouped by a key in result order', async () => {
    const cols = await wh.queryColumns(
      "SELECT k, x, y FROM (VALUES ('b', 1, 'u', 1), ('b', 2, 'v', 2), ('a', 3, NULL, 3)) AS t(k, x, y, o) ORDER BY o",
    );
    const g = groupRowsBy<{ x: number; y: string | null }>(cols, 'k');
    expect([...g.entries()]).toEqual([
      [
        'b',
        [
          { x: 1, y: 'u' },
          { x: 2, y: 'v' },
        ],
      ],
      ['a', [{ x: 3, y: null }]],
    ]);
  });
});
