/**
 * The `best-bets` export of a slate: `v1/best-bets/<date>.json`, the slate's picks ranked by EV
 * with how similar picks of the season did on the dates before it (lib/export/best-bets.ts). A
 * slate with nothing consolidated yet is written with no picks.
 */
import { addDays } from '../../dates';
import { buildBestBets } from '../../export/best-bets';
import { EXPORT_PATHS } from '../../export/paths';
import { seasonStart } from '../../export/performance';
import type { ExportRow } from '../../export/rows';
import { putDailyExport, type WriteOutcome } from './write';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import { EXPORT_ROWS } from '../../warehouse/sql/predictions';
import { reportRowsLoader, type ReportRowsLoader } from '../../data/report-rows';
import { gamesOfDate } from '../../data/slate';

/** Writes the best bets of `gameDate`. */
export async function exportBestBets(
  rt: Runtime,
  gameDate: string,
  log: Logger,
  load: ReportRowsLoader = reportRowsLoader(rt),
): Promise<WriteOutcome> {
  const t0 = Date.now();
  const similarFrom = seasonStart(gameDate);
  const similarTo = addDays(gameDate, -1);
  const [rows, games, history] = await Promise.all([
    rt.warehouse.query<ExportRow>(EXPORT_ROWS, { game_date: gameDate }),
    gamesOfDate(rt.warehouse, gameDate),
    load(similarFrom, similarTo),
  ]);
  const doc = buildBestBets({
    gameDate,
    generatedAt: rt.now().toISOString(),
    similarFrom,
    similarTo,
    games,
    rows,
    history,
  });
  const target = EXPORT_PATHS.bestBetsOfDate(gameDate);
  return putDailyExport(rt.store, log, { name: 'best-bets', target, doc, gameDate, t0 });
}
