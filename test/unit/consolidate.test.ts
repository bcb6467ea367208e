import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import { findBatch, fireMilestone } from '../../lib/pipeline/batch-store';
import { consolidate } from '../../lib/pipeline/consolidate';
import { TOPICS } from '../../lib/topics';
import { stagingSpec } from '../../lib/warehouse/schema';
import { stagingTable } from '../../lib/warehouse/tables';
import { memoryRuntime, insertBatch } from '../helpers/runtime';

const ctx: HandlerContext = { messageId: 'm', attributes: {}, log: createLogger() };

async function setup() {
  const rt = await memoryRuntime(() => new Date('2025-12-05T17:00:00Z'));
  const batch = async (id: string, created: string) => {
    await insertBatch(rt.warehouse, {
      batch_id: id,
      created,
      expected_players: 2,
      deadline_at: '2025-12-05T19:00:00.000Z',
      members: ['a', 'b'],
    });
    await fireMilestone(rt.warehouse, id, 'complete', created);
    await rt.warehouse.load(
      stagingSpec(id, 48),
      ['a', 'b'].map((p) => ({
        prediction_id: `${id}-${p}`,
        batch_id: id,
        game_id: 'g',
        game_date: '2025-12-05',
        player_lookup: p,
        system_id: 'moving_average',
        line_key: -1,
        recommendation: 'NO_LINE',
        predicted_points: 10,
        created_at: created,
      })),
    );
  };
  return { rt, batch };
}

describe('consolidate', () => {
  it('merges staging, drops it after the final consolidation and triggers the export', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    const r = await consolidate(
      rt,
      { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' },
      ctx,
    );
    expect(r).toMatchObject({
      merged_rows: 2,
      batch_rows: 2,
      batch_players: 2,
      duplicate_keys: 0,
      staging_dropped: true,
    });
    expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(false);
    expect(rt.bus.on(TOPICS.export)).toEqual([{ game_date: '2025-12-05', batch_id: 'batch_1' }]);
    const b = await findBatch(rt.warehouse, 'batch_1');
    expect([b?.status, b?.consolidated_rows, b?.consolidating_since]).toEqual(['consolidated', 2, null]);
  });

  it('does nothing for a consolidated batch whose staging is gone (no empty re-export)', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    await consolidate(rt, { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' }, ctx);
    const again = await consolidate(
      rt,
      { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'manual' },
      ctx,
    );
    expect(again).toMatchObject({ merged_rows: 0, batch_rows: 2, staging_dropped: false });
    expect(rt.bus.on(TOPICS.export)).toHaveLength(1);
  });

  it('refuses an older batch once a later run of the date is consolidated', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    await batch('batch_2', '2025-12-05T16:30:00.000Z');
    await consolidate(rt, { batch_id: 'batch_2', game_date: '2025-12-05', reason: 'complete' }, ctx);
    await expect(
      consolidate(rt, { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' }, ctx),
    ).rejects.toThrow('batch batch_1 was superseded by batch_2, a later run of 2025-12-05');
  });

  it('refuses a message whose date is not the batch date', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    await expect(
      consolidate(rt, { batch_id: 'batch_1', game_date: '2025-12-04', reason: 'manual' }, ctx),
    ).rejects.toThrow('batch batch_1 is for 2025-12-05, message says 2025-12-04');
  });
});
