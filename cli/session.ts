/**
 * A local CLI session: the embedded default runtime (DuckDB + in-process bus + folder bucket) with
 * the five handlers registered, and logs routed to a file (or stdout with --verbose).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import '../functions';
import { getConfig, type Config } from '../lib/config';
import { setLogSink } from '../lib/log';
import { createLocalRuntime, type LocalRuntime } from '../lib/local/runtime';
import { setRuntime } from '../lib/runtime';
import { dataLoadInterruptedMessage, STOP_SIGNALS, type StopSignal } from './interrupt';
import { assertLocalDirWritable } from './local-dir';
import { isWarehouseDamage, WarehouseDamagedError, warehouseDamagedMessage } from './warehouse-damage';

/** An open session. */
export interface Session {
  rt: LocalRuntime;
  config: Config;
  /** Where log lines go ("stdout" with --verbose). */
  logFile: string;
  /** Count of ERROR log lines so far. */
  errors(): number;
  /** The message of the last ERROR log line, or null. */
  lastError(): string | null;
  close(): Promise<void>;
}

/** Options of {@link openSession}. */
export interface SessionOptions {
  verbose?: boolean;
  /** Folder of the warehouse, bucket and logs instead of NBA_LOCAL_DIR (the backtest uses its own). */
  localDir?: string;
  /** Clock of the runtime (the backtest pins it to each date's scheduled run). */
  now?: () => Date;
  /** Hold exports in memory and write their final state on close (the backtest: lib/store/buffered.ts). */
  bufferExports?: boolean;
}

/** Thrown when another process holds the warehouse file. */
export class WarehouseBusyError extends Error {
  override name = 'WarehouseBusyError';
}

/**
 * Opens the session. With `verbose` logs go to stdout, otherwise to `<localDir>/logs/<time>.jsonl`.
 * @throws WarehouseBusyError when another nba-props process is using the warehouse file.
 * @throws LocalDirError when the local folder cannot be written (cli/local-dir.ts).
 * @throws WarehouseDamagedError when DuckDB cannot read the warehouse file (cli/warehouse-damage.ts).
 * A SIGINT or SIGTERM while the warehouse opens (the first run loads the shipped data) prints one
 * sentence and exits 130 or 143.
 */
export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  const base = getConfig();
  const config = opts.localDir ? { ...base, localDir: opts.localDir } : base;
  assertLocalDirWritable(config.localDir);
  const logDir = join(config.localDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = opts.verbose
    ? 'stdout'
    : join(logDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  let errors = 0;
  let lastError: string | null = null;
  setLogSink((line) => {
    if (line.includes('"severity":"ERROR"')) {
      errors += 1;
      lastError = (JSON.parse(line) as { message?: string }).message ?? null;
    }
    if (opts.verbose) process.stdout.write(line + '\n');
    else appendFileSync(logFile, line + '\n');
  });
  const warehouseFile = join(resolve(config.localDir), 'warehouse.duckdb');
  const onSignal = (signal: StopSignal) => {
    process.stderr.write(`\n${dataLoadInterruptedMessage(signal, warehouseFile)}\n`);
    process.exit(STOP_SIGNALS[signal].exitCode);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let rt: LocalRuntime;
  try {
    rt = await createLocalRuntime(config, {
      ...(opts.now ? { now: opts.now } : {}),
      bufferExports: opts.bufferExports,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const holder = /Conflicting lock is held in (.*)$/m.exec(message)?.[1];
    if (/Could not set lock/.test(message)) {
      throw new WarehouseBusyError(
        `another process is using ${join(config.localDir, 'warehouse.duckdb')}${holder ? ` (${holder})` : ''}; wait for it to finish`,
      );
    }
    if (isWarehouseDamage(err)) throw new WarehouseDamagedError(warehouseDamagedMessage(warehouseFile));
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  setRuntime(rt);
  return {
    rt,
    config,
    logFile,
    errors: () => errors,
    lastError: () => lastError,
    close: async () => {
      try {
        await rt.store.flush?.();
      } finally {
        await rt.warehouse.close();
      }
    },
  };
}
