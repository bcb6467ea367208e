/**
 * Statements on prediction_batches. The row is written by DML INSERT (not streaming, so it can be
 * updated at once) and each milestone fires when a conditional UPDATE affects exactly one row
 * (DESIGN §3). Times are passed as ISO parameters so both engines store the same instant.
 */
import { TABLES, tableToken as t } from '../tables';

const B = t(TABLES.batches);

/** Columns read back by {@link GET_BATCH}. */
export const BATCH_READ_COLUMNS = `batch_id, CAST(game_date AS STRING) AS game_date, correlation_id, created_at,
  expected_players, published_players, ineligible_players, ineligible_json, lined_players, deadline_at,
  threshold_fired_at, complete_fired_at, deadline_fired_at, consolidating_since, consolidated_at,
  consolidated_rows, exported_at, export_path, status, trigger_message_id, expected_rows_json`;

/**
 * Creates a batch row unless one with the same batch_id exists, in ONE statement (the batch id is
 * derived from the trigger's message id, so two deliveries of one trigger compete for one row).
 * Affects 1 row for the delivery that created the batch, 0 for the others. DuckDB runs one
 * statement at a time on the adapter's single connection, so the check and the insert cannot
 * interleave; BigQuery does not serialize INSERTs (an INSERT never conflicts with a concurrent
 * DML statement), so the adapter runs this statement under a job id derived from the batch id
 * (`execute(..., { onceKey })`): BigQuery accepts one job per id, the others wait for its result.
 * @model_state_json records the model state the batch's requests carry (audit of what was fit
 * before the date); @expected_rows_json the staging rows per member (lib/data/completion-bound.ts).
 */
export const CREATE_BATCH = `
INSERT INTO ${B} (batch_id, game_date, correlation_id, created_at, expected_players, published_players,
  ineligible_players, ineligible_json, lined_players, deadline_at, status, trigger_message_id, model_state_json,
  expected_rows_json)
SELECT @batch_id, CAST(@game_date AS DATE), @correlation_id, CAST(@now AS TIMESTAMP), @expected_players, 0,
  @ineligible_players, @ineligible_json, @lined_players, CAST(@deadline_at AS TIMESTAMP), 'running', @trigger_message_id,
  @model_state_json, @expected_rows_json
FROM UNNEST([1]) AS one
WHERE NOT EXISTS (SELECT 1 FROM ${B} WHERE batch_id = @batch_id)`;

/** One batch. Params: @batch_id. */
export const GET_BATCH = `SELECT ${BATCH_READ_COLUMNS} FROM ${B} WHERE batch_id = @batch_id`;

/** The batch started by a trigger message (redelivery guard). Params: @trigger_message_id. */
export const BATCH_OF_TRIGGER = `SELECT ${BATCH_READ_COLUMNS} FROM ${B} WHERE trigger_message_id = @trigger_message_id`;

/** Batches of a date, newest first. Params: @game_date. */
export const BATCHES_OF_DATE = `
SELECT ${BATCH_READ_COLUMNS} FROM ${B}
WHERE game_date = CAST(@game_date AS DATE)
ORDER BY created_at DESC`;

/**
 * The newest run of a date that has been consolidated (by creation, not by consolidation time, so
 * re-consolidating an old batch cannot make it "newest"). Params: @game_date.
 */
export const LATEST_CONSOLIDATED = `
SELECT ${BATCH_READ_COLUMNS} FROM ${B}
WHERE game_date = CAST(@game_date AS DATE) AND consolidated_at IS NOT NULL
ORDER BY created_at DESC, batch_id DESC
LIMIT 1`;

/**
 * A consolidated batch of the same date created after this one: its MERGE moved every shared key
 * to itself, so the older batch is superseded. Params: @game_date, @created_at, @batch_id.
 */
export const NEWER_CONSOLIDATED = `
SELECT ${BATCH_READ_COLUMNS} FROM ${B}
WHERE game_date = CAST(@game_date AS DATE) AND consolidated_at IS NOT NULL
  AND created_at > CAST(@created_at AS TIMESTAMP) AND batch_id <> @batch_id
ORDER BY created_at DESC
LIMIT 1`;

/** Records how many requests were published. Params: @batch_id, @published_players. */
export const SET_PUBLISHED = `UPDATE ${B} SET published_players = @published_players WHERE batch_id = @batch_id`;

/** Milestone columns (each fires at most once). */
export const MILESTONES = {
  threshold: 'threshold_fired_at',
  complete: 'complete_fired_at',
  deadline: 'deadline_fired_at',
} as const;

/** Kind of milestone. */
export type Milestone = keyof typeof MILESTONES;

/**
 * Milestones that must not have fired for a milestone to fire: after the final one (complete or
 * deadline) nothing else fires, so an instance that has not heard of it yet cannot start a second
 * final consolidation.
 */
const BLOCKED_BY: Record<Milestone, readonly Milestone[]> = {
  threshold: ['threshold', 'complete', 'deadline'],
  complete: ['complete', 'deadline'],
  deadline: ['deadline', 'complete'],
};

/** Fires a milestone: affects 1 row the first time, 0 after (or after the final one). Params: @batch_id, @now. */
export function fireMilestone(m: Milestone): string {
  const unfired = BLOCKED_BY[m].map((b) => `${MILESTONES[b]} IS NULL`).join(' AND ');
  return `UPDATE ${B} SET ${MILESTONES[m]} = CAST(@now AS TIMESTAMP) WHERE batch_id = @batch_id AND ${unfired}`;
}

/** Un-fires a milestone when its consolidate message could not be published. Params: @batch_id, @now. */
export function revertMilestone(m: Milestone): string {
  const col = MILESTONES[m];
  return `UPDATE ${B} SET ${col} = NULL WHERE batch_id = @batch_id AND ${col} = CAST(@now AS TIMESTAMP)`;
}

/** Batches past their deadline with no final consolidation yet. Params: @now. */
export const OVERDUE_BATCHES = `
SELECT batch_id, CAST(game_date AS STRING) AS game_date FROM ${B}
WHERE deadline_at <= CAST(@now AS TIMESTAMP) AND complete_fired_at IS NULL AND deadline_fired_at IS NULL
ORDER BY created_at`;

/**
 * Takes the consolidation lease: affects 1 row when no consolidation of the batch is running (or
 * the last one is older than @stale_before, i.e. died). Params: @batch_id, @now, @stale_before.
 */
export const ACQUIRE_LEASE = `
UPDATE ${B} SET consolidating_since = CAST(@now AS TIMESTAMP)
WHERE batch_id = @batch_id
  AND (consolidating_since IS NULL OR consolidating_since < CAST(@stale_before AS TIMESTAMP))`;

/** Releases the lease. Params: @batch_id, @now (the lease's own timestamp). */
export const RELEASE_LEASE = `
UPDATE ${B} SET consolidating_since = NULL
WHERE batch_id = @batch_id AND consolidating_since = CAST(@now AS TIMESTAMP)`;

/** Records a consolidation and releases the lease. Params: @batch_id, @now, @rows, @lease. */
export const SET_CONSOLIDATED = `
UPDATE ${B} SET consolidated_at = CAST(@now AS TIMESTAMP), consolidated_rows = @rows,
  status = 'consolidated', consolidating_since = NULL
WHERE batch_id = @batch_id AND consolidating_since = CAST(@lease AS TIMESTAMP)`;

/** Records an export. Params: @batch_id, @now, @path. */
export const SET_EXPORTED = `
UPDATE ${B} SET exported_at = CAST(@now AS TIMESTAMP), export_path = @path, status = 'exported'
WHERE batch_id = @batch_id`;

/** The newest batches. Params: @limit. */
export const RECENT_BATCHES = `SELECT ${BATCH_READ_COLUMNS} FROM ${B} ORDER BY created_at DESC LIMIT @limit`;

/** The newest game date with a consolidated batch (what `v1/tonight/` may show at most). */
export const NEWEST_CONSOLIDATED_DATE = `
SELECT CAST(MAX(game_date) AS STRING) AS game_date FROM ${B} WHERE consolidated_at IS NOT NULL`;
