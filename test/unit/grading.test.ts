/**
 * Grading on DuckDB with the MERGE BigQuery runs (lib/warehouse/sql/grading.ts), on a hand-made
 * night (test/helpers/grading.ts): the value of each pick at its price, a push, voids, a player
 * exported from the earlier run because the later run was cut short, reruns, corrections, and
 * box scores that arrive late.
 */
import { boxScoreDeadline, easternInstant, resultsDueAt } from '../../lib/grading/grade';
import { pickProfit, type ReportRow } from '../../lib/grading/report';
import { BoxScoresPendingError, gradeDate } from '../../lib/data/grading';
import { PREDICTIONS_SPEC } from '../../lib/warehouse/schema';
import { REPORT_ROWS } from '../../lib/warehouse/sql/grading';
import { insertBatch } from '../helpers/runtime';
import { D, RUN_A, RUN_B, accuracyRows, gradingRuntime, prediction } from '../helpers/grading';

const MORNING_AFTER = () => new Date('2025-12-05T10:00:00Z'); // 05:00 ET
const byPlayer = (rows: Array<Record<string, unknown>>, player: string, system = 'ensemble_v1') =>
  rows.filter((r) => r.player_lookup === player && r.system_id === system);

describe('grading a night', () => {
  it('prices each pick at the price it took: +150 win 1.5, -120 win 0.833, loss -1, push 0', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    const g = await gradeDate(rt, D);
    expect(g.status).toBe('complete');
    const rows = await accuracyRows(rt);
    const one = (p: string, system?: string) => {
      const [r] = byPlayer(rows, p, system);
      return [r.actual_points, r.line_result, r.result, r.price_odds, r.profit_units, r.prediction_correct];
    };
    expect(one('plusonefifty')).toEqual([24, 'OVER', 'win', 150, 1.5, true]);
    expect(one('minustwenty')).toEqual([18, 'UNDER', 'win', -120, 100 / 120, true]);
    expect(Number(byPlayer(rows, 'minustwenty')[0].profit_units).toFixed(3)).toBe('0.833');
    expect(one('loser')).toEqual([15, 'UNDER', 'loss', -110, -1, false]);
    expect(one('pusher')).toEqual([20, 'PUSH', 'push', -110, 0, null]);
    // a PASS is graded (its error and how the points went) but has no pick result
    expect(one('passer')).toEqual([25, 'OVER', null, null, null, null]);
    expect(byPlayer(rows, 'passer')[0].absolute_error).toBe(3); // |22 - 25|
    // another system's ladder-line pick: 24 > 22.5 at +120
    expect(one('plusonefifty', 'moving_average')).toEqual([24, 'OVER', 'win', 120, 1.2, true]);
  });

  it('voids a player with no box-score row, and one whose row has 0 minutes: no win, loss or MAE', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    const g = await gradeDate(rt, D);
    const rows = await accuracyRows(rt);
    for (const [player, minutes] of [
      ['dnp', null],
      ['zeromin', 0],
    ] as const) {
      const [r] = byPlayer(rows, player);
      expect([
        r.actual_points,
        r.minutes,
        r.absolute_error,
        r.signed_error,
        r.result,
        r.profit_units,
      ]).toEqual([null, minutes, null, null, 'void', 0]);
      expect(r.prediction_correct).toBeNull();
    }
    expect(g.void_players).toBe(2);
    // the report and the model's calibration read played rows only
    const report = await rt.warehouse.query<ReportRow>(REPORT_ROWS, { from_date: D, to_date: D });
    expect(report).toHaveLength(rows.length - 2);
  });

  it("grades every exported player: those of the earlier run and the cut-short run's own", async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    await gradeDate(rt, D);
    const rows = await accuracyRows(rt);
    // onlya was never reached by run B: exported, and graded, from run A (UNDER 11.5, scored 9)
    expect(byPlayer(rows, 'onlya').map((r) => [r.batch_id, r.line_value, r.result])).toEqual([
      [RUN_A, 11.5, 'win'],
    ]);
    // cut was predicted again by run B: only that row is exported and graded (UNDER 15.5 at +105, scored 15)
    expect(byPlayer(rows, 'cut').map((r) => [r.batch_id, r.line_value, r.result, r.profit_units])).toEqual([
      [RUN_B, 15.5, 'win', 1.05],
    ]);
    // 10 exported rows (11 predictions, one superseded)
    expect(rows).toHaveLength(10);
  });

  it('changes nothing when run again, graded_at included', async () => {
    let now = MORNING_AFTER();
    const rt = await gradingRuntime(() => now);
    const first = await gradeDate(rt, D);
    expect(first.changed_rows).toBe(10);
    const before = await accuracyRows(rt);
    now = new Date('2025-12-05T14:00:00Z');
    const second = await gradeDate(rt, D);
    expect(second.changed_rows).toBe(0);
    expect(await accuracyRows(rt)).toEqual(before);
  });

  it('regrades a corrected box score, and drops the rows of a player a newer run replaced', async () => {
    let now = MORNING_AFTER();
    const rt = await gradingRuntime(() => now);
    await gradeDate(rt, D);
    now = new Date('2025-12-05T15:00:00Z');
    await rt.warehouse.execute(
      "UPDATE {{nba_analytics.player_game_summary}} SET points = 21 WHERE player_lookup = 'loser'",
    );
    // a third run, consolidated later, predicted onlya again at 12.5
    await insertBatch(rt.warehouse, {
      batch_id: 'batch_2025_12_04_c',
      game_date: D,
      created: '2025-12-04T18:00:00.000Z',
      consolidated: '2025-12-04T18:10:00.000Z',
    });
    await rt.warehouse.load(PREDICTIONS_SPEC, [
      prediction({
        player_lookup: 'onlya',
        game_id: 'g2',
        batch_id: 'batch_2025_12_04_c',
        line_value: 12.5,
        recommendation: 'UNDER',
        price_side: 'UNDER',
        price_odds: -110,
      }),
    ]);
    const g = await gradeDate(rt, D);
    expect(g.changed_rows).toBe(3); // loser updated, onlya's old row deleted, its new row inserted
    const rows = await accuracyRows(rt);
    expect(byPlayer(rows, 'loser').map((r) => [r.actual_points, r.result, r.profit_units])).toEqual([
      [21, 'win', 100 / 110],
    ]);
    expect(byPlayer(rows, 'loser')[0].graded_at).toBe('2025-12-05T15:00:00.000Z');
    expect(byPlayer(rows, 'plusonefifty')[0].graded_at).toBe('2025-12-05T10:00:00.000Z');
    expect(byPlayer(rows, 'onlya').map((r) => [r.batch_id, r.line_value])).toEqual([
      ['batch_2025_12_04_c', 12.5],
    ]);
  });

  it('waits for missing box scores until 36 h after the last tip, then grades the games that are in', async () => {
    let now = MORNING_AFTER();
    const rt = await gradingRuntime(() => now, ['g1']);
    const err = await gradeDate(rt, D).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BoxScoresPendingError);
    expect((err as BoxScoresPendingError).missingGames).toEqual(['g2']);
    // last tip 2025-12-05T03:00Z + 36 h
    expect((err as BoxScoresPendingError).deadline.toISOString()).toBe('2025-12-06T15:00:00.000Z');
    expect(await accuracyRows(rt)).toEqual([]); // nothing graded while waiting

    now = new Date('2025-12-06T15:00:00Z');
    const g = await gradeDate(rt, D);
    expect([g.status, g.missing_games]).toEqual(['partial', ['g2']]);
    const rows = await accuracyRows(rt);
    expect(rows.every((r) => r.game_id === 'g1')).toBe(true);
    expect(rows).toHaveLength(8); // g2's players are not voided: they are not graded yet
  });

  it('computes the same profit in SQL as the report does in TypeScript', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    await gradeDate(rt, D);
    const rows = await rt.warehouse.query<ReportRow & { profit_units: number }>(
      `SELECT p.recommendation, p.line_value, a.actual_points, a.price_odds, a.profit_units
       FROM {{nba_predictions.prediction_accuracy}} AS a JOIN {{nba_predictions.player_prop_predictions}} AS p
         ON p.prediction_id = a.prediction_id
       WHERE a.result IN ('win', 'loss', 'push')`,
    );
    expect(rows).toHaveLength(7); // the 9 picks less the 2 voids
    for (const r of rows) expect(r.profit_units).toBeCloseTo(pickProfit(r, r.price_odds as number), 12);
  });

  it('does nothing for a date nothing was exported for', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    const g = await gradeDate(rt, '2025-12-05');
    expect([g.status, g.graded_rows, g.games]).toEqual(['none', 0, []]);
  });
});

describe('the instants around grading', () => {
  it('puts 09:00 ET at 14:00Z in winter and 13:00Z in summer time', () => {
    expect(easternInstant('2025-12-05', 9).toISOString()).toBe('2025-12-05T14:00:00.000Z');
    expect(easternInstant('2025-10-22', 9).toISOString()).toBe('2025-10-22T13:00:00.000Z');
    expect(resultsDueAt('2025-12-04', 9).toISOString()).toBe('2025-12-05T14:00:00.000Z');
  });

  it('waits from the last known tip-off, or from midnight ET after the date', () => {
    expect(
      boxScoreDeadline(
        '2025-12-04',
        ['2025-12-05T00:10:00.000Z', null, '2025-12-05T03:00:00.000Z'],
        36,
      ).toISOString(),
    ).toBe('2025-12-06T15:00:00.000Z');
    // no tip-off known: 2025-12-05 00:00 ET = 05:00Z, + 36 h
    expect(boxScoreDeadline('2025-12-04', [null], 36).toISOString()).toBe('2025-12-06T17:00:00.000Z');
  });
});
