/**
 * The backtest report's charts, from the shipped report (2025-10-21..2025-12-06, 46 slates): the
 * values drawn are the report's own, the SVGs render server side, and a chart a report has no
 * data for (hit rate and ROI by edge, in reports written before the edge buckets) is named as not there.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BacktestReport } from '../../lib/grading/report-markdown';
import {
  edgeChart,
  hitRateChart,
  maeChart,
  MIN_BIN_ROWS,
  reliabilityChart,
  renderSvg,
  roiChart,
} from '../../lib/report/charts';
import { chartsMarkdown, writeReportCharts } from '../../lib/report/write';
import type { BacktestReportView } from '../../site/src/types';

const REPORT = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'reports', 'backtest-2025-10-21_2025-12-06.json'), 'utf8'),
) as BacktestReport;

// The performance page reads the report the backtest writes: this fails to compile if they part.
export const reportIsReadable = (r: BacktestReport): BacktestReportView => r;

type Series = { name?: string; type?: string; data?: unknown[] };
const series = (o: { series?: unknown }) => o.series as Series[];
const categories = (o: { xAxis?: unknown }) => (o.xAxis as { data: string[] }).data;
const ensemble = REPORT.systems.find((s) => s.system_id === 'ensemble_v1')!;

describe('backtest charts', () => {
  it("lined MAE per system against the line's own MAE, each with its interval", () => {
    const option = maeChart(REPORT)!;
    const i = categories(option).findIndex((c) => c.startsWith('ensemble_v1\n'));
    const [sys, line, ci] = series(option);
    expect(sys.data![i]).toBe(ensemble.lined.mae.value);
    expect(line.data![i]).toBe(ensemble.lined.mae_of_line.value);
    expect(ci.data![i]).toEqual([i, ...ensemble.lined.mae.ci95!]);
    expect((sys.data![i] as number).toFixed(2)).toBe('4.97'); // the report's Markdown: 4.968
  });

  it('hit rate of the main-line picks with its interval, next to the break-even of their prices', () => {
    const option = hitRateChart(REPORT)!;
    const i = categories(option).findIndex((c) => c.startsWith('ensemble_v1\n'));
    expect(categories(option)[i]).toBe('ensemble_v1\n41 picks, 51.2%'); // the report's Markdown: 41 picks, 51.2%
    const [bars, breakEven, ci] = series(option);
    expect(bars.data![i]).toBe(ensemble.picks_main.hit_rate.value);
    expect(breakEven.data![i]).toBe(ensemble.picks_main.break_even);
    expect(ci.data![i]).toEqual([i, ...ensemble.picks_main.hit_rate.ci95!]);
  });

  it('ROI at the best and at the consensus price', () => {
    const [best, consensus] = series(roiChart(REPORT)!);
    const values = REPORT.systems.filter((s) => s.picks_main.picks > 0);
    expect(best.data).toEqual(values.map((s) => s.picks_main.roi_best_price.value));
    expect(consensus.data).toEqual(values.map((s) => s.picks_main.roi_consensus_price.value));
  });

  it('calibration of every system and the market, leaving out bins under 30 rows', () => {
    const lines = series(reliabilityChart(REPORT)!);
    expect(lines.map((l) => l.name)).toEqual([
      'calibrated',
      'market (no-vig)',
      ...REPORT.systems.map((s) => s.system_id),
    ]);
    const market = REPORT.market.scores.reliability.filter((b) => b.n >= MIN_BIN_ROWS);
    expect(lines[1].data).toEqual(market.map((b) => [b.mean_p, b.observed]));
    expect(REPORT.market.scores.reliability.some((b) => b.n < MIN_BIN_ROWS)).toBe(true); // the 2-row 0.6 bin
  });

  it('has no edge chart for a report without edge buckets, and draws one when it has them', () => {
    const NO_CI = { hit_rate_ci95: null, roi_ci95: null };
    const without = { ...REPORT, systems: REPORT.systems.map((s) => ({ ...s, picks_by_edge: null })) };
    expect(edgeChart(without)).toBeNull();
    const withBuckets = {
      ...REPORT,
      systems: [
        {
          ...ensemble,
          picks_by_edge: [
            { from: 0, to: 2, picks: 100, hit_rate: 0.5, break_even: 0.52, roi: -0.05, ...NO_CI },
            { from: 2, to: null, picks: 30, hit_rate: 0.6, break_even: 0.5, roi: 0.12, ...NO_CI },
          ],
        },
      ],
    };
    const option = edgeChart(withBuckets)!;
    expect(categories(option)).toEqual(['0-2', '2+']);
    expect(series(option).map((s) => s.data)).toEqual([
      [0.5, 0.6],
      [-0.05, 0.12],
    ]);
  });

  it('renders an option to an SVG document server side, with its title and system names', () => {
    const svg = renderSvg(maeChart(REPORT)!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Lined MAE per system against the line’s own MAE (same rows)');
    expect(svg).toContain('similarity_balanced_v1');
  });
});

describe('backtest report charts on disk', () => {
  it('writes the charts an older report has, removes a stale edge chart, and lists it as missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nba-props-report-'));
    const json = join(dir, 'backtest-2025-10-21_2025-12-06.json');
    const stale = join(dir, 'backtest-2025-10-21_2025-12-06-edge.svg');
    writeFileSync(stale, '<svg/>');
    const older = { ...REPORT, systems: REPORT.systems.map((s) => ({ ...s, picks_by_edge: null })) };
    const charts = writeReportCharts(json, older);
    expect(charts.map((c) => c.file)).toEqual([
      'backtest-2025-10-21_2025-12-06-reliability.svg',
      'backtest-2025-10-21_2025-12-06-hit-rate.svg',
      'backtest-2025-10-21_2025-12-06-roi.svg',
      'backtest-2025-10-21_2025-12-06-mae.svg',
    ]);
    expect(existsSync(stale)).toBe(false);
    for (const c of charts) expect(readFileSync(join(dir, c.file), 'utf8').startsWith('<svg')).toBe(true);
    const md = chartsMarkdown(charts);
    expect(md).toContain(
      '![Lined MAE per system against the line’s own MAE (same rows)](backtest-2025-10-21_2025-12-06-mae.svg)',
    );
    expect(md).toContain('- Hit rate and ROI by edge: needs `systems[].picks_by_edge`');
  });

  it('lists every chart as missing when none was written', () => {
    expect(chartsMarkdown([]).match(/^- /gm)).toHaveLength(5);
  });
});
