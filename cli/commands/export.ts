/**
 * `nba-props export --date YYYY-MM-DD [--batch ID]`: re-exports a date (the seed's manual
 * `gcloud pubsub topics publish nba-phase6-export-trigger`), through the same handler.
 */
import { join } from 'node:path';
import { resolveGameDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { EXPORT_PATHS } from '../../lib/pipeline/export-tonight';
import { TOPICS } from '../../lib/topics';
import { printError, printTable } from '../format';
import { openSession } from '../session';

/** Exports a date; resolves with the exit code. */
export async function exportCommand(opts: {
  date: string;
  batch?: string;
  verbose?: boolean;
}): Promise<number> {
  try {
    resolveGameDate(opts.date, new Date());
  } catch (err) {
    printError(errorMessage(err));
    return 2;
  }
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  const { rt } = session;
  try {
    const errorsBefore = session.errors();
    await rt.bus.publish(TOPICS.export, {
      game_date: opts.date,
      ...(opts.batch ? { batch_id: opts.batch } : {}),
    });
    await rt.bus.drain();
    const failed = session.errors() > errorsBefore || rt.bus.deadLetters.length > 0;
    if (failed) {
      printError(session.lastError() ?? `export failed: see ${session.logFile}`);
      return 1;
    }
    printTable(`export ${opts.date}`, [
      ['all players', join(rt.store.root, EXPORT_PATHS.tonight.path)],
      ['predictions', join(rt.store.root, EXPORT_PATHS.predictionsOfDate(opts.date).path)],
    ]);
    return 0;
  } finally {
    await session.close();
  }
}
