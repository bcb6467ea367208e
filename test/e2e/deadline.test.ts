/**
 * The deadline on the embedded default, with the shipped real data: a batch that ends below the
 * threshold is consolidated and exported when it is past its deadline, by `nba-props sweep` and at
 * the end of `nba-props run` (both through lib/local/sweep.ts), as the scheduler does on Google Cloud.
 */
import '../../functions';
import type { EventHandler } from '../../lib/bus/local';
import { decodePubSubEvent } from '../../lib/bus/cloudevent';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { runLocalSlate, sweepOverdue } from '../../lib/local/sweep';
import type { PredictionRequest } from '../../lib/messages';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { setRuntime } from '../../lib/runtime';
import { TOPICS, type FunctionName } from '../../lib/topics';
import { stagingTable } from '../../lib/warehouse/tables';
import { testConfig } from '../helpers/runtime';

const DATE = '2025-11-13'; // 3 games
const HOURS = 3_600_000;

/** A runtime whose predictPlayer crashes for every player whose lookup sorts before "m". */
async function runtimeWithCrashes(): Promise<{ rt: LocalRuntime; late: () => void; crashed: Set<string> }> {
  let offset = 0;
  const crashed = new Set<string>();
  const wrapHandler = (name: FunctionName, handler: EventHandler): EventHandler =>
    name !== 'predictPlayer'
      ? handler
      : (ce) => {
          const req = decodePubSubEvent(ce).payload as PredictionRequest;
          if (req.player_lookup < 'm') {
            crashed.add(req.player_lookup);
            throw new Error(`worker crashed on ${req.player_lookup} (test)`);
          }
          return handler(ce);
        };
  const rt = await createLocalRuntime(testConfig(), {
    databasePath: ':memory:',
    now: () => new Date(Date.now() + offset),
    backoffMs: () => 1,
    wrapHandler,
  });
  setRuntime(rt);
  return { rt, late: () => (offset = 2 * HOURS), crashed };
}

describe('the deadline on the embedded default', () => {
  it('consolidates and exports a batch below the threshold at the end of a run past its deadline', async () => {
    const { rt, late, crashed } = await runtimeWithCrashes();
    try {
      rt.bus.on('dead-lettered', late); // the run took longer than the 90-minute deadline
      const { triggerId, swept } = await runLocalSlate(rt, {
        gameDate: DATE,
        correlationId: 'deadline-test',
      });
      const batch = await findBatchOfTrigger(rt.warehouse, triggerId);
      expect(swept).toEqual([batch?.batch_id]);
      expect(batch?.threshold_fired_at).toBeNull(); // below 80%
      expect(batch?.deadline_fired_at).not.toBeNull();
      expect(batch?.status).toBe('exported');
      expect(await rt.warehouse.tableExists(stagingTable(batch?.batch_id ?? ''))).toBe(false);
      expect(crashed.size).toBeGreaterThan(0.2 * (batch?.expected_players ?? 0));
      expect(rt.bus.deadLetters).toHaveLength(crashed.size);
      expect(batch?.consolidated_rows).toBeGreaterThan(0);
      const merged = await rt.warehouse.query<{ n: number }>(
        'SELECT COUNT(DISTINCT player_lookup) AS n FROM {{nba_predictions.player_prop_predictions}} WHERE batch_id = @b',
        { b: batch?.batch_id ?? '' },
      );
      expect(merged[0].n).toBe((batch?.expected_players ?? 0) - crashed.size);
    } finally {
      await rt.warehouse.close();
    }
  });

  it('sweeps a batch left running by an earlier run (nba-props sweep), and nothing when none is overdue', async () => {
    const { rt, late } = await runtimeWithCrashes();
    try {
      const trigger = await rt.bus.publish(TOPICS.trigger, { game_date: DATE, force: true });
      await rt.bus.drain();
      expect(await sweepOverdue(rt)).toEqual([]); // before the deadline
      const running = await findBatchOfTrigger(rt.warehouse, trigger);
      expect(running?.status).toBe('running');
      late();
      expect(await sweepOverdue(rt)).toEqual([running?.batch_id]);
      const swept = await findBatchOfTrigger(rt.warehouse, trigger);
      expect([swept?.status, swept?.deadline_fired_at !== null]).toEqual(['exported', true]);
      expect(await sweepOverdue(rt)).toEqual([]); // fired once
    } finally {
      await rt.warehouse.close();
    }
  });
});
