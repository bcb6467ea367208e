/**
 * A batch knows its members: a request or notification for a player, game or date outside the
 * manifest is a permanent error naming the field, impostors cannot complete a batch early or be
 * merged, the manifest is read once per batch per process, and a request redelivered after the
 * final consolidation changes nothing.
 */
import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import type { PredictionRequest } from '../../lib/messages';
import { onBatchComplete } from '../../lib/pipeline/batch-complete';
import { fireMilestone } from '../../lib/data/batches';
import { consolidate } from '../../lib/pipeline/consolidate';
import { predictPlayer } from '../../lib/pipeline/predict-player';
import { TOPICS } from '../../lib/topics';
import type { Params } from '../../lib/warehouse/port';
import { stagingSpec } from '../../lib/warehouse/schema';
import { MEMBERS_OF_BATCH } from '../../lib/warehouse/sql/members';
import { stagingTable } from '../../lib/warehouse/tables';
import { request } from '../helpers/fixtures';
import { captureLogs, insertBatch, memoryRuntime } from '../helpers/runtime';

const BATCH = 'batch_2025_12_05_0000000000000001';
const ctx: HandlerContext = { messageId: 'm-1', attributes: {}, log: createLogger() };

async function setup() {
  const rt = await memoryRuntime(() => new Date('2025-12-05T17:00:00Z'));
  await insertBatch(rt.warehouse, {
    batch_id: BATCH,
    created: '2025-12-05T16:00:00.000Z',
    expected_players: 2,
    members: ['a', 'b'],
    member: { game_id: '0022500999', line_points: 15.5 },
  });
  await rt.warehouse.createTable(stagingSpec(BATCH, 48));
  const req = (over: Partial<PredictionRequest>) => request({ batch_id: BATCH, ...over });
  const done = (player: string, over: { game_date?: string } = {}) =>
    onBatchComplete(
      rt,
      {
        kind: 'player_done',
        batch_id: BATCH,
        game_date: '2025-12-05',
        player_lookup: player,
        rows_written: 25,
        ...over,
      },
      ctx,
    );
  const staged = async () =>
    (
      await rt.warehouse.query<{ players: number }>(
        `SELECT COUNT(DISTINCT player_lookup) AS players FROM {{nba_predictions._staging_${BATCH}}}`,
      )
    )[0].players;
  return { rt, req, done, staged };
}

describe('batch manifest', () => {
  it('refuses impostors, so they neither complete the batch early nor get merged', async () => {
    const { rt, req, done, staged } = await setup();
    for (const p of ['impostorone', 'impostortwo']) {
      await expect(predictPlayer(rt, req({ player_lookup: p }), ctx)).rejects.toMatchObject({
        code: 'NOT_IN_BATCH',
        field: 'player_lookup',
        message: `player_lookup: "${p}" is not one of the 2 players of batch ${BATCH}`,
      });
      await expect(done(p)).rejects.toMatchObject({ code: 'NOT_IN_BATCH', field: 'player_lookup' });
    }
    expect(await staged()).toBe(0);
    expect(rt.bus.on(TOPICS.consolidate)).toEqual([]);

    await predictPlayer(rt, req({ player_lookup: 'a' }), ctx);
    expect((await done('a')).fired).toEqual([]);
    await predictPlayer(rt, req({ player_lookup: 'b' }), ctx);
    expect((await done('b')).fired).toEqual(['threshold', 'complete']);
    await consolidate(rt, { batch_id: BATCH, game_date: '2025-12-05', reason: 'complete' }, ctx);
    const merged = await rt.warehouse.query<{ player_lookup: string }>(
      'SELECT DISTINCT player_lookup FROM {{nba_predictions.player_prop_predictions}} ORDER BY 1',
    );
    expect(merged.map((r) => r.player_lookup)).toEqual(['a', 'b']);
  });

  it.each<[string, Partial<PredictionRequest>, string]>([
    ['game', { game_id: '0022500001' }, 'game_id'],
    ['date', { game_date: '2025-12-06' }, 'game_date'],
    ['team', { team_abbr: 'MIA' }, 'team_abbr'],
    ['venue', { is_home: false }, 'is_home'],
    [
      'line',
      { line: { points: 30.5, over_odds: -110, under_odds: -110, books: 6, books_total: 8 } },
      'line.points',
    ],
  ])('refuses a member request with another %s, naming the field', async (_what, over, field) => {
    const { rt, req, staged } = await setup();
    const err = await predictPlayer(rt, req({ player_lookup: 'a', ...over }), ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PermanentError', code: 'NOT_IN_BATCH', field });
    expect((err as Error).message).toMatch(
      new RegExp(`^${field.replace('.', '\\.')}: .* does not match batch ${BATCH}`),
    );
    expect(await staged()).toBe(0);
  });

  it('refuses a notification for another date of the batch', async () => {
    const { done } = await setup();
    await expect(done('a', { game_date: '2025-12-04' })).rejects.toMatchObject({
      code: 'NOT_IN_BATCH',
      field: 'game_date',
    });
  });

  it('refuses a request for a batch that does not exist, naming batch_id', async () => {
    const { rt } = await setup();
    await expect(
      predictPlayer(rt, request({ batch_id: 'batch_nope', player_lookup: 'a' }), ctx),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_BATCH',
      field: 'batch_id',
    });
  });

  it('reads the manifest once per batch per process, not once per message', async () => {
    const { rt, req } = await setup();
    let reads = 0;
    const query = rt.warehouse.query.bind(rt.warehouse);
    rt.warehouse.query = <T extends object>(sql: string, params?: Params) => {
      if (sql === MEMBERS_OF_BATCH) reads += 1;
      return query<T>(sql, params);
    };
    for (const p of ['a', 'b', 'a', 'b', 'a']) await predictPlayer(rt, req({ player_lookup: p }), ctx);
    expect(reads).toBe(1);
  });

  it('ignores a request redelivered after the final consolidation, and reports only a real late player', async () => {
    const { rt, req, done } = await setup();
    await predictPlayer(rt, req({ player_lookup: 'a' }), ctx);
    await fireMilestone(rt.warehouse, BATCH, 'deadline', '2025-12-05T17:00:00.000Z');
    await consolidate(rt, { batch_id: BATCH, game_date: '2025-12-05', reason: 'deadline' }, ctx);
    expect(await rt.warehouse.tableExists(stagingTable(BATCH))).toBe(false);
    const ready = rt.bus.on(TOPICS.ready).length;

    const logs = captureLogs();
    expect(await predictPlayer(rt, req({ player_lookup: 'a' }), ctx)).toBe(0); // merged already
    expect(await rt.warehouse.tableExists(stagingTable(BATCH))).toBe(false);
    expect(rt.bus.on(TOPICS.ready)).toHaveLength(ready);
    await done('a'); // its trailing notification
    expect(logs.entries().filter((e) => e.event === 'late_player')).toEqual([]);

    await predictPlayer(rt, req({ player_lookup: 'b' }), ctx); // never merged: really late
    await done('b');
    logs.restore();
    expect(await rt.warehouse.tableExists(stagingTable(BATCH))).toBe(true);
    expect(logs.entries().filter((e) => e.event === 'late_player')).toHaveLength(1);
    expect(
      logs
        .entries()
        .filter((e) => e.event === 'duplicate_after_consolidation')
        .map((e) => e.message),
    ).toEqual([`batch ${BATCH} already merged this player; redelivered request ignored`]); // a's, once
  });
});
