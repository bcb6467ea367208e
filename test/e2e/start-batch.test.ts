/**
 * startBatch's two guards against a second batch, on the shipped data (in-memory DuckDB) with a
 * bus that records instead of delivering:
 * - idempotent per trigger message: a redelivery of the same message id resumes its batch (same
 *   batch id, one prediction_batches row) and publishes no request twice;
 * - "still running": another trigger of a date whose latest batch is running and before its
 *   deadline (NBA_BATCH_DEADLINE_MINUTES after it started) returns that batch and starts nothing;
 *   after the deadline, or with `force`, a new batch starts.
 * Each case uses its own date, so no case depends on another.
 */
import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { startBatch } from '../../lib/pipeline/start-batch';
import type { Runtime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { BATCHES_OF_DATE } from '../../lib/warehouse/sql/batches';
import { RecordingBus, testConfig } from '../helpers/runtime';

let local: LocalRuntime;
beforeAll(async () => {
  local = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
}, 120_000);
afterAll(async () => local.warehouse.close());

/** A runtime on the seeded warehouse whose clock reads `at` and whose bus records. */
function runtime(at: { now: Date }): Runtime & { bus: RecordingBus } {
  return { ...local, bus: new RecordingBus(), now: () => at.now };
}
const ctx = (messageId: string): HandlerContext => ({ messageId, attributes: {}, log: createLogger() });
const batchesOf = async (date: string) =>
  local.warehouse.query<{ batch_id: string; status: string }>(BATCHES_OF_DATE, { game_date: date });

describe('startBatch', () => {
  it('resumes its batch on a redelivered trigger and publishes each request once', async () => {
    const at = { now: new Date('2025-12-04T16:30:00Z') };
    const rt = runtime(at);
    const first = await startBatch(rt, { game_date: '2025-12-04' }, ctx('trigger-a'));
    const requests = rt.bus.on(TOPICS.request).length;
    expect(first.reused).toBe(false);
    expect(requests).toBe(first.expected_players);
    expect(first.batch_id).toMatch(/^batch_2025_12_04_[0-9a-f]{16}$/);

    const again = await startBatch(rt, { game_date: '2025-12-04' }, ctx('trigger-a'));
    expect(again.batch_id).toBe(first.batch_id);
    expect(again.reused).toBe(true);
    expect(rt.bus.on(TOPICS.request)).toHaveLength(requests); // nothing published twice
    expect((await batchesOf('2025-12-04')).map((b) => b.batch_id)).toEqual([first.batch_id]);
  });

  it('keeps a running batch before its deadline, starts a new one after it or with force', async () => {
    const at = { now: new Date('2025-12-03T16:30:00Z') };
    const rt = runtime(at);
    const first = await startBatch(rt, { game_date: '2025-12-03' }, ctx('trigger-b1'));
    const published = rt.bus.messages.length;

    // a different trigger 1 minute later: the batch is still running
    at.now = new Date('2025-12-03T16:31:00Z');
    const kept = await startBatch(rt, { game_date: '2025-12-03' }, ctx('trigger-b2'));
    expect([kept.batch_id, kept.reused]).toEqual([first.batch_id, true]);
    expect(rt.bus.messages).toHaveLength(published);

    // with force it starts another at once
    const forced = await startBatch(rt, { game_date: '2025-12-03', force: true }, ctx('trigger-b3'));
    expect(forced.reused).toBe(false);
    expect(forced.batch_id).not.toBe(first.batch_id);

    // past the deadline of the newest running batch, a plain trigger starts a new one too
    at.now = new Date(Date.parse('2025-12-03T16:31:00Z') + (local.config.batchDeadlineMinutes + 1) * 60_000);
    const late = await startBatch(rt, { game_date: '2025-12-03' }, ctx('trigger-b4'));
    expect(late.reused).toBe(false);
    expect(new Set([first.batch_id, forced.batch_id, late.batch_id]).size).toBe(3);
    expect((await batchesOf('2025-12-03')).length).toBe(3);
  });
});
