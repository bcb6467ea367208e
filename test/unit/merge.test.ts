import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import type { Row } from '../../lib/warehouse/port';
import { MEMBERS_SPEC, stagingSpec } from '../../lib/warehouse/schema';
import { ensureOwnedTables } from '../../lib/warehouse/setup';
import { DUPLICATE_KEYS, countStagedPlayers, mergeStaging } from '../../lib/warehouse/sql/predictions';

const BATCH = 'batch_2025_12_05_1';

function row(over: Partial<Row>): Row {
  return {
    prediction_id: 'p',
    batch_id: BATCH,
    game_id: '0022500338',
    game_date: '2025-12-05',
    player_lookup: 'jaysontatum',
    system_id: 'moving_average',
    line_key: 225,
    line_value: 22.5,
    recommendation: 'PASS',
    predicted_points: 20,
    created_at: '2025-12-05T16:00:00.000Z',
    ...over,
  };
}

/** The manifest row of a member of `batch` (the row() player unless named). */
const member = (batch: string, player = 'jaysontatum', gameId = '0022500338'): Row => ({
  batch_id: batch,
  game_date: '2025-12-05',
  player_lookup: player,
  game_id: gameId,
  team_abbr: 'BOS',
  opponent_team_abbr: 'MIA',
  is_home: true,
  line_points: 22.5,
  created_at: '2025-12-05T15:00:00.000Z',
});

describe('consolidation MERGE (DuckDB runs the BigQuery statement)', () => {
  let wh: DuckDbWarehouse;
  beforeEach(async () => {
    wh = await DuckDbWarehouse.open(':memory:', '');
    await ensureOwnedTables(wh);
    await wh.load(MEMBERS_SPEC, [member(BATCH), member('batch_2025_12_05_2')]);
  });
  afterEach(() => wh.close());

  const main = () =>
    wh.query<{
      player_lookup: string;
      line_key: number;
      predicted_points: number;
      created_at: string;
      updated_at: string;
    }>(
      `SELECT player_lookup, line_key, predicted_points, created_at, updated_at
       FROM {{nba_predictions.player_prop_predictions}} ORDER BY line_key`,
    );

  it('keeps one row per key (the newest) and a second MERGE changes nothing', async () => {
    await wh.load(stagingSpec(BATCH, 48), [
      row({ predicted_points: 20, created_at: '2025-12-05T16:00:00.000Z' }),
      row({ predicted_points: 21, created_at: '2025-12-05T16:05:00.000Z' }), // redelivery, newer
      row({ predicted_points: 19, created_at: '2025-12-05T15:55:00.000Z' }),
      row({ line_key: 230, line_value: 23.0, predicted_points: 21 }), // 23.0 is its own key
      row({ line_key: -1, line_value: null, recommendation: 'NO_LINE', predicted_points: 21 }), // and no line
    ]);
    const first = await wh.execute(mergeStaging(BATCH), { now: '2025-12-05T17:00:00.000Z', batch_id: BATCH });
    expect(first).toBe(3);
    const after1 = await main();
    expect(after1.map((r) => [r.line_key, r.predicted_points])).toEqual([
      [-1, 21],
      [225, 21],
      [230, 21],
    ]);
    expect(after1[1].created_at).toBe('2025-12-05T16:05:00.000Z');
    const [dup] = await wh.query<{ duplicate_keys: number }>(DUPLICATE_KEYS, { game_date: '2025-12-05' });
    expect(dup.duplicate_keys).toBe(0);

    const second = await wh.execute(mergeStaging(BATCH), {
      now: '2025-12-05T18:00:00.000Z',
      batch_id: BATCH,
    });
    expect(second).toBe(0);
    expect(await main()).toEqual(after1); // updated_at untouched too
  });

  it('updates a row only when a newer prediction for the same key arrives', async () => {
    await wh.load(stagingSpec(BATCH, 48), [row({ predicted_points: 20 })]);
    await wh.execute(mergeStaging(BATCH), { now: '2025-12-05T17:00:00.000Z', batch_id: BATCH });
    const later = 'batch_2025_12_05_2';
    await wh.load(stagingSpec(later, 48), [
      row({ batch_id: later, predicted_points: 24, created_at: '2025-12-05T19:00:00.000Z' }),
    ]);
    expect(await wh.execute(mergeStaging(later), { now: '2025-12-05T19:30:00.000Z', batch_id: later })).toBe(
      1,
    );
    const [r] = await main();
    expect(r.predicted_points).toBe(24);
    expect(r.updated_at).toBe('2025-12-05T19:30:00.000Z');
  });

  it("merges only the batch's members: rows of a player or game outside its manifest stay out", async () => {
    await wh.load(stagingSpec(BATCH, 48), [
      row({}),
      row({ prediction_id: 'i', player_lookup: 'impostor' }), // not in the manifest
      row({ prediction_id: 'g', game_id: '0022500999' }), // a member, but another game
    ]);
    expect(await wh.execute(mergeStaging(BATCH), { now: '2025-12-05T17:00:00.000Z', batch_id: BATCH })).toBe(
      1,
    );
    const rows = await wh.query<{ player_lookup: string; game_id: string }>(
      'SELECT player_lookup, game_id FROM {{nba_predictions.player_prop_predictions}}',
    );
    expect(rows).toEqual([{ player_lookup: 'jaysontatum', game_id: '0022500338' }]);
    const [count] = await wh.query<{ players: number; row_count: number }>(countStagedPlayers(BATCH), {
      batch_id: BATCH,
    });
    expect(count).toEqual({ players: 1, row_count: 1 });
  });
});
