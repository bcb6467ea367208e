/**
 * A batch's manifest is read once per process: the first messages of a batch arriving together
 * share one read, later ones read nothing, and a read that found nothing (or failed) is not kept.
 */
import { assertMember, batchManifest, writeManifest } from '../../lib/data/manifest';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import type { Params } from '../../lib/warehouse/port';
import { MEMBERS_SPEC } from '../../lib/warehouse/schema';
import { MEMBERS_OF_BATCH } from '../../lib/warehouse/sql/members';

let wh: DuckDbWarehouse;
let reads = 0;
let failNext = false;

beforeEach(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
  const query = wh.query.bind(wh);
  reads = 0;
  failNext = false;
  // count the manifest reads; everything else goes through untouched
  wh.query = <T extends object>(sql: string, params?: Params) => {
    if (sql === MEMBERS_OF_BATCH) {
      reads += 1;
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('warehouse unavailable'));
      }
    }
    return query<T>(sql, params);
  };
  await wh.createTable(MEMBERS_SPEC);
  await writeManifest(
    wh,
    ['a', 'b', 'c'].map((p) => ({
      batch_id: 'b1',
      game_date: '2025-12-05',
      player_lookup: p,
      game_id: '0022500001',
      team_abbr: 'DEN',
      opponent_team_abbr: 'LAL',
      is_home: true,
      line_points: p === 'c' ? null : 20.5,
      created_at: '2025-12-05T16:00:00.000Z',
    })),
  );
});
afterEach(async () => {
  await wh.close();
});

describe('batch manifest', () => {
  it('is read once for 64 concurrent first messages, and not again after', async () => {
    const claims = Array.from({ length: 64 }, (_, i) => ({
      batch_id: 'b1',
      player_lookup: ['a', 'b', 'c'][i % 3],
      game_date: '2025-12-05',
    }));
    const members = await Promise.all(claims.map((c) => assertMember(wh, c)));
    expect(members.map((m) => m.player_lookup)).toEqual(claims.map((c) => c.player_lookup));
    expect(reads).toBe(1);
    expect((await batchManifest(wh, 'b1')).get('c')?.line_points).toBeNull();
    expect(reads).toBe(1);
  });

  it('reads again after a read that found nothing or failed', async () => {
    expect((await batchManifest(wh, 'nope')).size).toBe(0);
    expect((await batchManifest(wh, 'nope')).size).toBe(0);
    expect(reads).toBe(2);
    failNext = true;
    await expect(batchManifest(wh, 'b1')).rejects.toThrow('warehouse unavailable');
    expect((await batchManifest(wh, 'b1')).size).toBe(3);
    expect(reads).toBe(4);
  });
});
