/**
 * Ctrl-C during `nba-props run`: say what was left and how to finish it, then exit 130 (128 +
 * SIGINT, the shell's convention). A batch interrupted mid-way keeps its staging table (rows of
 * the players predicted so far) and stays `running`; `consolidate --batch` publishes what arrived,
 * a new run of the date replaces it.
 */
import type { LocalBus } from '../lib/bus/local';
import { TOPICS } from '../lib/topics';

/** The exit code after SIGINT: 128 + signal number 2. */
export const SIGINT_EXIT_CODE = 130;

/** How far a run got, read from the bus's log of published messages. */
export interface RunProgress {
  batchId: string | null;
  /** prediction-request messages published (players of the batch). */
  requested: number;
  /** Players whose rows reached staging (player_done on prediction-ready). */
  done: number;
  consolidating: boolean;
}

/** Reads {@link RunProgress} from the messages the local bus has published so far. */
export function runProgress(published: LocalBus['published']): RunProgress {
  let batchId: string | null = null;
  let requested = 0;
  let done = 0;
  let consolidating = false;
  for (const m of published) {
    const p = m.payload as { batch_id?: string; kind?: string };
    if (m.topic === TOPICS.request) {
      requested += 1;
      batchId ??= p.batch_id ?? null;
    } else if (m.topic === TOPICS.ready && p.kind === 'player_done') done += 1;
    else if (m.topic === TOPICS.consolidate) consolidating = true;
  }
  return { batchId, requested, done, consolidating };
}

/**
 * The sentence printed on Ctrl-C, e.g. "interrupted (Ctrl-C): batch batch_2025_12_05_ab of
 * 2025-12-05 stopped with 40 of 248 players predicted; their rows stay in the batch's staging table
 * until it expires (24 h); finish it with `npm run cli -- consolidate --batch batch_2025_12_05_ab`,
 * or run the date again with `npm start -- --date 2025-12-05`".
 * @param stagingHours lifetime of a staging table, hours (config `stagingExpirationHours`).
 */
export function interruptMessage(gameDate: string, p: RunProgress, stagingHours: number): string {
  const again = `\`npm start -- --date ${gameDate}\``;
  if (p.batchId === null) {
    return `interrupted (Ctrl-C) before any player of ${gameDate} was predicted: nothing was staged; run it again with ${again}`;
  }
  const finish = `\`npm run cli -- consolidate --batch ${p.batchId}\``;
  if (p.consolidating) {
    return `interrupted (Ctrl-C) while batch ${p.batchId} of ${gameDate} was being consolidated and exported: finish it with ${finish} (it exports when it is done), or run the date again with ${again}`;
  }
  return (
    `interrupted (Ctrl-C): batch ${p.batchId} of ${gameDate} stopped with ${p.done} of ${p.requested} players ` +
    `predicted; their rows stay in the batch's staging table until it expires (${stagingHours} h); ` +
    `finish it with ${finish}, or run the date again with ${again}`
  );
}

/**
 * Installs the Ctrl-C handler of a run: `cleanup` (e.g. stop the progress bar) runs, the sentence
 * goes to stderr and the process exits 130. Returns a function that removes the handler.
 */
export function onInterrupt(
  bus: LocalBus,
  gameDate: string,
  stagingHours: number,
  cleanup: () => void,
): () => void {
  const handler = () => {
    cleanup();
    process.stderr.write(`\n${interruptMessage(gameDate, runProgress(bus.published), stagingHours)}\n`);
    process.exit(SIGINT_EXIT_CODE);
  };
  process.once('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
