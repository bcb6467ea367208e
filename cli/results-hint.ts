/**
 * The line `npm start` prints about the day before the date it ran: where that day's results
 * export is, or that there is none yet and the command that makes it.
 */
import { join } from 'node:path';
import { addDays } from '../lib/dates';
import { EXPORT_PATHS } from '../lib/export/paths';
import type { LocalRuntime } from '../lib/local/runtime';
import { gamesOfDate } from '../lib/data/slate';
import { LATEST_CONSOLIDATED } from '../lib/warehouse/sql/batches';
import { followUp } from './follow-up';

/** `[label, text]` for the run summary. */
export async function yesterdaysResults(rt: LocalRuntime, gameDate: string): Promise<[string, string]> {
  const day = addDays(gameDate, -1);
  const label = `results of ${day}`;
  const target = EXPORT_PATHS.resultsOfDate(day).path;
  if ((await rt.store.get(target)) !== null) return [label, join(rt.store.root, target)];
  if ((await gamesOfDate(rt.warehouse, day)).length === 0) return [label, 'no games that day'];
  const dir = rt.config.localDir;
  const exportCmd = followUp('cli', `export --types results,performance --date ${day}`, dir);
  const predicted = (await rt.warehouse.query(LATEST_CONSOLIDATED, { game_date: day })).length > 0;
  return [
    label,
    `none yet: ${predicted ? exportCmd : `${followUp('start', `--date ${day}`, dir)} && ${exportCmd}`}`,
  ];
}
