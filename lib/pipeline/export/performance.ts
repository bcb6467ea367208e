/**
 * The `performance` export: `v1/performance/systems.json`, every system over the last 7 days, the
 * last 30 days and the season through a date (lib/export/performance.ts), from ONE read of the
 * season's graded rows.
 */
import { EXPORT_PATHS } from '../../export/paths';
import { buildPerformance, seasonStart } from '../../export/performance';
import { putDailyExport, type WriteOutcome } from './write';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import { reportRowsLoader, type ReportRowsLoader } from '../../data/report-rows';

/** Writes the performance export through `through` (a graded date). */
export async function exportPerformance(
  rt: Runtime,
  through: string,
  log: Logger,
  load: ReportRowsLoader = reportRowsLoader(rt),
): Promise<WriteOutcome> {
  const t0 = Date.now();
  const rows = await load(seasonStart(through), through);
  const doc = buildPerformance({ through, generatedAt: rt.now().toISOString(), rows });
  return putDailyExport(rt.store, log, {
    name: 'performance',
    target: EXPORT_PATHS.performance,
    doc,
    gameDate: through,
    t0,
  });
}
