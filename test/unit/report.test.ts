import { estimate, slateInterval } from '../../lib/grading/bootstrap';
import {
  EDGE_BUCKETS,
  pickBuckets,
  pickProfit,
  pickResults,
  probabilityScores,
  systemReport,
  type ReportRow,
} from '../../lib/grading/report';

const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  game_date: '2025-12-01',
  system_id: 'ensemble_v1',
  line_value: 20.5,
  is_main_line: true,
  actual_points: 25,
  predicted_points: 21,
  p_over: 0.6,
  market_p_over: 0.5,
  recommendation: 'PASS',
  pass_reason: 'NO_EDGE',
  price_side: 'OVER',
  price_odds: -110,
  over_odds: -115,
  under_odds: -105,
  ...over,
});

describe('probability scores', () => {
  it('scores p = 0.6 on one over and one under: Brier (0.16 + 0.36) / 2 = 0.26, log loss 0.7136', () => {
    const s = probabilityScores(
      [row({ actual_points: 25 }), row({ actual_points: 10 })],
      (r) => r.p_over ?? 0,
    );
    expect(s.brier).toBeCloseTo(0.26, 12);
    expect(s.log_loss).toBeCloseTo(-(Math.log(0.6) + Math.log(0.4)) / 2, 12);
    expect(s.reliability).toEqual([{ bin: 0.6, n: 2, mean_p: 0.6, observed: 0.5 }]);
  });
});

describe('picks', () => {
  it('pays +150 as 1.5 units, -120 as 0.833, a loss as -1 and a push as 0', () => {
    expect(pickProfit(row({ recommendation: 'OVER', actual_points: 25 }), 150)).toBe(1.5);
    expect(pickProfit(row({ recommendation: 'UNDER', actual_points: 10 }), -120)).toBeCloseTo(0.8333, 4);
    expect(pickProfit(row({ recommendation: 'OVER', actual_points: 10 }), -110)).toBe(-1);
    expect(pickProfit(row({ recommendation: 'OVER', line_value: 20, actual_points: 20 }), -110)).toBe(0);
  });

  it('gives the hit rate, the break-even of the prices taken and ROI at the best and the consensus price', () => {
    const r = pickResults([
      row({ recommendation: 'OVER', price_odds: 150, over_odds: 120, actual_points: 25 }),
      row({
        recommendation: 'UNDER',
        price_odds: -120,
        under_odds: -130,
        actual_points: 10,
        game_date: '2025-12-02',
      }),
      row({
        recommendation: 'OVER',
        price_odds: -110,
        over_odds: -110,
        actual_points: 10,
        game_date: '2025-12-02',
      }),
      row({ recommendation: 'PASS' }),
    ]);
    expect([r.picks, r.wins, r.losses, r.pushes]).toEqual([3, 2, 1, 0]);
    expect(r.hit_rate.value).toBeCloseTo(2 / 3, 12);
    // implied: 100/250 = 0.4, 120/220 = 0.5455, 110/210 = 0.5238
    expect(r.break_even).toBeCloseTo((0.4 + 120 / 220 + 110 / 210) / 3, 12);
    expect(r.roi_best_price.value).toBeCloseTo((1.5 + 100 / 120 - 1) / 3, 12);
    expect(r.roi_consensus_price.value).toBeCloseTo((1.2 + 100 / 130 - 1) / 3, 12);
    expect(r.leakage_warning).toBeNull();
  });

  it('warns of leakage above a 70% hit rate on 30 picks or more', () => {
    const picks = Array.from({ length: 30 }, (_, i) =>
      row({
        recommendation: 'OVER',
        actual_points: i < 25 ? 25 : 10,
        game_date: `2025-11-${String(1 + (i % 9)).padStart(2, '0')}`,
      }),
    );
    expect(pickResults(picks).leakage_warning).toContain('83.3% on 30 picks');
  });
});

describe('picks by bucket', () => {
  it('groups picks by |edge|: an OVER won at +100 with edge 0.5 and one lost at -110 with edge 3', () => {
    const rows = [
      row({ recommendation: 'OVER', price_odds: 100, predicted_points: 21, actual_points: 25 }), // |21 - 20.5| = 0.5
      row({ recommendation: 'OVER', price_odds: -110, predicted_points: 23.5, actual_points: 10 }), // 3
      row({ recommendation: 'PASS', predicted_points: 30 }), // not a pick
    ];
    const b = pickBuckets(
      rows,
      (r) => Math.abs((r.predicted_points ?? 0) - (r.line_value ?? 0)),
      EDGE_BUCKETS,
    );
    expect(b.map((x) => [x.from, x.to, x.picks, x.hit_rate, x.roi])).toEqual([
      [0, 1, 1, 1, 1],
      [1, 2, 0, null, null],
      [2, 4, 1, 0, -1],
      [4, null, 0, null, null],
    ]);
    expect(b[2].break_even).toBeCloseTo(110 / 210, 12);
    expect([b[1].roi_ci95, b[1].hit_rate_ci95]).toEqual([null, null]); // no picks, no interval
  });
});

describe('system report', () => {
  it("puts the system's lined MAE next to the line's on the same rows, unlined rows apart", () => {
    const rows = [
      row({ predicted_points: 21, actual_points: 25 }), // |21-25| = 4, line |20.5-25| = 4.5
      row({ predicted_points: 18, actual_points: 16, game_date: '2025-12-02' }), // 2 vs 4.5
      row({
        line_value: null,
        is_main_line: null,
        predicted_points: 10,
        actual_points: 13,
        recommendation: 'NO_LINE',
        pass_reason: 'NO_LINE',
      }),
      row({ is_main_line: false, line_value: 21.5, recommendation: 'OVER', price_odds: 100 }), // a ladder pick
    ];
    const r = systemReport('ensemble_v1', rows);
    expect(r.lined.n).toBe(2);
    expect(r.lined.mae.value).toBe(3);
    expect(r.lined.mae_of_line.value).toBe(4.5);
    expect(r.lined.mae_minus_line.value).toBe(-1.5);
    expect([r.unlined.n, r.unlined.mae.value]).toEqual([1, 3]);
    expect(r.pass_reasons).toEqual({ NO_EDGE: 2, NO_LINE: 1 });
    expect(r.picks_main.picks).toBe(0);
    expect(r.picks_all_lines.picks).toBe(1);
  });
});

describe('slate bootstrap', () => {
  it('needs two slates; identical slates give a zero-width interval; the same seed repeats', () => {
    expect(slateInterval([{ num: 6, den: 10 }])).toBeNull();
    expect(
      slateInterval(
        [
          { num: 5, den: 10 },
          { num: 5, den: 10 },
        ],
        200,
      ),
    ).toEqual([0.5, 0.5]);
    const slates = [
      { num: 3, den: 10 },
      { num: 7, den: 10 },
      { num: 5, den: 10 },
    ];
    expect(slateInterval(slates, 500)).toEqual(slateInterval(slates, 500));
  });

  it('estimates a ratio over rows grouped by date', () => {
    const e = estimate(
      [
        { game_date: 'a', x: 1 },
        { game_date: 'a', x: 0 },
        { game_date: 'b', x: 1 },
      ],
      (r) => r.x,
    );
    expect(e.value).toBeCloseTo(2 / 3, 12);
    expect(e.n).toBe(3);
  });
});
