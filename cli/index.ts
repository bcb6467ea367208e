#!/usr/bin/env node
/**
 * `nba-props`: the command line of the embedded default (DESIGN §1). `npm start` runs
 * `nba-props run` on 2025-12-05.
 */
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../lib/config';
import { PermanentError } from '../lib/errors';
import { DEFAULT_DATE } from './defaults';
import { printError } from './format';
import { npmKeptOptionsMessage } from './npm-args';
import { isWarehouseDamage, warehouseDamagedMessage } from './warehouse-damage';

// `nba-props run -v | head` closes stdout early: stop printing but let the run finish, so no batch
// is left half done.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.stdout.write = () => true;
});

/** Errors whose message says everything a user needs (no stack trace). */
function isExpected(err: unknown): err is Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (
    err instanceof ConfigError ||
    err instanceof PermanentError ||
    (err instanceof Error &&
      ['WarehouseBusyError', 'LocalDirError', 'WarehouseDamagedError'].includes(err.name)) ||
    // file-system errors (a data folder that is a file, an unwritable --out) name the path
    (err instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code) && 'path' in err)
  );
}

/** The sentence for `--local-dir ''` (exit 2). */
const EMPTY_LOCAL_DIR =
  '--local-dir is empty: give the folder of the warehouse, bucket and logs (e.g. --local-dir .local), or leave the option out for NBA_LOCAL_DIR or .local';

/** commander parser of a minutes option: a number from 0 to 48. */
function minutesOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 48) {
    throw new InvalidArgumentError(`expected minutes from 0 to 48, got "${value}"`);
  }
  return n;
}

// Commands are loaded when they run (they register the functions, which parse the configuration):
// a bad environment is then reported as one line, not a stack trace from an import.
const program = new Command();
program
  .name('nba-props')
  .description('NBA player points predictions against sportsbook prop lines')
  .option(
    '--local-dir <folder>',
    'folder of the local warehouse, bucket and logs (default NBA_LOCAL_DIR or .local)',
  )
  // Before any command module loads (they parse the configuration): --local-dir is NBA_LOCAL_DIR.
  .hook('preAction', (cmd) => {
    const dir = cmd.opts<{ localDir?: string }>().localDir;
    // resolve('') is the current directory: an empty value is refused, as NBA_LOCAL_DIR= is.
    if (dir !== undefined && dir.trim() === '') {
      printError(EMPTY_LOCAL_DIR);
      process.exit(2);
    }
    if (dir !== undefined) process.env.NBA_LOCAL_DIR = resolve(dir);
  });

const exit = (p: Promise<number>) =>
  p.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (isExpected(err)) printError(err.message);
      // a damaged block read after the file opened (DuckDB reads blocks when a query needs them)
      else if (isWarehouseDamage(err))
        printError(
          warehouseDamagedMessage(join(resolve(process.env.NBA_LOCAL_DIR ?? '.local'), 'warehouse.duckdb')),
        );
      else printError(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = err instanceof ConfigError ? 2 : 1;
    },
  );

program
  .command('run')
  .description('run a slate end to end: batch, predictions, consolidation, export')
  .option('-d, --date <date>', 'game date YYYY-MM-DD, TODAY or TOMORROW (US-Eastern)', DEFAULT_DATE)
  .option(
    '--min-minutes <minutes>',
    'minimum last-10 minutes average of players without a line',
    minutesOption,
  )
  .option('-v, --verbose', 'print the JSON log lines instead of a progress bar')
  .action((opts: { date: string; verbose?: boolean; minMinutes?: number }) =>
    exit(import('./commands/run').then((m) => m.runCommand(opts))),
  );

program
  .command('status')
  .description("show a batch's progress, or the recent batches")
  .option('-b, --batch <batch_id>', 'batch id')
  .option('-d, --date <date>', 'batches of a game date')
  .action((opts: { batch?: string; date?: string }) =>
    exit(import('./commands/status').then((m) => m.statusCommand(opts))),
  );

program
  .command('consolidate')
  .description("merge a batch's staging rows into player_prop_predictions (manual consolidation)")
  .requiredOption('-b, --batch <batch_id>', 'batch id')
  .option('-v, --verbose', 'print the JSON log lines')
  .action((opts: { batch: string; verbose?: boolean }) =>
    exit(import('./commands/consolidate').then((m) => m.consolidateCommand(opts))),
  );

program
  .command('sweep')
  .description(
    'fire the deadline of every batch past it (consolidate and export what arrived), as the scheduler does',
  )
  .option('-v, --verbose', 'print the JSON log lines')
  .action((opts: { verbose?: boolean }) =>
    exit(import('./commands/sweep').then((m) => m.sweepCommand(opts))),
  );

program
  .command('export')
  .description('write the JSON exports of a date to the bucket')
  .requiredOption('-d, --date <date>', 'game date YYYY-MM-DD (with --types also TODAY or YESTERDAY)')
  .option('-b, --batch <batch_id>', 'export this batch instead of the newest consolidated one')
  .option(
    '-t, --types <types>',
    'comma list of tonight, results, performance, best-bets (results and performance of the date, best bets of the next day)',
  )
  .option('-v, --verbose', 'print the JSON log lines')
  .action((opts: { date: string; batch?: string; types?: string; verbose?: boolean }) =>
    exit(import('./commands/export').then((m) => m.exportCommand(opts))),
  );

program
  .command('grade')
  .description("grade a date's exported predictions against the box scores into prediction_accuracy")
  .requiredOption('-d, --date <date>', 'game date YYYY-MM-DD, TODAY or YESTERDAY (US-Eastern)')
  .option('-v, --verbose', 'print the JSON log lines')
  .action((opts: { date: string; verbose?: boolean }) =>
    exit(import('./commands/grade').then((m) => m.gradeCommand(opts))),
  );

program
  .command('training-rows')
  .description('export point-in-time training rows (features + actual points) for xgboost_v1 as CSV')
  .requiredOption('--from <date>', 'first game date YYYY-MM-DD')
  .requiredOption('--to <date>', 'last game date YYYY-MM-DD (inclusive)')
  .requiredOption('-o, --out <file>', 'CSV file to write (its meta goes to <file>.meta.json)')
  .option('--min-minutes <minutes>', 'minimum last-10 minutes average of players without a line', '0')
  .action((opts: { from: string; to: string; out: string; minMinutes?: string }) =>
    exit(import('./commands/training-rows').then((m) => m.trainingRowsCommand(opts))),
  );

program
  .command('backtest')
  .description('replay a date range point in time, grade it against the box scores and summarize per system')
  .requiredOption('--from <date>', 'first game date YYYY-MM-DD')
  .requiredOption('--to <date>', 'last game date YYYY-MM-DD (inclusive)')
  .option('-o, --out <file>', 'write the summary as JSON')
  .option('-v, --verbose', 'print the JSON log lines')
  .action((opts: { from: string; to: string; out?: string; verbose?: boolean }) =>
    exit(import('./commands/backtest').then((m) => m.backtestCommand(opts))),
  );

/** commander parser of a TCP port: 0 to 65535. */
function portOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535)
    throw new InvalidArgumentError(`expected a port 0-65535, got "${value}"`);
  return n;
}

program
  .command('view')
  .description("serve the local bucket (tonight's pages and JSON) on 127.0.0.1 until Ctrl-C")
  .option('--dir <folder>', 'bucket folder to serve (default <NBA_LOCAL_DIR>/bucket)')
  .option('-p, --port <port>', 'port (default: a free one)', portOption)
  .action((opts: { dir?: string; port?: number }) =>
    exit(import('./commands/view').then((m) => m.viewCommand(opts))),
  );

const kept = npmKeptOptionsMessage(process.env, process.argv.slice(2));
if (kept !== null) {
  printError(kept);
  process.exitCode = 2;
} else {
  program.parseAsync(process.argv).catch((err: unknown) => {
    printError(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
