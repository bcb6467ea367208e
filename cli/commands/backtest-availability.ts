/**
 * The backtest's availability section: reads the newest batch of each date with its grades
 * (lib/warehouse/sql/backtest.ts), the injury report days each date's morning run could use, builds
 * lib/grading/availability.ts's report and prints it.
 */
import { easternDate, morningRunInstant } from '../../lib/dates';
import {
  LINE_RULES_CHOSEN_THROUGH,
  availabilityReport,
  type AvailabilityMetrics,
  type AvailabilityReport,
  type BacktestPrediction,
} from '../../lib/grading/availability';
import type { InjuryReportRow } from '../../lib/slate/availability';
import type { Warehouse } from '../../lib/warehouse/port';
import { INJURY_REPORT_OF_DATE } from '../../lib/warehouse/sql/availability';
import { BACKTEST_PREDICTIONS, INJURY_REPORT_DATES } from '../../lib/warehouse/sql/backtest';

/** Report days (ET) of the injury report rows the morning run of each date could use. */
export async function reportDaysUsed(
  wh: Warehouse,
  dates: readonly string[],
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const d of dates) {
    const rows = await wh.query<InjuryReportRow>(INJURY_REPORT_OF_DATE, {
      game_date: d,
      as_of: morningRunInstant(d).toISOString(),
    });
    out[d] = [...new Set(rows.map((r) => easternDate(new Date(r.report_time))))].sort();
  }
  return out;
}

/** Builds the availability report of the range from the backtest's warehouse. */
export async function collectAvailabilityReport(
  wh: Warehouse,
  from: string,
  to: string,
  dates: readonly string[],
): Promise<AvailabilityReport> {
  const rows = await wh.query<BacktestPrediction>(BACKTEST_PREDICTIONS, { from_date: from, to_date: to });
  const reportDates = (
    await wh.query<{ game_date: string }>(INJURY_REPORT_DATES, { from_date: from, to_date: to })
  )
    .map((r) => r.game_date)
    .filter((d) => dates.includes(d));
  return availabilityReport(rows, await reportDaysUsed(wh, dates), reportDates);
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '-' : x.toFixed(2));

function line(label: string, m: AvailabilityMetrics): string {
  return (
    `${label.padEnd(34)} ${String(m.players).padStart(5)} predicted, ${String(m.did_not_play).padStart(4)} did not play: ` +
    `${pct(m.recall).padStart(6)} flagged (${m.flagged_did_not_play}); ${String(m.played_20).padStart(4)} played 20+ min: ` +
    `${pct(m.false_out_share).padStart(5)} likely_out (${m.likely_out_played_20}); likely_out precision ${pct(m.likely_out_precision)}`
  );
}

/** Prints the report. */
export function printAvailabilityReport(r: AvailabilityReport, write: (s: string) => void): void {
  write(
    'availability (recall = flagged likely_out/questionable among players who did not play; goal >= 70%;\n',
  );
  write('  false-out = likely_out among players who played 20+ minutes; goal <= 3%):\n');
  write(line('  all players', r.all) + '\n');
  write(line('  lined players', r.lined) + '\n');
  write(line('  unlined players', r.unlined) + '\n');
  write(line(`  ${r.report_dates.length} report dates, with the report`, r.with_report) + '\n');
  write(
    line(`  ${r.report_dates.length} report dates, heuristics only`, r.report_dates_heuristics_only) + '\n',
  );
  write(line(`  after ${LINE_RULES_CHOSEN_THROUGH} (out of time)`, r.after_tuning) + '\n');
  const used = Object.entries(r.report_days_used).filter(([, ds]) => ds.length > 0);
  write(
    `  injury report days used: ${used.map(([d, ds]) => `${d}<-${ds.join('+')}`).join(', ') || 'none'}\n`,
  );
  write(
    `voids (player did not play; not graded) per system: ${Object.entries(r.voids_per_system)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}\n`,
  );
  write(
    `ensemble pass reasons (main rows): ${Object.entries(r.pass_reasons_ensemble)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}\n`,
  );
  write('early season (lined MAE | line MAE): first 10 games of the season vs the rest\n');
  for (const s of r.early_season) {
    write(
      `  ${s.system_id.padEnd(24)} first 10: ${num(s.first_10.mae)} | ${num(s.first_10.mae_of_line)} (${s.first_10.predictions})   ` +
        `rest: ${num(s.rest.mae)} | ${num(s.rest.mae_of_line)} (${s.rest.predictions})\n`,
    );
  }
}

const row = (label: string, m: AvailabilityMetrics) =>
  `| ${label} | ${m.players} | ${m.did_not_play} | ${pct(m.recall)} (${m.flagged_did_not_play}) | ${m.played_20} | ` +
  `${pct(m.false_out_share)} (${m.likely_out_played_20}) | ${pct(m.likely_out_precision)} |`;

/** The report as Markdown (appended to the backtest's x.md). */
export function availabilityMarkdown(r: AvailabilityReport): string {
  const lines = [
    '## Availability',
    '',
    'Recall: share of the predicted players who did not play flagged likely_out or questionable (goal >= 70%).',
    'False-out: share of the players who then played 20+ minutes flagged likely_out (goal <= 3%).',
    '',
    '| players | predicted | did not play | recall | played 20+ min | false-out | likely_out who sat |',
    '|---|---|---|---|---|---|---|',
    row('all', r.all),
    row('lined', r.lined),
    row('unlined', r.unlined),
    row(`${r.report_dates.length} report dates, with the report`, r.with_report),
    row(`${r.report_dates.length} report dates, heuristics only`, r.report_dates_heuristics_only),
    row(`after ${LINE_RULES_CHOSEN_THROUGH} (out of time)`, r.after_tuning),
    '',
    `Injury report days used (game date <- pull day): ${
      Object.entries(r.report_days_used)
        .filter(([, ds]) => ds.length > 0)
        .map(([d, ds]) => `${d} <- ${ds.join(', ')}`)
        .join('; ') || 'none'
    }.`,
    '',
    '## Voids and the early season',
    '',
    '| system | voids (did not play) | first 10 games: lined MAE | line MAE | rows | rest: lined MAE | line MAE | rows |',
    '|---|---|---|---|---|---|---|---|',
    ...r.early_season.map(
      (s) =>
        `| ${s.system_id} | ${r.voids_per_system[s.system_id] ?? 0} | ${num(s.first_10.mae)} | ${num(s.first_10.mae_of_line)} | ` +
        `${s.first_10.predictions} | ${num(s.rest.mae)} | ${num(s.rest.mae_of_line)} | ${s.rest.predictions} |`,
    ),
  ];
  return lines.join('\n');
}
