/**
 * `nba-props run --date YYYY-MM-DD`: runs a whole slate on the embedded default, exactly as the
 * cloud does it (trigger -> startBatch -> predictPlayer x N -> onBatchComplete -> consolidate ->
 * exportTonight), and prints a summary.
 */
import { join } from 'node:path';
import { resolveGameDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { assertDateInData, gamesOfDate } from '../../lib/data/slate';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { EXPORT_PATHS } from '../../lib/export/paths';
import { runLocalSlate } from '../../lib/local/sweep';
import { TOPICS } from '../../lib/topics';
import { failureSentence } from '../failure-sentence';
import { printError, printTable } from '../format';
import { followUp } from '../follow-up';
import { onInterrupt } from '../interrupt';
import { attachProgress } from '../progress';
import { yesterdaysResults } from '../results-hint';
import { whyNoPlayers } from '../zero-players';
import { openSession } from '../session';

/** Options of `run`. */
export interface RunOptions {
  date: string;
  verbose?: boolean;
  minMinutes?: number;
}

/** Runs the slate; resolves with the process exit code. */
export async function runCommand(opts: RunOptions): Promise<number> {
  const t0 = Date.now();
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  const { rt } = session;
  try {
    let gameDate: string;
    try {
      gameDate = resolveGameDate(opts.date, rt.now());
      await assertDateInData(rt.warehouse, gameDate);
    } catch (err) {
      printError(errorMessage(err));
      return 2;
    }
    if (session.rt.seeded) {
      const rejected = session.rt.rejectedRows.length;
      process.stdout.write(
        `loaded the shipped NBA data into ${join(rt.config.localDir, 'warehouse.duckdb')}${rejected > 0 ? ` (${rejected} rows rejected: see the log)` : ''}\n`,
      );
    }
    process.stdout.write(
      `running ${gameDate} on the embedded default (DuckDB, in-process bus, folder bucket)\n`,
    );
    const stop = attachProgress(rt.bus, !opts.verbose && process.stdout.isTTY === true);
    const detach = onInterrupt(rt.bus, gameDate, rt.config.stagingExpirationHours, rt.config.localDir, stop);
    const tRun = Date.now();
    // The end of the run sweeps as the scheduler does on Google Cloud: a batch past its deadline
    // (this one after a slow run, or one left running earlier) is consolidated with what arrived.
    const { triggerId, swept } = await runLocalSlate(rt, {
      gameDate,
      correlationId: `cli-${Date.now()}`,
      ...(opts.minMinutes !== undefined ? { minMinutes: opts.minMinutes } : {}),
    });
    detach();
    stop();
    const runMs = Date.now() - tRun;
    if (swept.length > 0) {
      process.stdout.write(`deadline fired for ${swept.length} batches past it: ${swept.join(', ')}\n`);
    }

    const batch = await findBatchOfTrigger(rt.warehouse, triggerId);
    const games = (await gamesOfDate(rt.warehouse, gameDate)).length;
    const written = new Map<string, number>();
    for (const m of rt.bus.published) {
      const p = m.payload as { kind?: string; player_lookup?: string; rows_written?: number };
      if (m.topic === TOPICS.ready && p.kind === 'player_done' && p.player_lookup) {
        written.set(p.player_lookup, p.rows_written ?? 0);
      }
    }
    const staged = [...written.values()].reduce((a, b) => a + b, 0);
    const exportPath = join(rt.store.root, EXPORT_PATHS.tonight.path);
    const rows: Array<[string, string | number]> = [
      ['game date', gameDate],
      ['batch', batch?.batch_id ?? '(none: see the log)'],
      ['games', games],
      [
        'players',
        batch
          ? `${batch.expected_players} predicted (${batch.lined_players ?? 0} with lines), ${batch.ineligible_players ?? 0} ineligible`
          : '0',
      ],
      ['predictions written', `${staged} staging rows (${written.size} players)`],
      ['consolidated rows', batch?.consolidated_rows ?? 0],
      [
        'export',
        !batch?.exported_at
          ? '(not exported: see the log)'
          : batch.export_path === EXPORT_PATHS.tonight.path
            ? exportPath
            : `${join(rt.store.root, batch.export_path ?? '')} (v1/tonight/ keeps a later date)`,
      ],
      await yesterdaysResults(rt, gameDate),
      ['dead letters', rt.bus.deadLetters.length],
      ['log', session.logFile],
      ['pipeline time', `${(runMs / 1000).toFixed(2)} s`],
      ['wall time', `${((Date.now() - t0) / 1000).toFixed(2)} s`],
    ];
    printTable(`nba-props run ${gameDate}`, rows);
    if (batch?.expected_players === 0) {
      const why = await whyNoPlayers(rt.warehouse, gameDate, games, batch, rt.config);
      process.stdout.write(`${why}\n`);
    }
    if (session.errors() > 0) process.stdout.write(`${session.errors()} error lines in the log\n`);
    for (const dl of rt.bus.deadLetters) printError(`dead letter on ${dl.deadLetterTopic}: ${dl.lastError}`);
    const ok = Boolean(batch?.exported_at) && rt.bus.deadLetters.length === 0;
    if (batch?.exported_at)
      process.stdout.write(`see the pages: ${followUp('cli', 'view', rt.config.localDir)}\n`);
    if (!ok && session.lastError())
      printError(failureSentence(session.lastError() ?? '', rt.config.localDir));
    return ok ? 0 : 1;
  } finally {
    await session.close();
  }
}
