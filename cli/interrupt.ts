/**
 * Ctrl-C (SIGINT) or SIGTERM during `nba-props run`: say what was left and how to finish it, then
 * exit 130 or 143 (128 + the signal number, the shell's convention). A batch interrupted mid-way keeps its staging table (rows of
 * the players predicted so far) and stays `running`; `consolidate --batch` publishes what arrived,
 * a new run of the date replaces it.
 */
import type { LocalBus } from '../lib/bus/local';
import { TOPICS } from '../lib/topics';
import { DEFAULT_LOCAL_DIR, followUp } from './follow-up';

/** The exit code after SIGINT: 128 + signal number 2. */
export const SIGINT_EXIT_CODE = 130;

/** The exit code after SIGTERM: 128 + signal number 15. */
export const SIGTERM_EXIT_CODE = 143;

/** The signals a run stops on, with how the sentence names them and the exit code. */
export const STOP_SIGNALS = {
  SIGINT: { label: 'Ctrl-C', exitCode: SIGINT_EXIT_CODE },
  SIGTERM: { label: 'SIGTERM', exitCode: SIGTERM_EXIT_CODE },
} as const;

/** A signal in {@link STOP_SIGNALS}. */
export type StopSignal = keyof typeof STOP_SIGNALS;

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
 * With SIGTERM the parenthesis says `(SIGTERM)`; with a local folder other than `.local` every
 * command carries `--local-dir <folder>` (cli/follow-up.ts).
 * @param stagingHours lifetime of a staging table, hours (config `stagingExpirationHours`).
 * @param localDir the session's local folder (config `localDir`).
 */
export function interruptMessage(
  gameDate: string,
  p: RunProgress,
  stagingHours: number,
  localDir: string = DEFAULT_LOCAL_DIR,
  signal: StopSignal = 'SIGINT',
): string {
  const by = `interrupted (${STOP_SIGNALS[signal].label})`;
  const again = `\`${followUp('start', `--date ${gameDate}`, localDir)}\``;
  if (p.batchId === null) {
    return `${by} before any player of ${gameDate} was predicted: nothing was staged; run it again with ${again}`;
  }
  const finish = `\`${followUp('cli', `consolidate --batch ${p.batchId}`, localDir)}\``;
  if (p.consolidating) {
    return `${by} while batch ${p.batchId} of ${gameDate} was being consolidated and exported: finish it with ${finish} (it exports when it is done), or run the date again with ${again}`;
  }
  return (
    `${by}: batch ${p.batchId} of ${gameDate} stopped with ${p.done} of ${p.requested} players ` +
    `predicted; their rows stay in the batch's staging table until it expires (${stagingHours} h); ` +
    `finish it with ${finish}, or run the date again with ${again}`
  );
}

/**
 * Installs the SIGINT and SIGTERM handlers of a run: `cleanup` (e.g. stop the progress bar) runs,
 * the sentence goes to stderr and the process exits 130 (SIGINT) or 143 (SIGTERM). Returns a
 * function that removes the handlers.
 * @param localDir the session's local folder, carried by the printed commands.
 */
export function onInterrupt(
  bus: LocalBus,
  gameDate: string,
  stagingHours: number,
  localDir: string,
  cleanup: () => void,
): () => void {
  const handler = (signal: StopSignal) => {
    cleanup();
    const progress = runProgress(bus.published);
    process.stderr.write(`\n${interruptMessage(gameDate, progress, stagingHours, localDir, signal)}\n`);
    process.exit(STOP_SIGNALS[signal].exitCode);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** The sentence printed when a signal stops the first load of the shipped data. */
export function dataLoadInterruptedMessage(signal: StopSignal, warehouseFile: string): string {
  return (
    `interrupted (${STOP_SIGNALS[signal].label}) while loading the shipped NBA data into ${warehouseFile}: ` +
    `nothing was run; the next run loads it again`
  );
}
