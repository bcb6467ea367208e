/**
 * The model state of a date (calibrations and the anchor weight) is fit on graded dates before it
 * only: with later dates run and graded, and after every row dated on or after the date is deleted
 * (except the date's own schedule and lines), the date gets the same p_over on every row.
 */
import '../../functions';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { gradeDate } from '../../lib/data/grading';
import { loadModelState } from '../../lib/data/slate';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { TABLES, tableToken as t } from '../../lib/warehouse/tables';
import { testConfig } from '../helpers/runtime';

let rt: LocalRuntime;
const D = '2025-11-05';

beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
  setRuntime(rt);
});
afterAll(() => rt.warehouse.close());

async function runAndGrade(gameDate: string, grade = true): Promise<string> {
  const trigger = await rt.bus.publish(TOPICS.trigger, { game_date: gameDate, force: true });
  await rt.bus.drain();
  const batch = await findBatchOfTrigger(rt.warehouse, trigger);
  if (!batch?.consolidated_at) throw new Error(`${gameDate} did not consolidate`);
  if (grade) await gradeDate(rt, gameDate);
  return batch.batch_id;
}

async function pOverOf(batchId: string): Promise<Map<string, number | null>> {
  const rows = await rt.warehouse.query<{ k: string; p_over: number | null }>(
    `SELECT player_lookup || '|' || system_id || '|' || CAST(line_key AS STRING) AS k, p_over
     FROM ${t(TABLES.predictions)} WHERE batch_id = @b`,
    { b: batchId },
  );
  return new Map(rows.map((r) => [r.k, r.p_over]));
}

describe('calibration point in time', () => {
  it('gives the same p_over for a date when every later row is deleted', async () => {
    await runAndGrade('2025-11-03');
    await runAndGrade('2025-11-04');
    await runAndGrade('2025-11-06'); // a later date, graded: must not feed 2025-11-05
    const state = await loadModelState(rt.warehouse, D);
    expect(state.calibrations.ensemble_v1.rows).toBeGreaterThan(200); // two graded slates, not the prior
    const before = await pOverOf(await runAndGrade(D, false));
    expect(before.size).toBeGreaterThan(1000);

    const wh = rt.warehouse;
    for (const table of [
      TABLES.accuracy,
      TABLES.predictions,
      TABLES.playerGameSummary,
      TABLES.teamGameSummary,
    ]) {
      await wh.execute(`DELETE FROM ${t(table)} WHERE game_date >= CAST(@d AS DATE)`, { d: D });
    }
    for (const table of [TABLES.odds, TABLES.schedule]) {
      await wh.execute(`DELETE FROM ${t(table)} WHERE game_date > CAST(@d AS DATE)`, { d: D });
    }
    expect(await loadModelState(wh, D)).toEqual(state);
    const after = await pOverOf(await runAndGrade(D, false));
    expect(after.size).toBe(before.size);
    const differ = [...before].filter(([k, p]) => after.get(k) !== p);
    expect(differ).toEqual([]);
  }, 240_000); // five real slates: ~30 s on a quiet 2-core machine, more when it is shared
});
