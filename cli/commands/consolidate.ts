/**
 * `nba-props consolidate --batch ID`: the Python system's hard-coded manual_consolidation.py
 * (docs/seed-system.md §5), as a command.
 * Publishes `prediction-consolidate` with reason "manual" and runs it (and the export it triggers).
 */
import { errorMessage } from '../../lib/errors';
import { assertNotSuperseded, findBatch } from '../../lib/data/batches';
import { TOPICS } from '../../lib/topics';
import { failureSentence } from '../failure-sentence';
import { printError, printTable } from '../format';
import { followUp } from '../follow-up';
import { openSession } from '../session';

/**
 * Consolidates a batch; resolves with the exit code: 0 done, 1 no such batch, a superseded batch
 * (one sentence naming the newer batch) or a failure of the consolidation.
 */
export async function consolidateCommand(opts: { batch: string; verbose?: boolean }): Promise<number> {
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  const { rt } = session;
  try {
    const before = await findBatch(rt.warehouse, opts.batch);
    if (!before) {
      printError(
        `no batch ${opts.batch}: list batches with \`${followUp('cli', 'status', rt.config.localDir)}\``,
      );
      return 1;
    }
    // Checked here, before anything runs, so the answer is one sentence and no summary.
    await assertNotSuperseded(rt.warehouse, before);
    await rt.bus.publish(TOPICS.consolidate, {
      batch_id: before.batch_id,
      game_date: before.game_date,
      reason: 'manual',
    });
    await rt.bus.drain();
    const after = await findBatch(rt.warehouse, opts.batch);
    printTable(`consolidate ${opts.batch}`, [
      ['consolidated at', after?.consolidated_at ?? '-'],
      ['rows of the batch', after?.consolidated_rows ?? 0],
      ['exported at', after?.exported_at ?? '-'],
      ['dead letters', rt.bus.deadLetters.length],
      ['log', session.logFile],
    ]);
    for (const dl of rt.bus.deadLetters) printError(`dead letter on ${dl.deadLetterTopic}: ${dl.lastError}`);
    if (session.lastError()) {
      printError(failureSentence(session.lastError() ?? '', rt.config.localDir));
      return 1;
    }
    return 0;
  } catch (err) {
    printError(errorMessage(err));
    return 1;
  } finally {
    await session.close();
  }
}
