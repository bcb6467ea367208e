/**
 * `nba-props backtest --from YYYY-MM-DD --to YYYY-MM-DD`: replays every date of a range through
 * the same functions (trigger -> ... -> export, point in time: each date sees only games before it
 * and its own lines), grades each date against the box scores into prediction_accuracy, and prints
 * per-system MAE, bias and hit rate against the 52.38% break-even at -110 with slate-bootstrap 95%
 * intervals. `--out` writes the summary as JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from '../../lib/config';
import { SingleBar, Presets } from 'cli-progress';
import { addDays, isIsoDate } from '../../lib/dates';
import { BREAK_EVEN_110, summarize, type GradedPoint, type SystemSummary } from '../../lib/grading/summary';
import { findBatchOfTrigger } from '../../lib/pipeline/batch-store';
import { gradeDate } from '../../lib/pipeline/grade-date';
import { gamesOfDate } from '../../lib/pipeline/slate-data';
import { TOPICS } from '../../lib/topics';
import { GRADED_POINTS } from '../../lib/warehouse/sql/grading';
import { printError } from '../format';
import { openSession } from '../session';

/** Options of `backtest`. */
export interface BacktestOptions {
  from: string;
  to: string;
  out?: string;
  verbose?: boolean;
  /** Folder of the backtest's warehouse and bucket (default `<NBA_LOCAL_DIR>/backtest`). */
  localDir?: string;
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null, d = 2) => (x === null ? '-' : x.toFixed(d));

/** Prints the per-system table. */
export function printSummary(rows: readonly SystemSummary[]): void {
  const head = [
    'system',
    'preds',
    'MAE',
    'MAE(lined)',
    'line MAE',
    'bias',
    'calls',
    'hit rate',
    '95% CI (slates)',
  ];
  const body = rows.map((r) => [
    r.system_id,
    String(r.predictions),
    num(r.mae),
    num(r.mae_lined),
    num(r.mae_of_line),
    num(r.bias),
    String(r.calls),
    pct(r.hit_rate),
    r.hit_rate_ci95 ? `${pct(r.hit_rate_ci95[0])}..${pct(r.hit_rate_ci95[1])}` : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const line of [head, ...body])
    process.stdout.write(line.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
  process.stdout.write(`break-even at -110: ${pct(BREAK_EVEN_110)}\n`);
}

/** Runs the backtest; resolves with the exit code. */
export async function backtestCommand(opts: BacktestOptions): Promise<number> {
  if (!isIsoDate(opts.from) || !isIsoDate(opts.to) || opts.from > opts.to) {
    printError(`--from and --to must be dates YYYY-MM-DD with from <= to (got ${opts.from}..${opts.to})`);
    return 2;
  }
  const localDir = opts.localDir ?? join(getConfig().localDir, 'backtest');
  const session = await openSession({ verbose: Boolean(opts.verbose), localDir });
  process.stdout.write(
    `backtest in ${localDir} (its own warehouse and bucket: tonight's export is not touched)\n`,
  );
  const { rt } = session;
  try {
    const dates: string[] = [];
    for (let d = opts.from; d <= opts.to; d = addDays(d, 1)) dates.push(d);
    const bar = new SingleBar({ format: 'dates {bar} {value}/{total} {date}' }, Presets.shades_classic);
    const showBar = !opts.verbose && process.stdout.isTTY === true;
    if (showBar) bar.start(dates.length, 0, { date: '' });
    let graded = 0;
    for (const d of dates) {
      if ((await gamesOfDate(rt.warehouse, d)).length > 0) {
        const id = await rt.bus.publish(TOPICS.trigger, {
          game_date: d,
          force: true,
          correlation_id: `backtest-${d}`,
        });
        await rt.bus.drain();
        if ((await findBatchOfTrigger(rt.warehouse, id))?.consolidated_at)
          graded += (await gradeDate(rt, d)).graded;
      }
      if (showBar) bar.increment({ date: d });
    }
    if (showBar) bar.stop();
    const points = await rt.warehouse.query<GradedPoint>(GRADED_POINTS, {
      from_date: opts.from,
      to_date: opts.to,
    });
    const summary = summarize(points);
    process.stdout.write(`backtest ${opts.from}..${opts.to}: ${graded} graded rows, main-line summary:\n`);
    printSummary(summary);
    if (opts.out) {
      writeFileSync(
        opts.out,
        JSON.stringify(
          { from: opts.from, to: opts.to, break_even_110: BREAK_EVEN_110, systems: summary },
          null,
          2,
        ) + '\n',
      );
      process.stdout.write(`wrote ${opts.out}\n`);
    }
    return rt.bus.deadLetters.length === 0 ? 0 : 1;
  } finally {
    await session.close();
  }
}
