/**
 * Typed access to prediction_batches through the warehouse port (the statements are in
 * lib/warehouse/sql/batches.ts).
 */
import { PermanentError } from '../errors';
import type { Warehouse } from '../warehouse/port';
import * as sql from '../warehouse/sql/batches';

/** A prediction_batches row. Times are ISO strings or null. */
export interface BatchRow {
  batch_id: string;
  game_date: string;
  correlation_id: string | null;
  created_at: string;
  expected_players: number;
  published_players: number | null;
  ineligible_players: number | null;
  ineligible_json: string | null;
  lined_players: number | null;
  deadline_at: string;
  threshold_fired_at: string | null;
  complete_fired_at: string | null;
  deadline_fired_at: string | null;
  consolidating_since: string | null;
  consolidated_at: string | null;
  consolidated_rows: number | null;
  exported_at: string | null;
  export_path: string | null;
  status: string;
  trigger_message_id: string | null;
  /** Staging rows per expected player, JSON `{"<rows>": <players>}` (lib/data/completion-bound.ts). */
  expected_rows_json: string | null;
}

/** The batch, or null. */
export async function findBatch(wh: Warehouse, batchId: string): Promise<BatchRow | null> {
  const rows = await wh.query<BatchRow>(sql.GET_BATCH, { batch_id: batchId });
  return rows[0] ?? null;
}

/**
 * The batch.
 * @throws PermanentError(`UNKNOWN_BATCH`) when no such batch exists.
 */
export async function getBatch(wh: Warehouse, batchId: string): Promise<BatchRow> {
  const b = await findBatch(wh, batchId);
  if (!b) {
    throw new PermanentError(
      'UNKNOWN_BATCH',
      `batch_id: batch ${batchId} does not exist in prediction_batches`,
      {
        field: 'batch_id',
      },
    );
  }
  return b;
}

/** Fires a milestone; true when this call fired it (the UPDATE affected exactly one row). */
export async function fireMilestone(
  wh: Warehouse,
  batchId: string,
  m: sql.Milestone,
  now: string,
): Promise<boolean> {
  return (await wh.execute(sql.fireMilestone(m), { batch_id: batchId, now })) === 1;
}

/** The batch a trigger message started, or null. */
export async function findBatchOfTrigger(wh: Warehouse, triggerMessageId: string): Promise<BatchRow | null> {
  const rows = await wh.query<BatchRow>(sql.BATCH_OF_TRIGGER, { trigger_message_id: triggerMessageId });
  return rows[0] ?? null;
}

/**
 * Throws when a later run of the same date has been consolidated: the older batch's rows now
 * belong to it, so exporting or consolidating the older one would publish a partial slate.
 * @throws PermanentError(`SUPERSEDED_BATCH`) naming both batches.
 */
export async function assertNotSuperseded(wh: Warehouse, batch: BatchRow): Promise<void> {
  const [newer] = await wh.query<BatchRow>(sql.NEWER_CONSOLIDATED, {
    game_date: batch.game_date,
    created_at: batch.created_at,
    batch_id: batch.batch_id,
  });
  if (newer) {
    throw new PermanentError(
      'SUPERSEDED_BATCH',
      `batch ${batch.batch_id} was superseded by ${newer.batch_id}, a later run of ${batch.game_date}: its predictions now belong to that batch; use ${newer.batch_id} (or leave the batch out)`,
      { field: 'batch_id' },
    );
  }
}
