/**
 * After a backtest: the performance export through the last date, written by the same message the
 * daily job sends, next to the backtest report. Its season window covers the same dates when the
 * backtest starts at the season's first game, and then must equal the report (same rows, same
 * figures): the check the backtest prints.
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { EXPORT_PATHS } from '../lib/export/paths';
import type { PerformanceDoc } from '../lib/export/performance';
import type { MarketReport, SystemReport } from '../lib/grading/report';
import type { LocalRuntime } from '../lib/local/runtime';
import { TOPICS } from '../lib/topics';

/** Publishes the performance export through `to` and returns one line comparing it with `report`. */
export async function checkPerformanceExport(
  rt: LocalRuntime,
  from: string,
  to: string,
  report: { market: MarketReport; systems: SystemReport[] },
): Promise<string> {
  await rt.bus.publish(TOPICS.export, { export_types: ['performance'], target_date: to });
  await rt.bus.drain();
  const text = await rt.store.get(EXPORT_PATHS.performance.path);
  const path = join(rt.store.root, EXPORT_PATHS.performance.path);
  if (text === null) return `performance export: not written (see the log)\n`;
  const season = (JSON.parse(text) as PerformanceDoc).windows.season;
  // Both as JSON, as the backtest's --out file writes the report.
  const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
  const same = isDeepStrictEqual(
    asJson({ market: season.market, systems: season.systems }),
    asJson({ market: report.market, systems: report.systems }),
  );
  const range = `${season.first_graded_date ?? '-'}..${season.last_graded_date ?? '-'}`;
  if (same) return `performance export ${path}: its season window (${range}) equals this report\n`;
  return season.first_graded_date !== null && season.first_graded_date < from
    ? `performance export ${path}: its season window (${range}) starts before ${from}, so it differs from this report\n`
    : `performance export ${path}: its season window (${range}) DIFFERS from this report\n`;
}
