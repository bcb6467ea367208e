/**
 * The date guard of startBatch (lib/data/slate.ts assertDateInData) on the shipped data: the
 * schedule covers 2024-10-22..2026-04-12 and the box scores end on 2026-01-19, so a date more than
 * MAX_HISTORY_GAP_DAYS (7) after 2026-01-19 is refused as stale (2026-01-26 is 7 days after it and
 * still runs; 2026-01-27 is 8), and a date off the schedule is refused with its range.
 */
import { PermanentError } from '../../lib/errors';
import { assertDateInData, MAX_HISTORY_GAP_DAYS } from '../../lib/data/slate';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { testConfig } from '../helpers/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
}, 120_000);
afterAll(async () => rt.warehouse.close());

const refusal = async (date: string) => {
  try {
    await assertDateInData(rt.warehouse, date);
    return null;
  } catch (err) {
    return err instanceof PermanentError ? [err.code, err.message] : err;
  }
};

describe('assertDateInData', () => {
  it('accepts a date up to 7 days after the last box score, with the coverage', async () => {
    expect(MAX_HISTORY_GAP_DAYS).toBe(7);
    const cov = await assertDateInData(rt.warehouse, '2026-01-26');
    expect([cov.first_date, cov.last_date, cov.last_box_score_date]).toEqual([
      '2024-10-22',
      '2026-04-12',
      '2026-01-19',
    ]);
  });

  it('refuses a date 8 days after the last box score as stale', async () => {
    expect(await refusal('2026-01-27')).toEqual([
      'DATE_OUTSIDE_DATA',
      'box scores end on 2026-01-19: a prediction for 2026-01-27 would rest on games at least 8 days old',
    ]);
    expect(await refusal('2026-03-01')).toEqual([
      'DATE_OUTSIDE_DATA',
      'box scores end on 2026-01-19: a prediction for 2026-03-01 would rest on games at least 41 days old',
    ]);
  });

  it('refuses a date off the schedule with the range it covers', async () => {
    expect(await refusal('2024-10-21')).toEqual([
      'DATE_OUTSIDE_DATA',
      'no schedule data for 2024-10-21: the schedule covers 2024-10-22..2026-04-12',
    ]);
  });
});
