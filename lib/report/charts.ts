/**
 * The backtest report's charts, one function per chart: each takes the report and returns the
 * echarts option, or null when the report has no data for it (the Markdown and the performance
 * page then say the chart is not in this report yet). {@link renderSvg} renders an option server
 * side to an SVG string with echarts' SSR renderer (`init(null, null, { ssr: true })`). Every
 * interval drawn is the report's slate-bootstrap 95% interval.
 */
import * as echarts from 'echarts';
import type { Estimate } from '../grading/bootstrap';
import { chartTitle, type BacktestChartId } from './chart-ids';
import type { ChartReport } from './types';

/** An echarts option (the library's own type). */
export type ChartOption = echarts.EChartsOption;

/** Size of a rendered chart, pixels. */
export const CHART_SIZE = { width: 720, height: 400 } as const;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const pct = (x: number, d = 0) => `${(100 * x).toFixed(d)}%`;
const COLORS = ['#0550ae', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#57606a'];
const MARKET = '#1f2328';

function base(id: BacktestChartId, report: ChartReport, intervals = true): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: 'Liberation Sans, Arial, sans-serif' },
    backgroundColor: '#ffffff',
    color: COLORS,
    title: {
      text: chartTitle(id),
      subtext: `backtest ${report.from} to ${report.to}, ${report.slates} slates, point in time${intervals ? '; whiskers: 95% slate-bootstrap interval' : ''}`,
      left: 'center',
      textStyle: { fontSize: 14 },
      subtextStyle: { fontSize: 11 },
    },
    grid: { left: 64, right: 24, top: 80, bottom: 64 },
  };
}

/** A custom series drawing a vertical interval [lo, hi] at each category (error bars). */
function intervalSeries(
  name: string,
  bounds: ReadonlyArray<[number, number] | null>,
  offset = 0,
): echarts.CustomSeriesOption {
  return {
    name,
    type: 'custom',
    z: 10,
    encode: { x: 0, y: [1, 2] }, // the axis spans the whole interval
    data: bounds.flatMap((b, i) => (b ? [[i, b[0], b[1]]] : [])),
    renderItem: (_params, api) => {
      const lo = api.coord([api.value(0), api.value(1)]);
      const hi = api.coord([api.value(0), api.value(2)]);
      const x = lo[0] + offset;
      const cap = 6;
      const style = { stroke: '#1f2328', lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x, y1: lo[1], x2: x, y2: hi[1] }, style },
          { type: 'line', shape: { x1: x - cap, y1: lo[1], x2: x + cap, y2: lo[1] }, style },
          { type: 'line', shape: { x1: x - cap, y1: hi[1], x2: x + cap, y2: hi[1] }, style },
        ],
      };
    },
  };
}

const ci = (e: Estimate): [number, number] | null => e.ci95;

/**
 * Calibration: for each system and the market, the observed over rate of each tenth of P(over)
 * against the tenth's mean P, on the diagonal when calibrated. Bins with fewer than
 * {@link MIN_BIN_ROWS} rows are left out (a 2-row bin at 100% says nothing).
 */
export function reliabilityChart(report: ChartReport): ChartOption | null {
  const lines = [
    { name: 'market (no-vig)', bins: report.market.scores.reliability, color: MARKET },
    ...report.systems.map((s, i) => ({
      name: s.system_id,
      bins: s.probability.model.reliability,
      color: COLORS[i % COLORS.length],
    })),
  ]
    .map((l) => ({
      ...l,
      bins: l.bins.filter((b) => b.n >= MIN_BIN_ROWS && isNum(b.mean_p) && isNum(b.observed)),
    }))
    .filter((l) => l.bins.length > 0);
  if (lines.length === 0) return null;
  const all = lines.flatMap((l) => l.bins.flatMap((b) => [b.mean_p, b.observed]));
  const lo = Math.max(0, Math.floor(Math.min(...all) * 50) / 50 - 0.02);
  const hi = Math.min(1, Math.ceil(Math.max(...all) * 50) / 50 + 0.02);
  const axis = (name: string) => ({
    type: 'value' as const,
    name,
    min: lo,
    max: hi,
    axisLabel: { formatter: (v: number) => pct(v) },
  });
  return {
    ...base('reliability', report, false),
    legend: { bottom: 0, itemGap: 6, itemWidth: 16, textStyle: { fontSize: 10 } },
    grid: { left: 64, right: 24, top: 80, bottom: 84 },
    xAxis: { ...axis('mean P(over) of the tenth'), nameLocation: 'middle', nameGap: 28 },
    yAxis: axis('observed over rate'),
    series: [
      {
        name: 'calibrated',
        type: 'line',
        data: [
          [lo, lo],
          [hi, hi],
        ],
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#8c959f' },
        itemStyle: { color: '#8c959f' },
      },
      ...lines.map((l) => ({
        name: l.name,
        type: 'line' as const,
        data: l.bins.map((b) => [b.mean_p, b.observed]),
        lineStyle: { color: l.color },
        itemStyle: { color: l.color },
      })),
    ],
  };
}

/** Rows a reliability bin needs to be drawn. */
export const MIN_BIN_ROWS = 30;

/**
 * Hit rate of each system's main-line picks with its interval, next to the break-even of the
 * prices those picks took (their mean implied probability).
 */
export function hitRateChart(report: ChartReport): ChartOption | null {
  const rows = report.systems.filter((s) => s.picks_main.picks > 0 && isNum(s.picks_main.hit_rate.value));
  if (rows.length === 0) return null;
  const bounds = rows.map((s) => ci(s.picks_main.hit_rate));
  const values = rows.flatMap((s, i) => [
    s.picks_main.hit_rate.value as number,
    s.picks_main.break_even ?? 0.5,
    ...(bounds[i] ?? []),
  ]);
  return {
    ...base('hit-rate', report),
    legend: { bottom: 0, data: ['hit rate', 'break-even of the prices taken'] },
    xAxis: {
      type: 'category',
      data: rows.map(
        (s) =>
          `${s.system_id}\n${s.picks_main.picks} picks, ${pct(s.picks_main.hit_rate.value as number, 1)}`,
      ),
      axisLabel: { interval: 0, fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      min: Math.max(0, Math.floor(Math.min(...values) * 10) / 10),
      max: Math.min(1, Math.ceil(Math.max(...values) * 10) / 10),
      axisLabel: { formatter: (v: number) => pct(v) },
    },
    series: [
      {
        name: 'hit rate',
        type: 'bar',
        barWidth: '40%',
        data: rows.map((s) => s.picks_main.hit_rate.value as number),
      },
      {
        name: 'break-even of the prices taken',
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [44, 3],
        itemStyle: { color: '#cf222e' },
        data: rows.map((s) => s.picks_main.break_even),
      },
      intervalSeries('95% interval', bounds),
    ],
  };
}

/** ROI per unit staked of each system's main-line picks at the best price and at the consensus price. */
export function roiChart(report: ChartReport): ChartOption | null {
  const rows = report.systems.filter(
    (s) => s.picks_main.picks > 0 && isNum(s.picks_main.roi_best_price.value),
  );
  if (rows.length === 0) return null;
  const best = rows.map((s) => s.picks_main.roi_best_price);
  const cons = rows.map((s) => s.picks_main.roi_consensus_price);
  const label = {
    show: true,
    position: 'top' as const,
    formatter: (p: { value: unknown }) => `${(100 * Number(p.value)).toFixed(1)}%`,
  };
  return {
    ...base('roi', report),
    legend: { bottom: 0, data: ['at the best price', 'at the consensus price'] },
    xAxis: {
      type: 'category',
      data: rows.map((s) => `${s.system_id}\n${s.picks_main.picks} picks`),
      axisLabel: { interval: 0, fontSize: 10 },
    },
    yAxis: { type: 'value', name: 'ROI per unit staked', axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      { name: 'at the best price', type: 'bar', data: best.map((e) => e.value), label },
      {
        name: 'at the consensus price',
        type: 'bar',
        data: cons.map((e) => e.value),
        itemStyle: { color: '#8c959f' },
        label,
      },
      intervalSeries('95% interval (best price)', best.map(ci), -CHART_SIZE.width / rows.length / 8),
    ],
  };
}

/**
 * Hit rate (bars) and ROI (line, right axis) of the picks at every priced line by |edge| bucket
 * (|predicted - line|, points), per system (`systems[].picks_by_edge`).
 */
export function edgeChart(report: ChartReport): ChartOption | null {
  const rows = report.systems.filter((s) => Array.isArray(s.picks_by_edge) && s.picks_by_edge.length > 0);
  if (rows.length === 0) return null;
  const buckets = rows[0].picks_by_edge ?? [];
  const label = (b: { from: number; to: number | null }) =>
    b.to === null ? `${b.from}+` : `${b.from}-${b.to}`;
  return {
    ...base('edge', report, false),
    // two legend entries a system wrap to three rows: room for them below the axis
    grid: { left: 64, right: 56, top: 80, bottom: 120 },
    legend: { bottom: 0 },
    xAxis: {
      type: 'category',
      name: '|edge|, points',
      nameLocation: 'middle',
      nameGap: 28,
      data: buckets.map(label),
    },
    yAxis: [
      { type: 'value', name: 'hit rate', axisLabel: { formatter: (v: number) => pct(v) } },
      { type: 'value', name: 'ROI', axisLabel: { formatter: (v: number) => pct(v) } },
    ],
    series: rows.flatMap((s) => [
      {
        name: `${s.system_id} hit rate`,
        type: 'bar' as const,
        data: (s.picks_by_edge ?? []).map((b) => b.hit_rate),
      },
      {
        name: `${s.system_id} ROI`,
        type: 'line' as const,
        yAxisIndex: 1,
        data: (s.picks_by_edge ?? []).map((b) => b.roi),
      },
    ]),
  };
}

/** Lined MAE of each system next to the line's own MAE on the same rows, with intervals. */
export function maeChart(report: ChartReport): ChartOption | null {
  const rows = report.systems.filter((s) => isNum(s.lined.mae.value) && isNum(s.lined.mae_of_line.value));
  if (rows.length === 0) return null;
  const values = rows.flatMap((s) => [
    s.lined.mae.ci95?.[0] ?? (s.lined.mae.value as number),
    s.lined.mae_of_line.value as number,
  ]);
  const floor = Math.max(0, Math.floor(Math.min(...values) * 2) / 2);
  const label = {
    show: true,
    position: 'insideBottom' as const,
    color: '#fff',
    formatter: (p: { value: unknown }) => Number(p.value).toFixed(2),
  };
  return {
    ...base('mae', report),
    legend: { bottom: 0, data: ['system (lined rows)', "the line's own MAE"] },
    xAxis: {
      type: 'category',
      data: rows.map((s) => `${s.system_id}\n${s.lined.n} rows`),
      axisLabel: { interval: 0, fontSize: 10 },
    },
    yAxis: { type: 'value', name: `points (axis from ${floor})`, min: floor },
    series: [
      { name: 'system (lined rows)', type: 'bar', data: rows.map((s) => s.lined.mae.value as number), label },
      {
        name: "the line's own MAE",
        type: 'bar',
        data: rows.map((s) => s.lined.mae_of_line.value as number),
        itemStyle: { color: '#8c959f' },
        label,
      },
      intervalSeries(
        '95% interval (system)',
        rows.map((s) => ci(s.lined.mae)),
        -CHART_SIZE.width / rows.length / 8,
      ),
    ],
  };
}

/** Every chart function by id, in display order. */
export const CHART_BUILDERS: ReadonlyArray<{
  id: BacktestChartId;
  build: (r: ChartReport) => ChartOption | null;
}> = [
  { id: 'reliability', build: reliabilityChart },
  { id: 'hit-rate', build: hitRateChart },
  { id: 'roi', build: roiChart },
  { id: 'edge', build: edgeChart },
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
