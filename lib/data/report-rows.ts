/**
 * The graded rows of a date range (REPORT_ROWS) for the performance and best-bets exports, read
 * once per message: both exports of the daily message read the same season.
 */
import type { ReportRow } from '../grading/report';
import type { Runtime } from '../runtime';
import { REPORT_ROWS } from '../warehouse/sql/grading';

/** Reads the graded rows of [from, to] (inclusive dates). */
export type ReportRowsLoader = (from: string, to: string) => Promise<ReportRow[]>;

/** A loader that queries each range once. Empty without a query when from > to. */
export function reportRowsLoader(rt: Runtime): ReportRowsLoader {
  const cache = new Map<string, Promise<ReportRow[]>>();
  return (from, to) => {
    if (from > to) return Promise.resolve([]);
    const key = `${from}|${to}`;
    let rows = cache.get(key);
    if (!rows) {
      rows = rt.warehouse.query<ReportRow>(REPORT_ROWS, { from_date: from, to_date: to });
      cache.set(key, rows);
    }
    return rows;
  };
}
