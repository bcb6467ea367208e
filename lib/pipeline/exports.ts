/**
 * The step behind `nba-phase6-export-trigger` (the exportTonight function): plans what the message
 * asks for and runs each export. `{game_date, batch_id?}` is tonight's export as before;
 * `{export_types, target_date}` runs, in this order, tonight (of D), results (grade D), performance
 * (through D) and best bets (of D + 1), D being target_date (lib/messages.ts ExportTriggerMessage).
 *
 * Each planned export runs even when an earlier one failed, so a date whose box scores are late
 * still gets its performance and best bets; then the first retryable failure is rethrown (the
 * message is redelivered and every export is made again, each write skipped when unchanged), or
 * else the first permanent one. After a results or performance export, `v1/site.json`'s list of
 * them is refreshed so the performance page shows them (lib/site/publish.ts).
 */
import { addDays, easternDate, resolveGameDate } from '../dates';
import { PermanentError, errorMessage } from '../errors';
import type { HandlerContext } from '../handler';
import type { ExportTriggerMessage, ExportType } from '../messages';
import type { Runtime } from '../runtime';
import { refreshSiteExports } from '../site/publish';
import { exportBestBets } from './export/best-bets';
import { exportPerformance } from './export/performance';
import { exportResults } from './export/results';
import { exportTonight } from './export/tonight';
import { reportRowsLoader } from '../data/report-rows';

/** One export to run. */
export interface PlannedExport {
  type: ExportType;
  /** The date the export is of (results: graded date; performance: last date; best-bets/tonight: the slate). */
  date: string;
  batch_id?: string;
}

/** The order exports run in: results before what reads the grades. */
export const EXPORT_ORDER: readonly ExportType[] = ['tonight', 'results', 'performance', 'best-bets'];

/**
 * `YESTERDAY`, `TODAY` (any case; the US-Eastern date of `now`) or a calendar date.
 * @throws PermanentError(`BAD_TARGET_DATE`) for anything else.
 */
export function resolveTargetDate(value: string, now: Date): string {
  const v = value.trim().toUpperCase();
  if (v === 'YESTERDAY') return addDays(easternDate(now), -1);
  if (v === 'TODAY') return easternDate(now);
  try {
    return resolveGameDate(value, now);
  } catch {
    throw new PermanentError(
      'BAD_TARGET_DATE',
      `target_date must be YYYY-MM-DD, TODAY or YESTERDAY; got "${value}"`,
    );
  }
}

/** What a message asks for, in run order. */
export function planExports(msg: ExportTriggerMessage, now: Date): PlannedExport[] {
  if (msg.export_types === undefined) {
    return [
      {
        type: 'tonight',
        date: resolveGameDate(msg.game_date, now),
        ...(msg.batch_id ? { batch_id: msg.batch_id } : {}),
      },
    ];
  }
  const d = resolveTargetDate(msg.target_date ?? 'YESTERDAY', now);
  return EXPORT_ORDER.filter((t) => msg.export_types?.includes(t)).map((type) => ({
    type,
    date: type === 'best-bets' ? addDays(d, 1) : d,
    ...(type === 'tonight' && msg.batch_id ? { batch_id: msg.batch_id } : {}),
  }));
}

/** What the step did, per export. */
export interface ExportsResult {
  done: Array<{ type: ExportType; date: string }>;
  failed: Array<{ type: ExportType; date: string; error: string }>;
}

/**
 * Runs the exports a message asks for (see the module comment).
 * @throws the first retryable failure, else the first permanent one.
 */
export async function runExports(
  rt: Runtime,
  msg: ExportTriggerMessage,
  ctx: HandlerContext,
): Promise<ExportsResult> {
  const plan = planExports(msg, rt.now());
  const load = reportRowsLoader(rt);
  const result: ExportsResult = { done: [], failed: [] };
  const errors: Error[] = [];
  for (const p of plan) {
    const log = ctx.log.child({ game_date: p.date });
    try {
      if (p.type === 'tonight') {
        await exportTonight(rt, { game_date: p.date, ...(p.batch_id ? { batch_id: p.batch_id } : {}) }, ctx);
      } else if (p.type === 'results') await exportResults(rt, p.date, log);
      else if (p.type === 'performance') await exportPerformance(rt, p.date, log, load);
      else await exportBestBets(rt, p.date, log, load);
      result.done.push({ type: p.type, date: p.date });
    } catch (err) {
      if (plan.length === 1) throw err;
      errors.push(err instanceof Error ? err : new Error(errorMessage(err)));
      result.failed.push({ type: p.type, date: p.date, error: errorMessage(err) });
      log.warn(`${p.type} export of ${p.date} failed: ${errorMessage(err)}`, {
        event: 'export_step_failed',
        export_type: p.type,
        code: (err as { code?: unknown }).code ?? 'UNEXPECTED',
      });
    }
  }
  // the performance page lists the daily exports from site.json, written with tonight's pages
  if (result.done.some((d) => d.type === 'results' || d.type === 'performance')) {
    await refreshSiteExports(rt.store);
  }
  const retryable = errors.find((e) => !(e instanceof PermanentError));
  if (retryable !== undefined) throw retryable;
  if (errors.length > 0) throw errors[0];
  return result;
}
