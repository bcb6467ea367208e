/**
 * What one instance remembers about a batch, so onBatchComplete reads prediction_batches once per
 * batch instead of once per `prediction-ready` message:
 * - the batch's immutable facts (game_date, expected_players, deadline, the staging rows each
 *   expected player writes), read with GET_BATCH the first time the instance sees the batch;
 * - what the instance has learned since: milestones it knows fired (a milestone never un-fires once
 *   its message is out, so this only grows), its last count, and the staging row count it last
 *   checked after the final milestone.
 * Keyed by warehouse, so two runtimes in one process (tests) never share entries; at most
 * {@link BATCH_CACHE_SIZE} batches per warehouse, oldest forgotten first.
 */
import type { Warehouse } from '../warehouse/port';
import type { Milestone } from '../warehouse/sql/batches';
import { getBatch, type BatchRow } from './batches';
import { parseHistogram, type LastCount, type RowsHistogram } from './completion-bound';

/** Batches remembered per warehouse (an instance handles a few batches a day). */
export const BATCH_CACHE_SIZE = 256;

/** Facts of a batch that never change after startBatch wrote the row. */
export interface BatchFacts {
  batch_id: string;
  game_date: string;
  expected_players: number;
  /** ISO UTC. */
  deadline_at: string;
  /** Staging rows per expected player; null for a batch written without them (always count). */
  rows: RowsHistogram | null;
}

/** What this instance has learned about a batch since it read it. */
export interface CompletionState {
  /** Milestones known to have fired (by anyone). */
  fired: Set<Milestone>;
  /** Staging row count when this instance last looked after the final milestone (undefined: never). */
  rowsAtFinalCheck: number | null | undefined;
  /** This instance's last count of distinct players, with the row count read before it. */
  lastCount: LastCount | null;
  /** Set when a player wrote a row count the histogram does not know: the bound is not trusted. */
  boundOff: boolean;
}

/** A remembered batch. */
export interface TrackedBatch {
  facts: BatchFacts;
  state: CompletionState;
  /** Tail of the checks of this batch running in this instance (see {@link withTrackedBatch}). */
  tail: Promise<unknown>;
}

interface Cache {
  batches: Map<string, TrackedBatch>;
  /** Reads in flight, so concurrent first messages of a batch read it once. */
  reading: Map<string, Promise<TrackedBatch>>;
}

const caches = new WeakMap<Warehouse, Cache>();

function cacheOf(wh: Warehouse): Cache {
  let c = caches.get(wh);
  if (!c) {
    c = { batches: new Map(), reading: new Map() };
    caches.set(wh, c);
  }
  return c;
}

/** True when the batch's final milestone (complete or deadline) has fired. */
export function isFinal(state: CompletionState): boolean {
  return state.fired.has('complete') || state.fired.has('deadline');
}

/** Folds a prediction_batches row into the entry of its batch (creating it) and returns it. */
export function rememberBatch(wh: Warehouse, row: BatchRow): TrackedBatch {
  const cache = cacheOf(wh).batches;
  let entry = cache.get(row.batch_id);
  if (!entry) {
    entry = {
      facts: {
        batch_id: row.batch_id,
        game_date: row.game_date,
        expected_players: row.expected_players,
        deadline_at: row.deadline_at,
        rows: parseHistogram(row.expected_rows_json),
      },
      state: { fired: new Set(), rowsAtFinalCheck: undefined, lastCount: null, boundOff: false },
      tail: Promise.resolve(),
    };
    if (cache.size >= BATCH_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(row.batch_id, entry);
  }
  if (row.threshold_fired_at) entry.state.fired.add('threshold');
  if (row.complete_fired_at) entry.state.fired.add('complete');
  if (row.deadline_fired_at) entry.state.fired.add('deadline');
  return entry;
}

/**
 * The remembered batch, reading it (GET_BATCH) the first time.
 * @throws PermanentError(`UNKNOWN_BATCH`) when no such batch exists.
 */
export async function trackedBatch(wh: Warehouse, batchId: string): Promise<TrackedBatch> {
  const cache = cacheOf(wh);
  const hit = cache.batches.get(batchId);
  if (hit) return hit;
  let reading = cache.reading.get(batchId);
  if (!reading) {
    reading = getBatch(wh, batchId)
      .then((row) => rememberBatch(wh, row))
      .finally(() => cache.reading.delete(batchId));
    cache.reading.set(batchId, reading);
  }
  return reading;
}

/**
 * Runs `fn` on the remembered batch after the checks of the same batch already running in this
 * instance, so concurrent messages see what the one before them learned (a milestone it fired)
 * instead of all counting and racing for the same UPDATE.
 * @throws PermanentError(`UNKNOWN_BATCH`), or what `fn` throws.
 */
export async function withTrackedBatch<T>(
  wh: Warehouse,
  batchId: string,
  fn: (batch: TrackedBatch) => Promise<T>,
): Promise<T> {
  const batch = await trackedBatch(wh, batchId);
  const run = batch.tail.then(
    () => fn(batch),
    () => fn(batch),
  );
  batch.tail = run.catch(() => undefined);
  return run;
}

/** Reads the batch again (after a milestone did not fire as expected) and returns the fresh row. */
export async function refreshBatch(wh: Warehouse, batchId: string): Promise<BatchRow> {
  const row = await getBatch(wh, batchId);
  rememberBatch(wh, row);
  return row;
}
