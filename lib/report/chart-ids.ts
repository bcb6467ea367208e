/**
 * The backtest report's charts: file id and title, in the order the report and the performance page
 * show them. A chart file is `<report name>-<id>.svg` next to the report's JSON and Markdown.
 */

/** Chart ids and titles, in display order. */
export const BACKTEST_CHARTS = [
  { id: 'reliability', title: 'Calibration: P(over) against the observed over rate, by tenth' },
  { id: 'hit-rate', title: 'Hit rate of the main-line picks against the break-even of their prices' },
  { id: 'roi', title: 'ROI of the main-line picks at the best and the consensus price' },
  { id: 'edge', title: 'Hit rate and ROI by edge' },
  { id: 'mae', title: 'Lined MAE per system against the line’s own MAE (same rows)' },
] as const;

/** A chart id. */
export type BacktestChartId = (typeof BACKTEST_CHARTS)[number]['id'];

/** Title of a chart id; the id itself when unknown. */
export function chartTitle(id: string): string {
  return BACKTEST_CHARTS.find((c) => c.id === id)?.title ?? id;
}

/** Position of a chart id in display order (unknown ids last). */
export function chartRank(id: string): number {
  const i = BACKTEST_CHARTS.findIndex((c) => c.id === id);
  return i < 0 ? BACKTEST_CHARTS.length : i;
}
