/**
 * consolidate (DESIGN §2, §3): MERGE the batch's staging table into player_prop_predictions with
 * the de-duplicating source, check that no key appears twice, record the counts, drop staging after
 * the final consolidation, and publish `nba-phase6-export-trigger`.
 *
 * At most one consolidation of a batch runs at a time: a lease (a conditional UPDATE of
 * consolidating_since) is taken first. A second consolidation waits for the lease up to
 * `config.lease.waitMs`, then fails retryably so Pub/Sub redelivers it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PermanentError, RetryableError } from '../errors';
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { ConsolidateMessage } from '../messages';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import * as bsql from '../warehouse/sql/batches';
import * as psql from '../warehouse/sql/predictions';
import { stagingTable } from '../warehouse/tables';
import { assertNotSuperseded, getBatch } from './batch-store';
import { stagedPlayers } from './batch-complete';

/** What a consolidation did. */
export interface ConsolidateResult {
  batch_id: string;
  merged_rows: number;
  batch_rows: number;
  batch_players: number;
  duplicate_keys: number;
  staging_dropped: boolean;
}

async function acquireLease(rt: Runtime, batchId: string): Promise<string> {
  const { waitMs, staleMs, pollMs } = rt.config.lease;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = rt.now();
    const lease = now.toISOString();
    const stale = new Date(now.getTime() - staleMs).toISOString();
    const took = await rt.warehouse.execute(bsql.ACQUIRE_LEASE, {
      batch_id: batchId,
      now: lease,
      stale_before: stale,
    });
    if (took === 1) return lease;
    if (Date.now() >= deadline) {
      throw new RetryableError(
        'CONSOLIDATION_RUNNING',
        `another consolidation of ${batchId} holds the lease`,
      );
    }
    await sleep(pollMs);
  }
}

/** Runs one consolidation. */
export async function consolidate(
  rt: Runtime,
  msg: ConsolidateMessage,
  ctx: HandlerContext,
): Promise<ConsolidateResult> {
  const t0 = Date.now();
  const wh = rt.warehouse;
  const log = ctx.log.child({ batch_id: msg.batch_id, game_date: msg.game_date });
  const batch = await getBatch(wh, msg.batch_id);
  if (batch.game_date !== msg.game_date) {
    throw new PermanentError(
      'GAME_DATE_MISMATCH',
      `batch ${msg.batch_id} is for ${batch.game_date}, message says ${msg.game_date}`,
    );
  }
  await assertNotSuperseded(wh, batch);
  const staging = stagingTable(msg.batch_id);
  if (batch.consolidated_at !== null && !(await wh.tableExists(staging))) {
    // Already consolidated and its staging dropped: nothing to merge, and re-exporting would only
    // rewrite tonight's files with the same rows.
    log.info(`batch ${msg.batch_id} is already consolidated and has no staging rows: nothing to merge`, {
      event: 'consolidation_noop',
      reason: msg.reason,
    });
    return {
      batch_id: msg.batch_id,
      merged_rows: 0,
      batch_rows: batch.consolidated_rows ?? 0,
      batch_players: 0,
      duplicate_keys: 0,
      staging_dropped: false,
    };
  }
  const lease = await acquireLease(rt, msg.batch_id);
  try {
    let merged = 0;
    let stagedCount = 0;
    if (await wh.tableExists(staging)) {
      stagedCount = await stagedPlayers(wh, msg.batch_id);
      merged = await wh.execute(psql.mergeStaging(msg.batch_id), { now: rt.now().toISOString() });
    }
    const [dup] = await wh.query<{ duplicate_keys: number }>(psql.DUPLICATE_KEYS, {
      game_date: msg.game_date,
    });
    const duplicates = dup?.duplicate_keys ?? 0;
    if (duplicates > 0) {
      throw new PermanentError(
        'DUPLICATE_KEYS',
        `${duplicates} keys of ${msg.game_date} appear more than once in player_prop_predictions after the MERGE`,
      );
    }
    const [count] = await wh.query<{ row_count: number; players: number }>(psql.BATCH_ROW_COUNT, {
      game_date: msg.game_date,
      batch_id: msg.batch_id,
    });
    const rows = count?.row_count ?? 0;
    await wh.execute(bsql.SET_CONSOLIDATED, {
      batch_id: msg.batch_id,
      now: rt.now().toISOString(),
      rows,
      lease,
    });
    const final =
      msg.reason === 'complete' ||
      msg.reason === 'deadline' ||
      (msg.reason === 'manual' && stagedCount >= batch.expected_players);
    if (final) await wh.dropTable(staging);
    logs.consolidated(log, {
      reason: msg.reason,
      merged_rows: merged,
      batch_rows: rows,
      duplicate_keys: duplicates,
      staging_dropped: final,
      ms: Date.now() - t0,
    });
    await rt.bus.publish(
      TOPICS.export,
      { game_date: msg.game_date, batch_id: msg.batch_id },
      { batch_id: msg.batch_id, ...(batch.correlation_id ? { correlation_id: batch.correlation_id } : {}) },
    );
    return {
      batch_id: msg.batch_id,
      merged_rows: merged,
      batch_rows: rows,
      batch_players: count?.players ?? 0,
      duplicate_keys: duplicates,
      staging_dropped: final,
    };
  } catch (err) {
    logs.consolidationFailed(log, err instanceof Error ? err.message : String(err));
    await wh.execute(bsql.RELEASE_LEASE, { batch_id: msg.batch_id, now: lease });
    throw err;
  }
}
