/**
 * onBatchComplete (DESIGN §2): after each player, COUNT(DISTINCT player_lookup) in staging against
 * expected_players; fires `prediction-consolidate` once at >= threshold (80%), once at 100%, and on
 * the scheduler's sweep once at the batch deadline. Each milestone fires through a conditional
 * UPDATE that affects exactly one row, so concurrent or redelivered messages cannot fire it twice.
 * If the consolidate message cannot be published the milestone is reverted and the error rethrown,
 * so the redelivery fires it again: a milestone is never marked without its message.
 *
 * Cost per message (a batch is ~250 messages): the batch row is read once per instance
 * (lib/data/batch-cache.ts); each message reads the staging table's row count from metadata
 * (free), and runs the count only when that row count says a milestone could have been reached
 * ({@link decideCount}, lib/data/completion-bound.ts). About 10 queries a batch instead of 500.
 */
import type { HandlerContext } from '../handler';
import type { Logger } from '../log';
import * as logs from '../logs';
import type { ConsolidateReason, PredictionReady } from '../messages';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import type { Warehouse } from '../warehouse/port';
import * as bsql from '../warehouse/sql/batches';
import { PLAYER_ROWS_OF_BATCH, countStagedPlayers } from '../warehouse/sql/predictions';
import { stagingTable } from '../warehouse/tables';
import { isFinal, refreshBatch, withTrackedBatch, type TrackedBatch } from '../data/batch-cache';
import { fireMilestone, getBatch } from '../data/batches';
import { shouldCount } from '../data/completion-bound';
import { assertMember } from '../data/manifest';

/**
 * Distinct members of a batch with rows in its staging table, and the rows of theirs the count saw,
 * by query (a staged row of a player or game outside the manifest is not counted). The one place
 * completion counts.
 */
export async function countPlayers(
  wh: Warehouse,
  batchId: string,
): Promise<{ players: number; rows: number }> {
  const [row] = await wh.query<{ players: number; row_count: number }>(countStagedPlayers(batchId), {
    batch_id: batchId,
  });
  return { players: row?.players ?? 0, rows: row?.row_count ?? 0 };
}

/** Distinct members of a batch with rows in its staging table (0 when it does not exist). */
export async function stagedPlayers(wh: Warehouse, batchId: string): Promise<number> {
  if ((await wh.rowCount(stagingTable(batchId))) === null) return 0;
  return (await countPlayers(wh, batchId)).players;
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

/**
 * Whether this message needs a count: only when a milestone that has not fired could have been
 * reached with `rows` staging rows (pure; the rows come from table metadata).
 */
export function decideCount(batch: TrackedBatch, rows: number, thresholdFraction: number): boolean {
  const { facts, state } = batch;
  const need = state.fired.has('threshold')
    ? facts.expected_players
    : thresholdCount(facts.expected_players, thresholdFraction);
  return shouldCount(need, state.boundOff ? null : facts.rows, rows, state.lastCount);
}

/** Fires a milestone and publishes its message; false when the UPDATE affected no row. */
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

/** Which milestones fired for this message (players and expected when it counted). */
export interface CompletionResult {
  fired: bsql.Milestone[];
  players?: number;
  expected?: number;
}

/**
 * A message after the final milestone. Trailing notifications of a complete batch are normal. A
 * player is late only when the final consolidation already ran and dropped staging, and his request
 * then recreated it (a redelivery of a player it merged is not late); the batch is read again only
 * when the staging row count moved since the last look, so the trailing messages of a normal batch
 * cost no query.
 */
async function afterFinal(
  rt: Runtime,
  batch: TrackedBatch,
  msg: Extract<PredictionReady, { kind: 'player_done' }>,
  rows: number | null,
  log: Logger,
): Promise<CompletionResult> {
  const { state } = batch;
  if (rows !== state.rowsAtFinalCheck) {
    const row = await getBatch(rt.warehouse, msg.batch_id);
    const finalFiredAt = [row.complete_fired_at, row.deadline_fired_at]
      .filter((x): x is string => x !== null)
      .sort()[0];
    const finalDone =
      row.consolidated_at !== null && finalFiredAt !== undefined && row.consolidated_at >= finalFiredAt;
    state.rowsAtFinalCheck = rows;
    if (finalDone && rows !== null && !(await playerMerged(rt.warehouse, msg))) {
      log.warn(
        `player ${msg.player_lookup} finished after the final consolidation; run consolidate --batch ${msg.batch_id} to include it`,
        { event: 'late_player' },
      );
      return { fired: [] };
    }
  }
  log.debug(`batch already complete; nothing to fire for ${msg.player_lookup}`, {
    event: 'batch_already_complete',
  });
  return { fired: [] };
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
  // A notification of a player or date outside the batch is refused (the count ignores it anyway);
  // the manifest is read once per instance and batch.
  await assertMember(rt.warehouse, msg);
  return withTrackedBatch(rt.warehouse, msg.batch_id, (batch) => playerDone(rt, batch, msg, ctx, log));
}

/** One `player_done` message, with this instance's memory of the batch. */
async function playerDone(
  rt: Runtime,
  batch: TrackedBatch,
  msg: Extract<PredictionReady, { kind: 'player_done' }>,
  ctx: HandlerContext,
  log: Logger,
): Promise<CompletionResult> {
  const wh = rt.warehouse;
  const { facts, state } = batch;
  let rows = await wh.rowCount(stagingTable(msg.batch_id));
  if (!isFinal(state) && rows === null) {
    // Staging is gone: another instance may have consolidated the batch at its end.
    await refreshBatch(wh, msg.batch_id);
  }
  if (isFinal(state)) return afterFinal(rt, batch, msg, rows, log);
  if (facts.rows && !facts.rows.some(([r]) => r === msg.rows_written) && !state.boundOff) {
    state.boundOff = true;
    log.warn(
      `player ${msg.player_lookup} wrote ${msg.rows_written} staging rows, a count startBatch did not expect; counting every message of this batch`,
      { event: 'completion_bound_off' },
    );
  }
  rows ??= 0;
  if (!decideCount(batch, rows, rt.config.thresholdFraction)) {
    return { fired: [], expected: facts.expected_players };
  }
  const counted = await countPlayers(wh, msg.batch_id);
  const players = counted.players;
  // the rows the count itself saw: later rows can only add players beyond these
  state.lastCount = { players, rows: counted.rows };
  const expected = facts.expected_players;
  const fired: bsql.Milestone[] = [];
  const complete = players >= expected;
  let missed = false;
  if (players >= thresholdCount(expected, rt.config.thresholdFraction) && !state.fired.has('threshold')) {
    // When 100% is reached by the same message the threshold is marked but only `complete` is sent.
    if (
      await fireAndPublish(rt, msg.batch_id, msg.game_date, 'threshold', complete ? null : 'threshold', ctx)
    ) {
      fired.push('threshold');
      logs.milestoneFired(log, 'threshold', players, expected);
    } else missed = true;
    state.fired.add('threshold');
  }
  if (complete) {
    if (await fireAndPublish(rt, msg.batch_id, msg.game_date, 'complete', 'complete', ctx)) {
      fired.push('complete');
      logs.milestoneFired(log, 'complete', players, expected);
      state.fired.add('complete');
      state.rowsAtFinalCheck = rows;
    } else missed = true;
  }
  if (missed) {
    // Someone else fired it, or the final milestone fired first: learn which.
    await refreshBatch(wh, msg.batch_id);
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
      const batch = await refreshBatch(rt.warehouse, b.batch_id);
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
