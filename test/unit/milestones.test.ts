import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import { captureLogs, insertBatch } from '../helpers/runtime';
import { onBatchComplete, thresholdCount } from '../../lib/pipeline/batch-complete';
import { findBatch } from '../../lib/data/batches';
import { TOPICS } from '../../lib/topics';
import { stagingSpec } from '../../lib/warehouse/schema';
import { stagingTable } from '../../lib/warehouse/tables';
import { memoryRuntime } from '../helpers/runtime';

const BATCH = 'batch_2025_12_05_7';
const ctx: HandlerContext = { messageId: 'm', attributes: {}, log: createLogger() };

async function setup(expected: number, now = new Date('2025-12-05T16:00:00Z')) {
  const rt = await memoryRuntime(() => now);
  await insertBatch(rt.warehouse, {
    batch_id: BATCH,
    created: now.toISOString(),
    expected_players: expected,
    members: ['a', 'b', 'c', 'd', 'e'].slice(0, expected),
  });
  await rt.warehouse.createTable(stagingSpec(BATCH, 48));
  const stage = (player: string) =>
    rt.warehouse.load(stagingSpec(BATCH, 48), [
      {
        prediction_id: player,
        batch_id: BATCH,
        game_id: 'g',
        game_date: '2025-12-05',
        player_lookup: player,
        system_id: 'moving_average',
        line_key: -1,
        recommendation: 'NO_LINE',
        created_at: now.toISOString(),
      },
    ]);
  const done = (player: string) =>
    onBatchComplete(
      rt,
      {
        kind: 'player_done',
        batch_id: BATCH,
        game_date: '2025-12-05',
        player_lookup: player,
        rows_written: 1,
      },
      ctx,
    );
  return { rt, stage, done };
}

describe('batch milestones', () => {
  it('needs ceil(80%) of the expected players', () => {
    expect(thresholdCount(5, 0.8)).toBe(4);
    expect(thresholdCount(10, 0.8)).toBe(8);
    expect(thresholdCount(248, 0.8)).toBe(199);
    expect(thresholdCount(1, 0.8)).toBe(1);
  });

  it('fires the 80% and the 100% consolidation once each, whatever the redeliveries', async () => {
    const { rt, stage, done } = await setup(5);
    const reasons = () => rt.bus.on(TOPICS.consolidate).map((m) => m.reason);
    for (const p of ['a', 'b', 'c']) {
      await stage(p);
      await done(p);
    }
    expect(reasons()).toEqual([]);
    await stage('d');
    expect((await done('d')).fired).toEqual(['threshold']);
    await stage('d'); // redelivered player: same distinct count
    expect((await done('d')).fired).toEqual([]);
    expect(reasons()).toEqual(['threshold']);
    await stage('e');
    expect((await done('e')).fired).toEqual(['complete']);
    expect((await done('e')).fired).toEqual([]);
    expect(reasons()).toEqual(['threshold', 'complete']);
    const b = await findBatch(rt.warehouse, BATCH);
    expect(b?.threshold_fired_at).toBe('2025-12-05T16:00:00.000Z');
    expect(b?.complete_fired_at).toBe('2025-12-05T16:00:00.000Z');
  });

  it('sends only "complete" when one message reaches 80% and 100% together', async () => {
    const { rt, stage, done } = await setup(1);
    await stage('a');
    expect((await done('a')).fired).toEqual(['threshold', 'complete']);
    expect(rt.bus.on(TOPICS.consolidate).map((m) => m.reason)).toEqual(['complete']);
  });

  it('un-fires a milestone whose consolidate message could not be published, so the redelivery fires it', async () => {
    const { rt, stage, done } = await setup(1);
    await stage('a');
    rt.bus.failNext = 1;
    await expect(done('a')).rejects.toThrow('publish failed');
    expect((await findBatch(rt.warehouse, BATCH))?.complete_fired_at).toBeNull();
    expect((await done('a')).fired).toContain('complete');
    expect(rt.bus.on(TOPICS.consolidate)).toHaveLength(1);
  });

  it('treats notifications after completion as normal, and only a recreated staging table as late', async () => {
    const { rt, stage, done } = await setup(1);
    await stage('a');
    await done('a');
    const logs = captureLogs();
    await done('a'); // trailing notification before the consolidation ran
    await rt.warehouse.execute(
      'UPDATE {{nba_predictions.prediction_batches}} SET consolidated_at = CAST(@t AS TIMESTAMP) WHERE batch_id = @b',
      { t: '2025-12-05T16:05:00.000Z', b: BATCH },
    );
    await rt.warehouse.dropTable(stagingTable(BATCH)); // the final consolidation dropped staging
    await done('a');
    expect(logs.entries().filter((e) => e.event === 'late_player')).toHaveLength(0);
    await stage('a'); // a redelivered request after the drop recreates staging
    await done('a');
    logs.restore();
    const late = logs.entries().filter((e) => e.event === 'late_player');
    expect(late).toHaveLength(1);
    expect(late[0].message).toContain(`run consolidate --batch ${BATCH}`);
  });

  it('fires the deadline once from the sweep for an overdue batch', async () => {
    let now = new Date('2025-12-05T16:00:00Z');
    const { rt, stage } = await setup(5, now);
    rt.now = () => now;
    await stage('a');
    expect((await onBatchComplete(rt, { kind: 'sweep' }, ctx)).fired).toEqual([]); // not overdue yet
    now = new Date('2025-12-05T17:31:00Z');
    expect((await onBatchComplete(rt, { kind: 'sweep' }, ctx)).fired).toEqual(['deadline']);
    expect((await onBatchComplete(rt, { kind: 'sweep' }, ctx)).fired).toEqual([]);
    expect(rt.bus.on(TOPICS.consolidate)).toEqual([
      { batch_id: BATCH, game_date: '2025-12-05', reason: 'deadline' },
    ]);
  });
});
