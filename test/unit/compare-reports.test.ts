/**
 * The backtest report comparison (bench/compare-reports.ts): counts and strings must be equal;
 * reals may differ only by floating-point summation order; the output file named in `command`
 * and timing fields do not count.
 */
import { largestRealDifference, reportDifferences } from '../../bench/compare-reports';

const report = (mae: number, picks = 10) => ({
  from: '2025-10-21',
  command: 'nba-props backtest --from 2025-10-21 --to 2025-12-06 --out /tmp/a.json',
  systems: [{ system_id: 'ensemble_v1', mae, picks, ci: [0.49, 0.55] }],
  elapsed_ms: 1234,
});

describe('compare reports', () => {
  it('accepts the last-digit differences of summing in another order, and nothing more', () => {
    expect(reportDifferences(report(5.108224872829332), report(5.108224872829332))).toEqual([]);
    expect(reportDifferences(report(5.108224872829332), report(5.1082248728293305))).toEqual([]);
    expect(largestRealDifference(report(5.108224872829332), report(5.1082248728293305))).toBeLessThan(1e-15);
    expect(reportDifferences(report(5.1082), report(5.1083))).toEqual(['$.systems[0].mae: 5.1082 vs 5.1083']);
  });

  it('requires counts to match exactly, and ignores the output file and timings', () => {
    expect(reportDifferences(report(5, 10), report(5, 11))).toEqual(['$.systems[0].picks: 10 vs 11']);
    const b = {
      ...report(5),
      command: report(5).command.replace('/tmp/a.json', '/tmp/b.json'),
      elapsed_ms: 99,
    };
    expect(reportDifferences(report(5), b)).toEqual([]);
    expect(
      reportDifferences(report(5), { ...b, command: 'nba-props backtest --from 2025-10-22' }),
    ).toHaveLength(1);
  });
});
