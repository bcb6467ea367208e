/**
 * One trigger, one batch: two deliveries of the same trigger message, concurrently and in the same
 * millisecond (a pinned clock), give one prediction_batches row, one manifest and one completed,
 * exported batch; a redelivery after the batch finished publishes nothing again.
 */
import { getFunction } from '@google-cloud/functions-framework/testing';
import '../../functions';
import { buildPubSubEvent, type MessagePublishedData } from '../../lib/bus/cloudevent';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { batchIdOf } from '../../lib/pipeline/start-batch';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import type { CloudEvent } from '@google-cloud/functions-framework';
import { testConfig } from '../helpers/runtime';

const DATE = '2025-11-25'; // 3 games
const NOW = new Date('2025-11-25T16:00:00.000Z');

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:', now: () => NOW });
  setRuntime(rt);
});
afterAll(() => rt.warehouse.close());

describe('trigger idempotency', () => {
  it('gives one batch for two concurrent deliveries of one trigger', async () => {
    const ce = buildPubSubEvent({
      project: 'local',
      topic: TOPICS.trigger,
      messageId: 'scheduler-7731',
      payload: { game_date: DATE },
      publishTime: NOW,
    });
    const handler = getFunction('startBatch') as (e: CloudEvent<MessagePublishedData>) => Promise<void>;
    await Promise.all([handler(ce), handler(ce)]);
    await rt.bus.drain();

    const rows = await rt.warehouse.query<{ batch_id: string }>(
      'SELECT batch_id FROM {{nba_predictions.prediction_batches}} WHERE trigger_message_id = @m',
      { m: 'scheduler-7731' },
    );
    expect(rows).toHaveLength(1);
    const batchId = batchIdOf(DATE, 'scheduler-7731');
    expect(rows).toEqual([{ batch_id: batchId }]);
    expect(batchId).toMatch(/^batch_2025_11_25_[0-9a-f]{16}$/);
    const batch = await findBatchOfTrigger(rt.warehouse, 'scheduler-7731');
    expect([batch?.status, batch?.complete_fired_at !== null]).toEqual(['exported', true]);
    const [members] = await rt.warehouse.query<{ n: number }>(
      'SELECT COUNT(DISTINCT player_lookup) AS n FROM {{nba_predictions.prediction_batch_members}} WHERE batch_id = @b',
      { b: batchId },
    );
    expect(members.n).toBe(batch?.expected_players);
    expect(rt.bus.deadLetters).toEqual([]);

    // Redelivered after the batch finished: no second batch, no request published again.
    const published = rt.bus.published.length;
    await handler(ce);
    await rt.bus.drain();
    expect(rt.bus.published).toHaveLength(published);
    expect((await findBatchOfTrigger(rt.warehouse, 'scheduler-7731'))?.status).toBe('exported');
  });
});
