/**
 * A local CLI session: the embedded default runtime (DuckDB + in-process bus + folder bucket) with
 * the five handlers registered, and logs routed to a file (or stdout with --verbose).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import '../functions';
import { getConfig, type Config } from '../lib/config';
import { setLogSink } from '../lib/log';
import { createLocalRuntime, type LocalRuntime } from '../lib/local/runtime';
import { setRuntime } from '../lib/runtime';

/** An open session. */
export interface Session {
  rt: LocalRuntime;
  config: Config;
  /** Where log lines go ("stdout" with --verbose). */
  logFile: string;
  /** Count of ERROR log lines so far. */
  errors(): number;
  /** Count of WARNING log lines so far. */
  warnings(): number;
  close(): Promise<void>;
}

/** Opens the session. With `verbose` logs go to stdout, otherwise to `.local/logs/<time>.jsonl`. */
export async function openSession(verbose: boolean): Promise<Session> {
  const config = getConfig();
  const logDir = join(config.localDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = verbose
    ? 'stdout'
    : join(logDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  let errors = 0;
  let warnings = 0;
  setLogSink((line) => {
    if (line.includes('"severity":"ERROR"')) errors += 1;
    if (line.includes('"severity":"WARNING"')) warnings += 1;
    if (verbose) process.stdout.write(line + '\n');
    else appendFileSync(logFile, line + '\n');
  });
  const rt = await createLocalRuntime(config);
  setRuntime(rt);
  return {
    rt,
    config,
    logFile,
    errors: () => errors,
    warnings: () => warnings,
    close: () => rt.warehouse.close(),
  };
}
