/**
 * `v1/performance/systems.json`: every system (and the market) over the last 7 days, the last 30
 * days and the season so far, each window measured by the backtest report's own function
 * (lib/grading/report.ts buildReport) on the graded rows of its dates (REPORT_ROWS). So the season
 * window through D equals `nba-props backtest --from <season's first date> --to D` on the same
 * warehouse, row for row and figure for figure: n, lined MAE next to the line's MAE, Brier and log
 * loss next to the market's, the picks' hit rate next to the break-even of the prices taken and
 * the ROI at the best and consensus prices, each with its slate-bootstrap 95% interval.
 */
import { addDays, seasonOf } from '../dates';
import { BOOTSTRAP_SAMPLES } from '../grading/bootstrap';
import { buildReport, type ReportRow } from '../grading/report';
import type { PerformanceDoc, PerformanceWindow } from './schemas/performance';

/** The windows, newest dates last. `days` counts the end date. */
export const PERFORMANCE_WINDOWS = [
  { id: 'last_7_days', days: 7 },
  { id: 'last_30_days', days: 30 },
  { id: 'season', days: null },
] as const;

/** Id of a window. */
export type WindowId = (typeof PERFORMANCE_WINDOWS)[number]['id'];

/**
 * First date of the season of `date`: October 1 of its start year (lib/dates.ts seasonOf). NBA
 * regular seasons open in late October, so no graded date of the season precedes it.
 */
export function seasonStart(date: string): string {
  return `${seasonOf(date).slice(0, 4)}-10-01`;
}

/** The date range of each window ending on `through` (clipped to the season's start). */
export function windowRanges(through: string): Array<{ id: WindowId; from: string; to: string }> {
  const start = seasonStart(through);
  return PERFORMANCE_WINDOWS.map((w) => {
    const from = w.days === null ? start : addDays(through, -(w.days - 1));
    return { id: w.id, from: from < start ? start : from, to: through };
  });
}

export type { PerformanceDoc, PerformanceWindow };

/** One window from rows already restricted to it. */
export function performanceWindow(from: string, to: string, rows: readonly ReportRow[]): PerformanceWindow {
  const dates = [...new Set(rows.map((r) => r.game_date))].sort();
  return {
    from,
    to,
    first_graded_date: dates[0] ?? null,
    last_graded_date: dates[dates.length - 1] ?? null,
    slates: dates.length,
    rows: rows.length,
    ...buildReport(rows),
  };
}

/**
 * Builds the document from the graded rows of [seasonStart(through), through] (REPORT_ROWS order:
 * date, system, player, line); each window takes its dates' rows in that order.
 */
export function buildPerformance(args: {
  through: string;
  generatedAt: string;
  rows: readonly ReportRow[];
}): PerformanceDoc {
  const windows = {} as Record<WindowId, PerformanceWindow>;
  for (const w of windowRanges(args.through)) {
    windows[w.id] = performanceWindow(
      w.from,
      w.to,
      args.rows.filter((r) => r.game_date >= w.from && r.game_date <= w.to),
    );
  }
  return {
    generated_at: args.generatedAt,
    through: args.through,
    season: seasonOf(args.through),
    interval: {
      level: 0.95,
      method: 'percentile bootstrap over whole slates (dates)',
      samples: BOOTSTRAP_SAMPLES,
    },
    windows,
  };
}
