/**
 * `nba-props backtest --from YYYY-MM-DD --to YYYY-MM-DD`: replays every date of a range through
 * the same functions (trigger -> ... -> export, point in time: each date sees only games before it
 * and its own lines, calibrations fit on the dates graded before it), grades each date against the
 * box scores into prediction_accuracy, and reports every system against the market on the same rows
 * with slate-bootstrap 95% intervals (lib/grading/report.ts). `--out x.json` writes the report as
 * JSON and as Markdown (x.md), with the availability section (./backtest-availability.ts:
 * precision/recall, voids per system, the early-season split). Each date runs with the clock pinned
 * to its scheduled 11:30 ET run (./backtest-clock.ts), and a run first removes the range's earlier
 * batches and predictions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from '../../lib/config';
import { addDays, isIsoDate } from '../../lib/dates';
import { buildReport, type ReportRow } from '../../lib/grading/report';
import { reportConsoleTable, reportMarkdown, type BacktestReport } from '../../lib/grading/report-markdown';
import { DECISION } from '../../lib/model/probability-constants';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { gamesOfDate, scheduleCoverage } from '../../lib/data/slate';
import type { Warehouse } from '../../lib/warehouse/port';
import { chartsMarkdown, writeReportCharts } from '../../lib/report/write';
import { TOPICS } from '../../lib/topics';
import { REPORT_ROWS } from '../../lib/warehouse/sql/grading';
import {
  DELETE_ACCURACY_OF_RANGE,
  DELETE_BATCHES_OF_RANGE,
  DELETE_PREDICTIONS_OF_RANGE,
} from '../../lib/warehouse/sql/backtest';
import { printError } from '../format';
import { outFileProblem } from '../out-file';
import { checkPerformanceExport } from '../performance-check';
import { dateProgress } from '../progress';
import { openSession } from '../session';
import {
  availabilityMarkdown,
  collectAvailabilityReport,
  printAvailabilityReport,
} from './backtest-availability';
import { ScheduledRunClock } from './backtest-clock';

/** Options of `backtest`. */
export interface BacktestOptions {
  from: string;
  to: string;
  out?: string;
  verbose?: boolean;
  /** Folder of the backtest's warehouse and bucket (default `<NBA_LOCAL_DIR>/backtest`). */
  localDir?: string;
}

/**
 * The sentence when no date of `from..to` lies inside the schedule's dates, else null.
 * E.g. "no schedule data for 2030-01-01..2030-01-03: the data covers 2024-10-22..2026-04-12; pick
 * dates inside it".
 */
async function rangeOutsideData(wh: Warehouse, from: string, to: string): Promise<string | null> {
  const cov = await scheduleCoverage(wh);
  if (cov.first_date && cov.last_date && to >= cov.first_date && from <= cov.last_date) return null;
  return cov.first_date
    ? `no schedule data for ${from}..${to}: the data covers ${cov.first_date}..${cov.last_date}; pick dates inside it`
    : `no schedule data for ${from}..${to}: the schedule table is empty`;
}

/**
 * Runs the backtest; resolves with the exit code: 0 done, 1 dead letters or an `--out` that cannot
 * be written (checked before the replay), 2 bad dates or a range with no game (one sentence on
 * stderr, no report).
 */
export async function backtestCommand(opts: BacktestOptions): Promise<number> {
  if (!isIsoDate(opts.from) || !isIsoDate(opts.to) || opts.from > opts.to) {
    printError(`--from and --to must be dates YYYY-MM-DD with from <= to (got ${opts.from}..${opts.to})`);
    return 2;
  }
  // Before the replay (minutes long): a report path that cannot be written fails now.
  const outProblem = opts.out ? outFileProblem(opts.out) : null;
  if (outProblem) {
    printError(outProblem);
    return 1;
  }
  const localDir = opts.localDir ?? join(getConfig().localDir, 'backtest');
  const clock = new ScheduledRunClock();
  const session = await openSession({
    verbose: Boolean(opts.verbose),
    localDir,
    now: () => clock.now(),
    bufferExports: true,
  });
  const { rt } = session;
  try {
    const outside = await rangeOutsideData(rt.warehouse, opts.from, opts.to);
    if (outside) {
      printError(outside);
      return 2;
    }
    process.stdout.write(
      `backtest in ${localDir} (its own warehouse and bucket: tonight's export is not touched)\n`,
    );
    const dates: string[] = [];
    for (let d = opts.from; d <= opts.to; d = addDays(d, 1)) dates.push(d);
    const bar = dateProgress(dates.length, !opts.verbose && process.stdout.isTTY === true);
    let slates = 0;
    const range = { from_date: opts.from, to_date: opts.to };
    await rt.warehouse.execute(DELETE_PREDICTIONS_OF_RANGE, range);
    await rt.warehouse.execute(DELETE_BATCHES_OF_RANGE, range);
    await rt.warehouse.execute(DELETE_ACCURACY_OF_RANGE, range);
    const ran: string[] = [];
    for (const d of dates) {
      if ((await gamesOfDate(rt.warehouse, d)).length > 0) {
        slates += 1;
        clock.pin(d); // the date runs at its scheduled morning run (11:30 ET)
        ran.push(d);
        const id = await rt.bus.publish(TOPICS.trigger, {
          game_date: d,
          force: true,
          correlation_id: `backtest-${d}`,
        });
        await rt.bus.drain();
        // Graded by the daily-results path itself (grading + results export), as on Google Cloud.
        if ((await findBatchOfTrigger(rt.warehouse, id))?.consolidated_at) {
          await rt.bus.publish(TOPICS.export, { export_types: ['results'], target_date: d });
          await rt.bus.drain();
        }
        // The bus's log of published messages would otherwise hold every request of the range.
        rt.bus.published.length = 0;
      }
      bar.tick(d);
    }
    bar.stop();
    if (slates === 0) {
      printError(`no date of ${opts.from}..${opts.to} has a game on the schedule: nothing to backtest`);
      return 2;
    }
    const rows = await rt.warehouse.query<ReportRow>(REPORT_ROWS, { from_date: opts.from, to_date: opts.to });
    const report: BacktestReport = {
      from: opts.from,
      to: opts.to,
      command: `nba-props backtest --from ${opts.from} --to ${opts.to}${opts.out ? ` --out ${opts.out}` : ''}`,
      slates,
      decision: {
        ev_threshold: DECISION.evThreshold,
        kelly_fraction: DECISION.kellyFraction,
        kelly_cap: DECISION.kellyCap,
      },
      ...buildReport(rows),
    };
    process.stdout.write(`backtest ${opts.from}..${opts.to}: ${slates} slates, ${rows.length} graded rows\n`);
    process.stdout.write(reportConsoleTable(report));
    process.stdout.write(await checkPerformanceExport(rt, opts.from, opts.to, report));
    const availability = await collectAvailabilityReport(rt.warehouse, opts.from, opts.to, ran);
    printAvailabilityReport(availability, (s) => process.stdout.write(s));
    if (opts.out) {
      writeFileSync(opts.out, JSON.stringify({ ...report, availability }, null, 2) + '\n');
      const charts = writeReportCharts(opts.out, report); // SVG charts beside the JSON (lib/report)
      const md = opts.out.replace(/\.json$/, '') + '.md';
      writeFileSync(
        md,
        reportMarkdown(report) + '\n\n' + availabilityMarkdown(availability) + chartsMarkdown(charts) + '\n',
      );
      process.stdout.write(`wrote ${opts.out}, ${md} and ${charts.length} charts\n`);
    }
    return rt.bus.deadLetters.length === 0 ? 0 : 1;
  } finally {
    await session.close();
  }
}
