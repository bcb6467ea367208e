/**
 * consolidate (DESIGN §2, §3): MERGE the batch's staging table (its members' rows) into
 * player_prop_predictions with the de-duplicating source, check that no key appears twice, record
 * the counts, drop staging after the final consolidation, and publish `nba-phase6-export-trigger`.
 *
 * At most one consolidation of a batch runs at a time: a lease (a conditional UPDATE of
 * consolidating_since) is taken first. A second consolidation waits for the lease up to
 * `config.lease.waitMs`, then fails retryably so Pub/Sub redelivers it.
 *
 * One milestone, one export: `consolidated_at` records when the last consolidation took its lease
 * (before its MERGE read staging), so a consolidation whose milestone fired before that instant is
 * a duplicate (a redelivery, or one of several concurrent ones) and neither merges nor exports. A
 * consolidation for a milestone that has not fired is refused. If the lease is lost before the
 * final UPDATE (another consolidation judged this one dead), nothing is dropped or exported.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PermanentError, RetryableError, errorMessage } from '../errors';
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { ConsolidateMessage } from '../messages';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import * as bsql from '../warehouse/sql/batches';
import * as psql from '../warehouse/sql/predictions';
import { stagingTable } from '../warehouse/tables';
import { assertNotSuperseded, getBatch, type BatchRow } from '../data/batches';

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

/** When the milestone a consolidation is for fired (null for `manual`, which has none). */
function milestoneAt(batch: BatchRow, reason: ConsolidateMessage['reason']): string | null | undefined {
  if (reason === 'manual') return undefined;
  return batch[bsql.MILESTONES[reason]];
}

function noop(batch: BatchRow): ConsolidateResult {
  return {
    batch_id: batch.batch_id,
    merged_rows: 0,
    batch_rows: batch.consolidated_rows ?? 0,
    batch_players: 0,
    duplicate_keys: 0,
    staging_dropped: false,
  };
}

/**
 * Runs one consolidation. `threshold` keeps staging; `complete`, `deadline` and `manual` are final
 * and drop it (a manual consolidation of a partial batch ends it as the deadline would).
 * @throws PermanentError `UNKNOWN_BATCH`, `GAME_DATE_MISMATCH`, `SUPERSEDED_BATCH`,
 *   `MILESTONE_NOT_FIRED` (field reason), `DUPLICATE_KEYS`; RetryableError `CONSOLIDATION_RUNNING`,
 *   `LEASE_LOST`.
 */
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
      `game_date: batch ${msg.batch_id} is for ${batch.game_date}, message says ${msg.game_date}`,
      { field: 'game_date' },
    );
  }
  if (milestoneAt(batch, msg.reason) === null) {
    throw new PermanentError(
      'MILESTONE_NOT_FIRED',
      `reason: batch ${msg.batch_id} has not reached its ${msg.reason} milestone; use reason "manual" to consolidate it now`,
      { field: 'reason' },
    );
  }
  await assertNotSuperseded(wh, batch);
  const staging = stagingTable(msg.batch_id);
  if (batch.consolidated_at !== null && (await wh.rowCount(staging)) === null) {
    // Already consolidated and its staging dropped: nothing to merge, and re-exporting would only
    // rewrite tonight's files with the same rows.
    log.info(`batch ${msg.batch_id} is already consolidated and has no staging rows: nothing to merge`, {
      event: 'consolidation_noop',
      reason: msg.reason,
    });
    return noop(batch);
  }
  const lease = await acquireLease(rt, msg.batch_id);
  try {
    const fresh = await getBatch(wh, msg.batch_id);
    const final = msg.reason !== 'threshold';
    const hasStaging = (await wh.rowCount(staging)) !== null;
    const firedAt = milestoneAt(fresh, msg.reason);
    const covered =
      typeof firedAt === 'string' && fresh.consolidated_at !== null && fresh.consolidated_at >= firedAt;
    if (covered && !(final && hasStaging)) {
      // A consolidation that took its lease after this milestone fired has run: same rows, same export.
      await wh.execute(bsql.RELEASE_LEASE, { batch_id: msg.batch_id, now: lease });
      log.info(`the ${msg.reason} consolidation of ${msg.batch_id} already ran; nothing to do`, {
        event: 'consolidation_duplicate',
        reason: msg.reason,
      });
      return noop(fresh);
    }
    let merged = 0;
    if (hasStaging) {
      merged = await wh.execute(psql.mergeStaging(msg.batch_id), {
        now: rt.now().toISOString(),
        batch_id: msg.batch_id,
      });
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
    const recorded = await wh.execute(bsql.SET_CONSOLIDATED, {
      batch_id: msg.batch_id,
      now: lease,
      rows,
      lease,
    });
    if (recorded !== 1) {
      throw new RetryableError(
        'LEASE_LOST',
        `batch ${msg.batch_id}: the consolidation lease taken at ${lease} was lost before the final update (${recorded} rows updated); not dropping staging or exporting`,
      );
    }
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
    logs.consolidationFailed(log, errorMessage(err));
    try {
      await wh.execute(bsql.RELEASE_LEASE, { batch_id: msg.batch_id, now: lease });
    } catch (releaseErr) {
      // The lease goes stale after config.lease.staleMs; the error to report is the one that failed.
      log.error(`could not release the consolidation lease: ${errorMessage(releaseErr)}`, {
        event: 'lease_release_failed',
      });
    }
    throw err;
  }
}
