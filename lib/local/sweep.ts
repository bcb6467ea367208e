/**
 * The deadline on the embedded default: what Cloud Scheduler's sweep does on Google Cloud (a
 * `{kind: "sweep"}` message on prediction-ready every few minutes), done on demand by
 * `nba-props sweep` and at the end of `nba-props run`.
 */
import type { Bus } from '../bus/port';
import { TOPICS } from '../topics';
import type { Warehouse } from '../warehouse/port';
import { OVERDUE_BATCHES } from '../warehouse/sql/batches';

/** What {@link sweepOverdue} needs: a bus it can drain, the warehouse and the clock. */
export interface SweepRuntime {
  bus: Bus & { drain(): Promise<void> };
  warehouse: Warehouse;
  now: () => Date;
}

/**
 * Publishes the sweep when some batch is past its deadline without a final consolidation, and
 * waits until the deadline consolidations and exports it starts have run. Returns the ids of the
 * batches that were overdue (empty, and nothing published, when none was).
 */
export async function sweepOverdue(rt: SweepRuntime): Promise<string[]> {
  const overdue = await rt.warehouse.query<{ batch_id: string }>(OVERDUE_BATCHES, {
    now: rt.now().toISOString(),
  });
  if (overdue.length === 0) return [];
  await rt.bus.publish(TOPICS.ready, { kind: 'sweep' });
  await rt.bus.drain();
  return overdue.map((b) => b.batch_id);
}

/** Options of {@link runLocalSlate}. */
export interface LocalSlateOptions {
  /** YYYY-MM-DD. */
  gameDate: string;
  /** Minimum last-10 minutes average of players without a line (default: the config's). */
  minMinutes?: number;
  correlationId: string;
}

/**
 * Runs one slate on the embedded default as the cloud does: publishes the trigger (with `force`),
 * waits until every message it started has been handled, then sweeps, so a batch that ended below
 * the threshold and is past its deadline is consolidated and exported as the scheduler would do.
 * Returns the trigger's message id and the batches the sweep fired.
 */
export async function runLocalSlate(
  rt: SweepRuntime,
  opts: LocalSlateOptions,
): Promise<{ triggerId: string; swept: string[] }> {
  const triggerId = await rt.bus.publish(TOPICS.trigger, {
    game_date: opts.gameDate,
    force: true,
    correlation_id: opts.correlationId,
    ...(opts.minMinutes !== undefined ? { min_minutes: opts.minMinutes } : {}),
  });
  await rt.bus.drain();
  return { triggerId, swept: await sweepOverdue(rt) };
}
