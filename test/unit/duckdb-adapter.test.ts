/**
 * The DuckDB adapter's fast paths keep the port's meaning: results read column by column convert
 * each type as the port says, concurrent loads to one table share one commit without one bad load
 * spoiling the others, a missing table is found by the load itself, row counts follow every
 * write, and a prepared statement survives its table being dropped and created again.
 */
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import type { Row } from '../../lib/warehouse/port';
import type { TableSpec } from '../../lib/warehouse/schema';

const SPEC: TableSpec = {
  ref: { dataset: 'nba_predictions', table: '_staging_t' },
  columns: [
    { name: 'player_lookup', type: 'STRING', mode: 'REQUIRED', description: '' },
    { name: 'line_key', type: 'INT64', mode: 'REQUIRED', description: '' },
    { name: 'p_over', type: 'FLOAT64', mode: 'NULLABLE', description: '' },
    { name: 'is_main_line', type: 'BOOL', mode: 'NULLABLE', description: '' },
    { name: 'game_date', type: 'DATE', mode: 'NULLABLE', description: '' },
    { name: 'created_at', type: 'TIMESTAMP', mode: 'NULLABLE', description: '' },
  ],
};

const row = (player: string, key: number, over: Partial<Row> = {}): Row => ({
  player_lookup: player,
  line_key: key,
  p_over: 0.5125,
  is_main_line: key === 155,
  game_date: '2025-12-05',
  created_at: '2025-12-05T16:00:01.250Z',
  ...over,
});

let wh: DuckDbWarehouse;
beforeEach(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
});
afterEach(async () => {
  await wh.close();
});

describe('reading results by column', () => {
  it('converts every type the product selects as the port says', async () => {
    const [r] = await wh.query(`
      SELECT CAST(1 AS BIGINT) AS big, CAST(-5 AS BIGINT) AS neg, CAST(9007199254740991 AS BIGINT) AS max_safe,
             CAST(-3 AS INTEGER) AS int, 0.44 * CAST(5 AS BIGINT) AS dec, CAST(2.5 AS DOUBLE) AS dbl,
             CAST('inf' AS DOUBLE) AS inf, DATE '2025-12-05' AS dt, TIMESTAMP '2025-12-05 17:00:00.123456' AS ts,
             'BOS' AS short, 'a string longer than twelve bytes' AS long, 'Nikola Jokić' AS accent, '' AS empty,
             TRUE AS yes, NULL AS nothing, CAST(12345678901 AS HUGEINT) AS huge, [1, 2] AS list`);
    expect(r).toEqual({
      big: 1,
      neg: -5,
      max_safe: 9007199254740991,
      int: -3,
      dec: 2.2,
      dbl: 2.5,
      inf: null,
      dt: '2025-12-05',
      ts: '2025-12-05T17:00:00.123Z',
      short: 'BOS',
      long: 'a string longer than twelve bytes',
      accent: 'Nikola Jokić',
      empty: '',
      yes: true,
      nothing: null,
      huge: 12345678901,
      list: '[1,2]',
    });
  });

  it('keeps nulls and values in place across several chunks (5,000 rows)', async () => {
    const cols = await wh.queryColumns(`
      SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.5 END AS x,
             CASE WHEN i % 5 = 0 THEN NULL ELSE 'player_' || i END AS s,
             CASE WHEN i % 7 = 0 THEN NULL ELSE DATE '2025-01-01' + CAST(i % 365 AS INTEGER) END AS d
      FROM range(5000) AS r(i) ORDER BY i`);
    expect(cols.rowCount).toBe(5000);
    expect(cols.names).toEqual(['i', 'x', 's', 'd']);
    const { i, x, s, d } = cols.columns;
    expect([i[0], x[0], s[0], d[0]]).toEqual([0, null, null, null]);
    expect([i[4097], x[4097], s[4097], d[4097]]).toEqual([4097, 6145.5, 'player_4097', '2025-03-24']);
    expect(x.filter((v) => v === null)).toHaveLength(1667);
    expect(s.filter((v) => v === null)).toHaveLength(1000);
  });
});

describe('staging loads', () => {
  it('commits concurrent loads to one table in one flush, each resolving with its rows', async () => {
    await wh.createTable(SPEC);
    const before = wh.loadFlushes;
    const loaded = await Promise.all(
      Array.from({ length: 10 }, (_, p) =>
        wh.load(SPEC, [row(`p${p}`, 155), row(`p${p}`, 165), row(`p${p}`, 145)]),
      ),
    );
    expect(loaded).toEqual(Array<number>(10).fill(3));
    expect(wh.loadFlushes - before).toBe(1);
    expect(await wh.rowCount(SPEC.ref)).toBe(30);
    const [n] = await wh.query<{ n: number; players: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT player_lookup) AS players FROM {{nba_predictions._staging_t}}',
    );
    expect(n).toEqual({ n: 30, players: 10 });
  });

  it('writes every value as given, nulls included', async () => {
    await wh.createTable(SPEC);
    await wh.load(SPEC, [
      row('jokic', -1, { p_over: null, is_main_line: null, game_date: null, created_at: null }),
    ]);
    await wh.load(SPEC, [row('jokic', 265, { line_key: 9007199254740991 })]);
    const rows = await wh.query('SELECT * FROM {{nba_predictions._staging_t}} ORDER BY line_key');
    expect(rows).toEqual([
      {
        player_lookup: 'jokic',
        line_key: -1,
        p_over: null,
        is_main_line: null,
        game_date: null,
        created_at: null,
      },
      {
        player_lookup: 'jokic',
        line_key: 9007199254740991,
        p_over: 0.5125,
        is_main_line: false,
        game_date: '2025-12-05',
        created_at: '2025-12-05T16:00:01.250Z',
      },
    ]);
  });

  it('keeps every string as given: inline, long, repeated, non-ASCII, empty, null', async () => {
    const spec: TableSpec = {
      ref: { dataset: 'nba_predictions', table: '_staging_strings' },
      columns: [
        { name: 'player_lookup', type: 'STRING', mode: 'REQUIRED', description: '' },
        { name: 'note', type: 'STRING', mode: 'NULLABLE', description: '' },
      ],
    };
    await wh.createTable(spec);
    // DuckDB keeps at most 12 bytes inline: "abcdefghijé" is 12 bytes in 11 characters, and
    // "abcdefghijklé" 14. Each value repeats on every player's rows, as a staging load's do.
    const notes = [
      'abcdefghijkl',
      'abcdefghijklm',
      'abcdefghijé',
      'abcdefghijklé',
      '',
      'ñ',
      '😀 long enough to live in the heap',
      'a feature json {"x":1} that many rows repeat',
      null,
    ];
    await Promise.all(
      Array.from({ length: 40 }, (_, p) =>
        wh.load(
          spec,
          notes.map((note) => ({ player_lookup: `p${p}`, note })),
        ),
      ),
    );
    const got = await wh.query<{ note: string | null; n: number; players: number; bytes: number | null }>(
      'SELECT note, COUNT(*) AS n, COUNT(DISTINCT player_lookup) AS players, MAX(strlen(note)) AS bytes FROM {{nba_predictions._staging_strings}} GROUP BY note',
    );
    expect(got).toHaveLength(notes.length);
    for (const note of notes) {
      expect(got.find((g) => g.note === note)).toEqual({
        note,
        n: 40,
        players: 40,
        bytes: note === null ? null : Buffer.byteLength(note),
      });
    }
    // read back row by row: each row's strings, not a neighbour's
    const rows = await wh.query<{ player_lookup: string; note: string | null }>(
      'SELECT player_lookup, note FROM {{nba_predictions._staging_strings}} ORDER BY player_lookup, note NULLS LAST',
    );
    const sorted: Array<string | null> = notes.filter((n): n is string => n !== null).sort();
    expect(rows.filter((r) => r.player_lookup === 'p17').map((r) => r.note)).toEqual([...sorted, null]);
  });

  it('rejects a bad load alone, naming the row and column; the loads beside it commit', async () => {
    await wh.createTable(SPEC);
    const results = await Promise.allSettled([
      wh.load(SPEC, [row('a', 155)]),
      wh.load(SPEC, [row('b', 155), row('b', 165, { player_lookup: null })]),
      wh.load(SPEC, [row('c', 155, { p_over: Number.NaN })]),
      wh.load(SPEC, [row('d', 155)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'LOAD_NULL_REQUIRED',
      message: 'load: row 1, column player_lookup is REQUIRED but the row has null',
    });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'LOAD_NOT_FINITE' });
    const players = await wh.query('SELECT player_lookup FROM {{nba_predictions._staging_t}} ORDER BY 1');
    expect(players).toEqual([{ player_lookup: 'a' }, { player_lookup: 'd' }]);
  });

  it('finds a missing table in the load itself: the hook runs, then the table is created', async () => {
    const seen: string[] = [];
    const onMissingTable = () => {
      seen.push('missing');
      return Promise.resolve();
    };
    expect(await wh.tableExists(SPEC.ref)).toBe(false);
    expect(await wh.load(SPEC, [row('a', 155)], { onMissingTable })).toBe(1);
    expect(await wh.load(SPEC, [row('b', 155)], { onMissingTable })).toBe(1);
    expect(seen).toEqual(['missing']);
    expect(await wh.rowCount(SPEC.ref)).toBe(2);
  });

  it('creates nothing when the hook refuses (an unknown batch)', async () => {
    const refuse = () => Promise.reject(new Error('batch does not exist'));
    await expect(wh.load(SPEC, [row('a', 155)], { onMissingTable: refuse })).rejects.toThrow(
      'batch does not exist',
    );
    expect(await wh.tableExists(SPEC.ref)).toBe(false);
  });
});

describe('row counts and statements', () => {
  it('follows loads, forgets a table a statement changed, and is null once the table is gone', async () => {
    expect(await wh.rowCount(SPEC.ref)).toBeNull();
    await wh.createTable(SPEC);
    expect(await wh.rowCount(SPEC.ref)).toBe(0);
    await wh.load(SPEC, [row('a', 155), row('b', 155)]);
    expect(await wh.rowCount(SPEC.ref)).toBe(2);
    expect(await wh.execute("DELETE FROM {{nba_predictions._staging_t}} WHERE player_lookup = 'a'")).toBe(1);
    expect(await wh.rowCount(SPEC.ref)).toBe(1);
    await wh.dropTable(SPEC.ref);
    expect(await wh.rowCount(SPEC.ref)).toBeNull();
    expect(await wh.tableExists(SPEC.ref)).toBe(false);
  });

  it('runs a statement again after its table was dropped and created with other columns', async () => {
    const sql = 'SELECT * FROM {{nba_predictions._staging_t}} WHERE line_key = @k';
    await wh.createTable(SPEC);
    await wh.load(SPEC, [row('a', 155)]);
    expect(await wh.query(sql, { k: 155 })).toHaveLength(1);
    await wh.dropTable(SPEC.ref);
    const narrower: TableSpec = { ...SPEC, columns: SPEC.columns.slice(0, 2) };
    await wh.createTable(narrower);
    await wh.load(narrower, [{ player_lookup: 'b', line_key: 155 }]);
    expect(await wh.query(sql, { k: 155 })).toEqual([{ player_lookup: 'b', line_key: 155 }]);
  });
});
