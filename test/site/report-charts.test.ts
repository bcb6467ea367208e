/**
 * The backtest report's charts and Markdown, from the shipped report (2025-10-21..2025-12-06):
 * the values in the charts are the report's, the SVGs render server side, and the charts the
 * report has no data for yet are named as such.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edgeChart, hitRateChart, maeChart, reliabilityChart, renderSvg } from '../../lib/report/charts';
import { backtestMarkdown } from '../../lib/report/markdown';
import type { BacktestReport } from '../../lib/report/types';
import { writeReportFiles } from '../../lib/report/write';

const REPORT = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'reports', 'backtest-2025-10-21_2025-12-06.json'), 'utf8'),
) as BacktestReport;

type Series = { name?: string; type?: string; data?: unknown[]; markLine?: { data?: unknown[] } };
const series = (o: { series?: unknown }) => o.series as Series[];

describe('backtest charts', () => {
  it("MAE per system against the line: ensemble_v1's 5.11 on the lined rows next to the line's 4.98", () => {
    const option = maeChart(REPORT)!;
    const [sys, line] = series(option);
    const i = (option.xAxis as { data: string[] }).data.indexOf('ensemble_v1');
    expect([(sys.data![i] as number).toFixed(2), (line.data![i] as number).toFixed(2)]).toEqual([
      '5.11',
      '4.98',
    ]);
  });

  it("hit rate with its interval against break-even: moving_average's 55.5% in 52.5%..58.5%, line at 52.38%", () => {
    const option = hitRateChart(REPORT)!;
    const [bars, ci] = series(option);
    const labels = (option.xAxis as { data: string[] }).data;
    const i = labels.findIndex((l) => l.startsWith('moving_average'));
    expect(labels[i]).toBe('moving_average\n1035 calls');
    expect((bars.data![i] as number).toFixed(3)).toBe('0.555');
    expect((ci.data![i] as number[]).slice(1).map((x) => x.toFixed(3))).toEqual(['0.525', '0.585']);
    expect(bars.markLine?.data).toEqual([{ yAxis: 110 / 210 }]);
  });

  it('has no calibration or edge chart for a report without reliability tables or edge buckets', () => {
    expect(reliabilityChart(REPORT)).toBeNull();
    expect(edgeChart(REPORT)).toBeNull();
  });

  it('draws calibration and edge charts once the report has those fields', () => {
    const withFields: BacktestReport = {
      ...REPORT,
      systems: [
        {
          system_id: 'ensemble_v1',
          reliability: [
            { bin: 0, n: 40, mean_p: 0.35, observed: 0.3 },
            { bin: 1, n: 0, mean_p: null, observed: null },
            { bin: 2, n: 60, mean_p: 0.55, observed: 0.58 },
          ],
          by_edge: [
            { edge_from: 0, edge_to: 2, calls: 100, hit_rate: 0.5, roi: -0.05 },
            { edge_from: 2, edge_to: null, calls: 30, hit_rate: 0.6, roi: 0.12 },
          ],
        },
      ],
    };
    const rel = series(reliabilityChart(withFields)!);
    expect(rel.map((s) => s.name)).toEqual(['perfect calibration', 'ensemble_v1']);
    expect(rel[1].data).toEqual([
      [0.35, 0.3],
      [0.55, 0.58],
    ]); // the empty bin is left out
    const edge = edgeChart(withFields)!;
    expect((edge.xAxis as { data: string[] }).data).toEqual(['0-2', '2+']);
    expect(series(edge).map((s) => s.data)).toEqual([
      [0.5, 0.6],
      [-0.05, 0.12],
    ]);
  });

  it('renders an option to an SVG document server side, with its title and system names', () => {
    const svg = renderSvg(maeChart(REPORT)!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('MAE per system against the line on the same rows');
    expect(svg).toContain('similarity_balanced_v1');
  });
});

describe('backtest report files', () => {
  it('writes the Markdown and the two charts today’s report has, and removes a stale chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nba-props-report-'));
    const json = join(dir, 'backtest-2025-10-21_2025-12-06.json');
    const stale = join(dir, 'backtest-2025-10-21_2025-12-06-reliability.svg');
    writeFileSync(stale, '<svg/>');
    const written = writeReportFiles(json, REPORT).map((p) => p.slice(dir.length + 1));
    expect(written).toEqual([
      'backtest-2025-10-21_2025-12-06-hit-rate.svg',
      'backtest-2025-10-21_2025-12-06-mae.svg',
      'backtest-2025-10-21_2025-12-06.md',
    ]);
    expect(existsSync(stale)).toBe(false);
    const md = readFileSync(join(dir, 'backtest-2025-10-21_2025-12-06.md'), 'utf8');
    // the same row as the README's accuracy table
    expect(md).toContain(
      '| `ensemble_v1` | 5701 | 5.01 | 5.11 | 4.98 | -0.08 | 1125 | 52.6% | 50.2%..55.0% |',
    );
    expect(md).toContain(
      '![MAE per system against the line on the same rows](backtest-2025-10-21_2025-12-06-mae.svg)',
    );
    expect(md).toContain(
      '- Calibration: predicted P(over) against the observed over rate: needs `systems[].reliability`',
    );
  });

  it('lists every chart as missing for a report without systems', () => {
    const md = backtestMarkdown({ from: '2025-11-27', to: '2025-11-27', systems: [] }, new Map());
    expect(md.match(/^- /gm)).toHaveLength(4);
  });
});
