import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import { findBatch, fireMilestone } from '../../lib/data/batches';
import { consolidate } from '../../lib/pipeline/consolidate';
import { TOPICS } from '../../lib/topics';
import { stagingSpec } from '../../lib/warehouse/schema';
import { stagingTable } from '../../lib/warehouse/tables';
import { RetryableError } from '../../lib/errors';
import * as bsql from '../../lib/warehouse/sql/batches';
import { captureLogs, hookedWarehouse, memoryRuntime, insertBatch, testConfig } from '../helpers/runtime';

const ctx: HandlerContext = { messageId: 'm', attributes: {}, log: createLogger() };

async function setup(config = testConfig()) {
  const rt = await memoryRuntime(() => new Date('2025-12-05T17:00:00Z'), config);
  const batch = async (id: string, created: string, staged: readonly string[] = ['a', 'b']) => {
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
      staged.map((p) => ({
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

  it('gives ten concurrent consolidations of one milestone one MERGE and one export', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    const msg = { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' } as const;
    const results = await Promise.all(Array.from({ length: 10 }, () => consolidate(rt, msg, ctx)));
    expect(results.map((r) => r.merged_rows).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(rt.bus.on(TOPICS.export)).toEqual([{ game_date: '2025-12-05', batch_id: 'batch_1' }]);
    expect((await findBatch(rt.warehouse, 'batch_1'))?.consolidated_rows).toBe(2);
  });

  it('exports the threshold and the complete milestones once each, whatever the duplicates', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    // the threshold fired before complete did (fireMilestone refuses a threshold after a final one)
    await rt.warehouse.execute(
      'UPDATE {{nba_predictions.prediction_batches}} SET threshold_fired_at = CAST(@at AS TIMESTAMP) WHERE batch_id = @b',
      { at: '2025-12-05T16:00:00.000Z', b: 'batch_1' },
    );
    const threshold = { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'threshold' } as const;
    await Promise.all([consolidate(rt, threshold, ctx), consolidate(rt, threshold, ctx)]);
    expect(rt.bus.on(TOPICS.export)).toHaveLength(1);
    expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(true); // not final
    const complete = { ...threshold, reason: 'complete' } as const;
    await consolidate(rt, complete, ctx); // staging still there: the final one runs and drops it
    await consolidate(rt, complete, ctx);
    expect(rt.bus.on(TOPICS.export)).toHaveLength(2);
    expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(false);
  });

  it('refuses a consolidation for a milestone that has not fired, naming the field', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    const err = await consolidate(
      rt,
      { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'deadline' },
      ctx,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PermanentError', code: 'MILESTONE_NOT_FIRED', field: 'reason' });
    expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(true);
    expect(rt.bus.on(TOPICS.export)).toEqual([]);
  });

  it('drops the staging of a partial batch on a manual consolidation, as the deadline would', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z', ['a']); // 1 of 2 expected players
    const r = await consolidate(rt, { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'manual' }, ctx);
    expect(r).toMatchObject({ merged_rows: 1, batch_rows: 1, staging_dropped: true });
    expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(false);
  });

  it('does not drop staging or export when its lease was lost before the final update', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    const real = rt.warehouse;
    // While the MERGE runs, another consolidation judges this one dead and takes the lease over.
    const stolen = hookedWarehouse(real, {
      after: async (sql) => {
        if (sql.includes('MERGE INTO')) {
          await real.execute(
            'UPDATE {{nba_predictions.prediction_batches}} SET consolidating_since = CAST(@t AS TIMESTAMP) WHERE batch_id = @b',
            { t: '2025-12-05T17:05:00.000Z', b: 'batch_1' },
          );
        }
      },
    });
    const err = await consolidate(
      { ...rt, warehouse: stolen },
      { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' },
      ctx,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'LEASE_LOST' });
    expect(await real.tableExists(stagingTable('batch_1'))).toBe(true);
    expect(rt.bus.on(TOPICS.export)).toEqual([]);
  });

  it('reports the error that failed the consolidation when releasing the lease fails too', async () => {
    const { rt, batch } = await setup();
    await batch('batch_1', '2025-12-05T16:00:00.000Z');
    const failing = hookedWarehouse(rt.warehouse, {
      before: (sql) => {
        if (sql.includes('MERGE INTO')) throw new RetryableError('BQ_BACKEND', 'MERGE failed (test)');
        if (sql === bsql.RELEASE_LEASE) throw new RetryableError('BQ_NETWORK', 'release failed (test)');
      },
    });
    const logs = captureLogs();
    const err = await consolidate(
      { ...rt, warehouse: failing },
      { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' },
      ctx,
    ).catch((e: unknown) => e);
    logs.restore();
    expect(err).toMatchObject({ code: 'BQ_BACKEND', message: 'MERGE failed (test)' });
    expect(logs.entries().find((e) => e.event === 'lease_release_failed')?.message).toBe(
      'could not release the consolidation lease: release failed (test)',
    );
  });

  describe('the lease', () => {
    const holdLease = (rt: Awaited<ReturnType<typeof setup>>['rt'], since: string) =>
      rt.warehouse.execute(
        'UPDATE {{nba_predictions.prediction_batches}} SET consolidating_since = CAST(@t AS TIMESTAMP) WHERE batch_id = @b',
        { t: since, b: 'batch_1' },
      );
    // the clock reads 17:00; a lease is stale after NBA_LEASE_STALE_MS = 10 minutes
    const config = () => testConfig({ NBA_LEASE_WAIT_MS: '0', NBA_LEASE_STALE_MS: '600000' });

    it('makes a second consolidation fail retryably while another holds a fresh lease (taken 1 min ago)', async () => {
      const { rt, batch } = await setup(config());
      await batch('batch_1', '2025-12-05T16:00:00.000Z');
      await holdLease(rt, '2025-12-05T16:59:00.000Z');
      const err = await consolidate(
        rt,
        { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' },
        ctx,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RetryableError);
      expect(err).toMatchObject({
        code: 'CONSOLIDATION_RUNNING',
        message: 'another consolidation of batch_1 holds the lease',
      });
      const b = await findBatch(rt.warehouse, 'batch_1');
      expect([b?.consolidated_at, b?.consolidating_since]).toEqual([null, '2025-12-05T16:59:00.000Z']);
      expect(await rt.warehouse.tableExists(stagingTable('batch_1'))).toBe(true);
      expect(rt.bus.on(TOPICS.export)).toEqual([]);
    });

    it('takes over a lease older than the stale age (a crashed consolidation, 11 min ago) and consolidates', async () => {
      const { rt, batch } = await setup(config());
      await batch('batch_1', '2025-12-05T16:00:00.000Z');
      await holdLease(rt, '2025-12-05T16:49:00.000Z');
      const r = await consolidate(
        rt,
        { batch_id: 'batch_1', game_date: '2025-12-05', reason: 'complete' },
        ctx,
      );
      expect(r).toMatchObject({ merged_rows: 2, batch_rows: 2 });
      const b = await findBatch(rt.warehouse, 'batch_1');
      expect([b?.status, b?.consolidated_at, b?.consolidating_since]).toEqual([
        'consolidated',
        '2025-12-05T17:00:00.000Z',
        null,
      ]);
      expect(rt.bus.on(TOPICS.export)).toHaveLength(1);
    });
  });
});
