/**
 * PAST_MAIN_LINE_COUNTS (the export's last-10 over/under record) counts, per past game, each book's
 * lowest positive main line at its newest snapshot before tip, for the players exported on the
 * date. Checked on a small odds table against the consensus consensusPoints takes from the same
 * books' rows.
 */
import { pastConsensus, type PastLineRow } from '../../lib/export/record';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { PAST_MAIN_LINE_COUNTS } from '../../lib/warehouse/sql/slate';

let wh: DuckDbWarehouse;
beforeAll(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
  await wh.withConnection(async (conn) => {
    await conn.run('CREATE SCHEMA nba_raw');
    await conn.run('CREATE SCHEMA nba_predictions');
    await conn.run(`CREATE TABLE nba_raw.odds_api_player_points_props (
      game_date DATE, event_id VARCHAR, player_lookup VARCHAR, bookmaker VARCHAR, points_line DOUBLE,
      over_odds BIGINT, under_odds BIGINT, is_main BOOLEAN, snapshot_time TIMESTAMP, commence_time TIMESTAMP)`);
    await conn.run(
      'CREATE TABLE nba_predictions.player_prop_predictions (game_date DATE, player_lookup VARCHAR)',
    );
    // exported on 2025-12-05: a and b (c has lines but no predictions that date)
    await conn.run(
      "INSERT INTO nba_predictions.player_prop_predictions VALUES ('2025-12-05', 'a'), ('2025-12-05', 'a'), ('2025-12-05', 'b')",
    );
    const row = (
      date: string,
      ev: string,
      p: string,
      book: string,
      line: number | null,
      snap: string,
      main = true,
    ) =>
      `('${date}', '${ev}', '${p}', '${book}', ${line ?? 'NULL'}, -110, -110, ${main}, TIMESTAMP '${date} ${snap}', TIMESTAMP '${date} 23:00:00')`;
    const rows = [
      // a on 12-03: x moved 19.5 -> 20.5 (newest counts), y 20.5, z 21.5 -> consensus 20.5
      row('2025-12-03', 'e1', 'a', 'x', 19.5, '10:00:00'),
      row('2025-12-03', 'e1', 'a', 'x', 20.5, '18:00:00'),
      row('2025-12-03', 'e1', 'a', 'y', 20.5, '12:00:00'),
      row('2025-12-03', 'e1', 'a', 'z', 21.5, '12:00:00'),
      // a snapshot after tip and an alternate line never count
      row('2025-12-03', 'e1', 'a', 'z', 30.5, '23:30:00'),
      row('2025-12-03', 'e1', 'a', 'w', 25.5, '12:00:00', false),
      // a on 12-01: x's newest snapshot has no usable line, so only y's 18.5 counts
      row('2025-12-01', 'e2', 'a', 'x', 17.5, '10:00:00'),
      row('2025-12-01', 'e2', 'a', 'x', 0, '18:00:00'),
      row('2025-12-01', 'e2', 'a', 'y', 18.5, '12:00:00'),
      // b on 11-29: one book shows two main lines at one snapshot; its lower one counts (tie 1-1, lower wins)
      row('2025-11-29', 'e3', 'b', 'x', 14.5, '12:00:00'),
      row('2025-11-29', 'e3', 'b', 'x', 13.5, '12:00:00'),
      row('2025-11-29', 'e3', 'b', 'y', 14.5, '12:00:00'),
      // c is not exported on the date; the date itself and dates before the window are left out
      row('2025-12-03', 'e4', 'c', 'x', 9.5, '12:00:00'),
      row('2025-12-05', 'e5', 'a', 'x', 22.5, '12:00:00'),
      row('2025-09-01', 'e6', 'a', 'x', 11.5, '12:00:00'),
    ];
    await conn.run(`INSERT INTO nba_raw.odds_api_player_points_props VALUES ${rows.join(', ')}`);
  });
});
afterAll(async () => {
  await wh.close();
});

describe('past main lines, counted per book', () => {
  it('counts each book once, at its newest snapshot before tip, for the exported players only', async () => {
    const rows = await wh.query<PastLineRow>(PAST_MAIN_LINE_COUNTS, {
      from_date: '2025-10-06',
      game_date: '2025-12-05',
    });
    expect(rows).toEqual([
      { game_date: '2025-12-01', event_id: 'e2', player_lookup: 'a', points_line: 18.5, books: 1 },
      { game_date: '2025-12-03', event_id: 'e1', player_lookup: 'a', points_line: 20.5, books: 2 },
      { game_date: '2025-12-03', event_id: 'e1', player_lookup: 'a', points_line: 21.5, books: 1 },
      { game_date: '2025-11-29', event_id: 'e3', player_lookup: 'b', points_line: 13.5, books: 1 },
      { game_date: '2025-11-29', event_id: 'e3', player_lookup: 'b', points_line: 14.5, books: 1 },
    ]);
    const lines = pastConsensus(rows);
    expect(lines.get('a')).toEqual(
      new Map([
        ['2025-12-01', 18.5],
        ['2025-12-03', 20.5],
      ]),
    );
    expect(lines.get('b')).toEqual(new Map([['2025-11-29', 13.5]]));
    expect(lines.has('c')).toBe(false);
  });
});
