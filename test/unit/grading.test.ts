import { callCorrect, gradePredictions, type GradablePrediction } from '../../lib/grading/grade';
import { BREAK_EVEN_110, slateBootstrap, summarize, type GradedPoint } from '../../lib/grading/summary';

describe('grading', () => {
  it('wins OVER above the line, UNDER below, and pushes on the line', () => {
    expect(callCorrect('OVER', 20.5, 21)).toBe(true);
    expect(callCorrect('OVER', 20.5, 20)).toBe(false);
    expect(callCorrect('UNDER', 20.5, 20)).toBe(true);
    expect(callCorrect('UNDER', 21, 21)).toBeNull();
    expect(callCorrect('PASS', 20.5, 30)).toBeNull();
    expect(callCorrect('NO_LINE', null, 30)).toBeNull();
  });

  it('grades played players and voids the ones who did not play', () => {
    const p = (
      player_lookup: string,
      predicted_points: number | null,
      recommendation = 'OVER',
    ): GradablePrediction => ({
      prediction_id: player_lookup,
      game_id: 'g',
      game_date: '2025-12-05',
      player_lookup,
      system_id: 'moving_average',
      line_key: 205,
      line_value: 20.5,
      is_main_line: true,
      predicted_points,
      recommendation,
      over_odds: -110,
      under_odds: -110,
    });
    const rows = gradePredictions(
      [p('a', 24), p('b', 18, 'UNDER'), p('dnp', 30), p('c', null, 'PASS')],
      new Map([
        ['a', { player_lookup: 'a', points: 19, minutes: 30 }],
        ['b', { player_lookup: 'b', points: 15, minutes: 25 }],
        ['c', { player_lookup: 'c', points: 10, minutes: 12 }],
      ]),
      '2025-12-06T10:00:00.000Z',
    );
    expect(
      rows.map((r) => [r.player_lookup, r.absolute_error, r.signed_error, r.prediction_correct]),
    ).toEqual([
      ['a', 5, 5, false],
      ['b', 3, 3, true],
      ['c', null, null, null],
    ]);
  });

  it('summarizes MAE, bias and hit rate per system', () => {
    const pt = (game_date: string, err: number, correct: boolean | null): GradedPoint => ({
      game_date,
      system_id: 's',
      absolute_error: Math.abs(err),
      signed_error: err,
      prediction_correct: correct,
      has_line: true,
      line_value: 20.5,
      actual_points: 22,
    });
    const [s] = summarize(
      [pt('d1', 2, true), pt('d1', -4, false), pt('d2', 3, true), pt('d2', 1, null)],
      200,
    );
    expect(s.mae).toBe(2.5);
    expect(s.bias).toBe(0.5);
    expect(s.mae_of_line).toBe(1.5);
    expect([s.calls, s.wins, s.hit_rate, s.slates]).toEqual([3, 2, 2 / 3, 2]);
    expect(BREAK_EVEN_110).toBeCloseTo(0.5238, 4);
  });

  it('bootstraps over slates: one slate gives no interval; the same seed gives the same interval', () => {
    expect(slateBootstrap([{ wins: 6, calls: 10 }], 100)).toBeNull();
    const slates = [
      { wins: 3, calls: 10 },
      { wins: 7, calls: 10 },
      { wins: 5, calls: 10 },
    ];
    const ci = slateBootstrap(slates, 1000);
    expect(ci).toEqual(slateBootstrap(slates, 1000));
    expect(ci?.[0]).toBeGreaterThanOrEqual(0.3);
    expect(ci?.[1]).toBeLessThanOrEqual(0.7);
    expect(slateBootstrap([{ wins: 0, calls: 0 }], 10)).toBeNull();
  });
});
