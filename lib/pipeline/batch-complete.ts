/**
 * onBatchComplete (DESIGN §2): after each player, COUNT(DISTINCT player_lookup) in staging against
 * expected_players; fires `prediction-consolidate` once at >= threshold (80%), once at 100%, and on
 * the scheduler's sweep once at the batch deadline. Each milestone fires through a conditional
 * UPDATE that affects exactly one row, so concurrent or redelivered messages cannot fire it twice.
 * If the consolidate message cannot be published the milestone is reverted and the error rethrown,
 * so the redelivery fires it again: a milestone is never marked without its message.
 */
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { ConsolidateReason, PredictionReady } from '../messages';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import type { Warehouse } from '../warehouse/port';
import * as bsql from '../warehouse/sql/batches';
import { PLAYER_ROWS_OF_BATCH, countStagedPlayers } from '../warehouse/sql/predictions';
import { stagingTable } from '../warehouse/tables';
import { fireMilestone, getBatch } from './batch-store';
import { assertMember } from './manifest';

/** Distinct members of a batch with rows in its staging table (0 when it does not exist). */
export async function stagedPlayers(wh: Warehouse, batchId: string): Promise<number> {
  if (!(await wh.tableExists(stagingTable(batchId)))) return 0;
  const [row] = await wh.query<{ players: number }>(countStagedPlayers(batchId), { batch_id: batchId });
  return row?.players ?? 0;
}

/** True when the batch's rows of this player are in player_prop_predictions (the late path only). */
async function playerMerged(
  wh: Warehouse,
  msg: { batch_id: string; game_date: string; player_lookup: string },
): Promise<boolean> {
  const [row] = await wh.query<{ row_count: number }>(PLAYER_ROWS_OF_BATCH, {
    game_date: msg.game_date,
    batch_id: msg.batch_id,
    player_lookup: msg.player_lookup,
  });
  return (row?.row_count ?? 0) > 0;
}

/** Players needed for the threshold milestone: ceil(fraction * expected), at least 1. */
export function thresholdCount(expected: number, fraction: number): number {
  return Math.max(1, Math.ceil(expected * fraction - 1e-9));
}

async function fireAndPublish(
  rt: Runtime,
  batchId: string,
  gameDate: string,
  milestone: bsql.Milestone,
  reason: ConsolidateReason | null,
  ctx: HandlerContext,
): Promise<boolean> {
  const now = rt.now().toISOString();
  if (!(await fireMilestone(rt.warehouse, batchId, milestone, now))) return false;
  if (reason === null) return true;
  try {
    await rt.bus.publish(
      TOPICS.consolidate,
      { batch_id: batchId, game_date: gameDate, reason },
      {
        batch_id: batchId,
        ...(ctx.attributes.correlation_id ? { correlation_id: ctx.attributes.correlation_id } : {}),
      },
    );
  } catch (err) {
    await rt.warehouse.execute(bsql.revertMilestone(milestone), { batch_id: batchId, now });
    throw err;
  }
  return true;
}

/** Which milestones fired for this message. */
export interface CompletionResult {
  fired: bsql.Milestone[];
  players?: number;
  expected?: number;
}

/**
 * Runs onBatchComplete for one message.
 * @throws PermanentError `UNKNOWN_BATCH` or `NOT_IN_BATCH` for a player_done message whose player or
 *   date is not in the batch's manifest.
 */
export async function onBatchComplete(
  rt: Runtime,
  msg: PredictionReady,
  ctx: HandlerContext,
): Promise<CompletionResult> {
  if (msg.kind === 'sweep') return sweep(rt, ctx);
  const log = ctx.log.child({ batch_id: msg.batch_id });
  // A notification of a player or date outside the batch is refused (the count ignores it anyway).
  await assertMember(rt.warehouse, msg);
  const batch = await getBatch(rt.warehouse, msg.batch_id);
  const finalFiredAt = [batch.complete_fired_at, batch.deadline_fired_at]
    .filter((x): x is string => x !== null)
    .sort()[0];
  if (finalFiredAt) {
    // Trailing notifications of a complete batch are normal. A player is late only when the final
    // consolidation already ran and dropped staging, and his request then recreated it.
    const finalDone = batch.consolidated_at !== null && batch.consolidated_at >= finalFiredAt;
    if (
      finalDone &&
      (await rt.warehouse.tableExists(stagingTable(msg.batch_id))) &&
      !(await playerMerged(rt.warehouse, msg))
    ) {
      log.warn(
        `player ${msg.player_lookup} finished after the final consolidation; run consolidate --batch ${msg.batch_id} to include it`,
        { event: 'late_player' },
      );
    } else {
      log.debug(`batch already complete; nothing to fire for ${msg.player_lookup}`, {
        event: 'batch_already_complete',
      });
    }
    return { fired: [] };
  }
  const players = await stagedPlayers(rt.warehouse, msg.batch_id);
  const expected = batch.expected_players;
  const fired: bsql.Milestone[] = [];
  const complete = players >= expected;
  if (players >= thresholdCount(expected, rt.config.thresholdFraction) && !batch.threshold_fired_at) {
    // When 100% is reached by the same message the threshold is marked but only `complete` is sent.
    if (
      await fireAndPublish(rt, msg.batch_id, msg.game_date, 'threshold', complete ? null : 'threshold', ctx)
    ) {
      fired.push('threshold');
      logs.milestoneFired(log, 'threshold', players, expected);
    }
  }
  if (complete && (await fireAndPublish(rt, msg.batch_id, msg.game_date, 'complete', 'complete', ctx))) {
    fired.push('complete');
    logs.milestoneFired(log, 'complete', players, expected);
  }
  return { fired, players, expected };
}

/** The scheduler's sweep: fires the deadline milestone of every overdue batch. */
async function sweep(rt: Runtime, ctx: HandlerContext): Promise<CompletionResult> {
  const overdue = await rt.warehouse.query<{ batch_id: string; game_date: string }>(bsql.OVERDUE_BATCHES, {
    now: rt.now().toISOString(),
  });
  const fired: bsql.Milestone[] = [];
  for (const b of overdue) {
    if (await fireAndPublish(rt, b.batch_id, b.game_date, 'deadline', 'deadline', ctx)) {
      fired.push('deadline');
      const players = await stagedPlayers(rt.warehouse, b.batch_id);
      const batch = await getBatch(rt.warehouse, b.batch_id);
      logs.milestoneFired(
        ctx.log.child({ batch_id: b.batch_id }),
        'deadline',
        players,
        batch.expected_players,
      );
    }
  }
  return { fired };
}
