/**
 * `nba-props sweep`: fires the deadline milestone of every batch past its deadline, as the
 * scheduler's sweep does on Google Cloud, so a batch below the threshold does not stay `running`
 * on the embedded default. Its consolidation and export run before the command returns.
 */
import { findBatch } from '../../lib/data/batches';
import { sweepOverdue } from '../../lib/local/sweep';
import { printError, printTable } from '../format';
import { openSession } from '../session';

/** Runs the sweep; resolves with the exit code (1 when a message was dead-lettered). */
export async function sweepCommand(opts: { verbose?: boolean }): Promise<number> {
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  const { rt } = session;
  try {
    const swept = await sweepOverdue(rt);
    if (swept.length === 0) {
      process.stdout.write('no batch is past its deadline\n');
      return 0;
    }
    const rows: Array<[string, string]> = [];
    for (const id of swept) {
      const b = await findBatch(rt.warehouse, id);
      rows.push([id, b ? `${b.status}, deadline fired ${b.deadline_fired_at ?? '-'}` : 'gone']);
    }
    printTable(`sweep: ${swept.length} batches past their deadline`, [...rows, ['log', session.logFile]]);
    for (const dl of rt.bus.deadLetters) printError(`dead letter on ${dl.deadLetterTopic}: ${dl.lastError}`);
    return rt.bus.deadLetters.length === 0 ? 0 : 1;
  } finally {
    await session.close();
  }
}
