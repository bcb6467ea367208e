import { callCorrect, gradePredictions, type GradablePrediction } from '../../lib/grading/grade';

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
});
