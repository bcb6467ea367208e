/**
 * `nba-props export --date YYYY-MM-DD [--batch ID] [--types results,performance,...]`: publishes
 * the export message on the local bus, through the same handler as on Google Cloud. Without
 * --types it re-exports tonight's files of the date (the Python system's manual
 * `gcloud pubsub topics publish nba-phase6-export-trigger`, docs/seed-system.md §1); with --types it sends
 * `{export_types, target_date: date}` (results and performance of the date, best bets of the next).
 */
import { join } from 'node:path';
import { addDays, resolveGameDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { EXPORT_PATHS } from '../../lib/export/paths';
import { EXPORT_TYPES, ExportType } from '../../lib/messages';
import { resolveTargetDate } from '../../lib/pipeline/exports';
import { TOPICS } from '../../lib/topics';
import { NEWEST_CONSOLIDATED_DATE } from '../../lib/warehouse/sql/batches';
import { failureSentence } from '../failure-sentence';
import { printError, printTable } from '../format';
import { openSession } from '../session';

/** Parses `--types a,b` into export types. @throws Error naming the unknown type. */
export function parseTypes(value: string): ExportType[] {
  const types = value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const t of types) {
    if (!ExportType.safeParse(t).success)
      throw new Error(`unknown export type "${t}" (use ${EXPORT_TYPES.join(', ')})`);
  }
  if (types.length === 0) throw new Error(`--types needs at least one of ${EXPORT_TYPES.join(', ')}`);
  return [...new Set(types)] as ExportType[];
}

/** The objects an export of `types` for `date` writes. */
function objectsOf(types: readonly ExportType[], date: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const t of types) {
    if (t === 'tonight')
      out.push(
        ['all players', EXPORT_PATHS.tonight.path],
        ['predictions', EXPORT_PATHS.predictionsOfDate(date).path],
      );
    if (t === 'results') out.push([`results ${date}`, EXPORT_PATHS.resultsOfDate(date).path]);
    if (t === 'performance') out.push([`performance through ${date}`, EXPORT_PATHS.performance.path]);
    if (t === 'best-bets')
      out.push([`best bets ${addDays(date, 1)}`, EXPORT_PATHS.bestBetsOfDate(addDays(date, 1)).path]);
  }
  return out;
}

/** Exports a date; resolves with the exit code. */
export async function exportCommand(opts: {
  date: string;
  batch?: string;
  types?: string;
  verbose?: boolean;
}): Promise<number> {
  let types: ExportType[] | null = null;
  let date: string;
  try {
    types = opts.types === undefined ? null : parseTypes(opts.types);
    date = types ? resolveTargetDate(opts.date, new Date()) : resolveGameDate(opts.date, new Date());
  } catch (err) {
    printError(errorMessage(err));
    return 2;
  }
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  const { rt } = session;
  try {
    const errorsBefore = session.errors();
    const batch = opts.batch ? { batch_id: opts.batch } : {};
    await rt.bus.publish(
      TOPICS.export,
      types ? { export_types: types, target_date: date, ...batch } : { game_date: opts.date, ...batch },
    );
    await rt.bus.drain();
    const failed = session.errors() > errorsBefore || rt.bus.deadLetters.length > 0;
    if (failed) {
      const last = session.lastError();
      printError(last ? failureSentence(last, rt.config.localDir) : `export failed: see ${session.logFile}`);
      return 1;
    }
    // As on Google Cloud, v1/tonight/ keeps the newest consolidated date (lib/pipeline/export/tonight.ts).
    const [newest] = await rt.warehouse.query<{ game_date: string | null }>(NEWEST_CONSOLIDATED_DATE);
    const later = newest?.game_date && newest.game_date > date ? newest.game_date : null;
    printTable(
      `export ${date}`,
      objectsOf(types ?? ['tonight'], date).map(([k, p]) => [
        k,
        `${join(rt.store.root, p)}${later && p === EXPORT_PATHS.tonight.path ? ` (not written: v1/tonight/ keeps ${later}, a later date)` : ''}`,
      ]),
    );
    return 0;
  } finally {
    await session.close();
  }
}
