/**
 * The backtest report's charts, one function per chart: each takes the report and returns the
 * echarts option, or null when the report has no data for it (the Markdown and the performance
 * page then say the chart is not in this report yet). {@link renderSvg} renders an option server
 * side to an SVG string with echarts' SSR renderer (`init(null, null, { ssr: true })`).
 */
import * as echarts from 'echarts';
import type { BacktestChartId } from './chart-ids';
import { chartTitle } from './chart-ids';
import type { BacktestReport, ReportSystem } from './types';

/** An echarts option (the library's own type). */
export type ChartOption = echarts.EChartsOption;

/** Size of a rendered chart, pixels. */
export const CHART_SIZE = { width: 720, height: 400 } as const;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const FONT = { fontFamily: 'Liberation Sans, Arial, sans-serif' };

function base(id: BacktestChartId, report: BacktestReport): ChartOption {
  return {
    animation: false,
    textStyle: FONT,
    backgroundColor: '#ffffff',
    title: {
      text: chartTitle(id),
      subtext: `backtest ${report.from} to ${report.to}, main lines, point in time`,
      left: 'center',
      textStyle: { fontSize: 14 },
    },
    grid: { left: 64, right: 24, top: 80, bottom: 56 },
  };
}

/**
 * MAE per system on the rows with a line, next to the line's own MAE on the same rows (the bar a
 * system has to beat). Today's report has both.
 */
export function maeChart(report: BacktestReport): ChartOption | null {
  const rows = report.systems.filter((s) => isNum(s.mae_lined) && isNum(s.mae_of_line));
  if (rows.length === 0) return null;
  const values = rows.flatMap((s) => [s.mae_lined as number, s.mae_of_line as number]);
  const floor = Math.max(0, Math.floor(Math.min(...values) * 2) / 2);
  const label = {
    show: true,
    position: 'top' as const,
    formatter: (p: { value: unknown }) => Number(p.value).toFixed(2),
  };
  return {
    ...base('mae', report),
    legend: { bottom: 0, data: ['system MAE (lined rows)', "line's MAE (same rows)"] },
    xAxis: { type: 'category', data: rows.map((s) => s.system_id), axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', name: `points (axis from ${floor})`, min: floor },
    series: [
      {
        name: 'system MAE (lined rows)',
        type: 'bar',
        data: rows.map((s) => s.mae_lined as number),
        label,
        itemStyle: { color: '#0550ae' },
      },
      {
        name: "line's MAE (same rows)",
        type: 'bar',
        data: rows.map((s) => s.mae_of_line as number),
        label,
        itemStyle: { color: '#8c959f' },
      },
    ],
  };
}

/**
 * Hit rate of each system's OVER/UNDER calls with its slate-bootstrap 95% interval (error bars),
 * against the break-even rate at -110. Today's report has it.
 */
export function hitRateChart(report: BacktestReport): ChartOption | null {
  const rows = report.systems.filter((s) => isNum(s.hit_rate) && (s.calls ?? 0) > 0);
  if (rows.length === 0) return null;
  const be = report.break_even_110;
  const lows = rows.map((s) => s.hit_rate_ci95?.[0] ?? (s.hit_rate as number));
  const highs = rows.map((s) => s.hit_rate_ci95?.[1] ?? (s.hit_rate as number));
  const min = Math.max(0, Math.floor(Math.min(...lows, isNum(be) ? be : 1) * 20) / 20 - 0.05);
  const max = Math.min(1, Math.ceil(Math.max(...highs, isNum(be) ? be : 0) * 20) / 20 + 0.05);
  return {
    ...base('hit-rate', report),
    grid: { left: 64, right: 84, top: 80, bottom: 56 },
    xAxis: {
      type: 'category',
      data: rows.map((s) => `${s.system_id}\n${s.calls} calls`),
      axisLabel: { interval: 0, fontSize: 10 },
    },
    yAxis: { type: 'value', min, max, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      {
        name: 'hit rate',
        type: 'bar',
        barWidth: '40%',
        data: rows.map((s) => s.hit_rate as number),
        itemStyle: { color: '#0550ae' },
        label: {
          show: true,
          position: 'insideBottom',
          color: '#fff',
          formatter: (p: { value: unknown }) => pct(Number(p.value)),
        },
        markLine: isNum(be)
          ? {
              symbol: 'none',
              lineStyle: { color: '#cf222e', type: 'dashed' },
              label: { formatter: `break-even\nat -110\n${pct(be)}`, position: 'end' },
              data: [{ yAxis: be }],
            }
          : undefined,
      },
      {
        name: '95% interval',
        type: 'custom',
        data: rows.map((_, i) => [i, lows[i], highs[i]]),
        renderItem: (_params, api) => {
          const lo = api.coord([api.value(0), api.value(1)]);
          const hi = api.coord([api.value(0), api.value(2)]);
          const cap = 8;
          const style = { stroke: '#1f2328', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0] - cap, y1: lo[1], x2: lo[0] + cap, y2: lo[1] }, style },
              { type: 'line', shape: { x1: hi[0] - cap, y1: hi[1], x2: hi[0] + cap, y2: hi[1] }, style },
            ],
          };
        },
        z: 10,
      },
    ],
  };
}

/**
 * Calibration: per system (and the market), the observed over rate of each bin of predicted P(over)
 * against the bin's mean P, with the diagonal of perfect calibration. Needs `systems[].reliability`.
 */
export function reliabilityChart(report: BacktestReport): ChartOption | null {
  const withBins = [...report.systems, ...(report.market ? [report.market] : [])].filter(
    (s): s is ReportSystem & { reliability: NonNullable<ReportSystem['reliability']> } =>
      Array.isArray(s.reliability) && s.reliability.some((b) => isNum(b.mean_p) && isNum(b.observed)),
  );
  if (withBins.length === 0) return null;
  return {
    ...base('reliability', report),
    legend: { bottom: 0, data: withBins.map((s) => s.system_id) },
    xAxis: {
      type: 'value',
      name: 'predicted P(over)',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => pct(v) },
    },
    yAxis: {
      type: 'value',
      name: 'observed over rate',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => pct(v) },
    },
    series: [
      {
        name: 'perfect calibration',
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#8c959f' },
      },
      ...withBins.map((s) => ({
        name: s.system_id,
        type: 'line' as const,
        data: s.reliability
          .filter((b) => isNum(b.mean_p) && isNum(b.observed))
          .map((b) => [b.mean_p as number, b.observed as number]),
      })),
    ],
  };
}

/**
 * Hit rate (bars) and ROI (line, right axis) of the calls by |edge| bucket, per system. Needs
 * `systems[].by_edge`.
 */
export function edgeChart(report: BacktestReport): ChartOption | null {
  const rows = report.systems.filter((s) => Array.isArray(s.by_edge) && s.by_edge.length > 0);
  if (rows.length === 0) return null;
  const buckets = rows[0].by_edge ?? [];
  const label = (b: { edge_from: number; edge_to: number | null }) =>
    b.edge_to === null ? `${b.edge_from}+` : `${b.edge_from}-${b.edge_to}`;
  const be = report.break_even_110;
  return {
    ...base('edge', report),
    legend: { bottom: 0 },
    xAxis: { type: 'category', name: '|edge|, points', data: buckets.map(label) },
    yAxis: [
      { type: 'value', name: 'hit rate', axisLabel: { formatter: (v: number) => pct(v) } },
      { type: 'value', name: 'ROI', axisLabel: { formatter: (v: number) => pct(v) } },
    ],
    series: rows.flatMap((s) => [
      {
        name: `${s.system_id} hit rate`,
        type: 'bar' as const,
        data: (s.by_edge ?? []).map((b) => b.hit_rate),
        markLine: isNum(be)
          ? { symbol: 'none', data: [{ yAxis: be }], label: { formatter: 'break-even' } }
          : undefined,
      },
      {
        name: `${s.system_id} ROI`,
        type: 'line' as const,
        yAxisIndex: 1,
        data: (s.by_edge ?? []).map((b) => b.roi),
      },
    ]),
  };
}

/** Every chart function by id, in display order. */
export const CHART_BUILDERS: ReadonlyArray<{
  id: BacktestChartId;
  build: (r: BacktestReport) => ChartOption | null;
}> = [
  { id: 'reliability', build: reliabilityChart },
  { id: 'edge', build: edgeChart },
  { id: 'hit-rate', build: hitRateChart },
  { id: 'mae', build: maeChart },
];

/** Renders an option to an SVG document (server side, no DOM). */
export function renderSvg(option: ChartOption, size: { width: number; height: number } = CHART_SIZE): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
