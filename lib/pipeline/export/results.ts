/**
 * The `results` export of a date: grade it (lib/data/grading.ts, an idempotent MERGE), then
 * write `v1/results/<date>.json` and, when no later date is there yet, `v1/results/latest.json`.
 *
 * Failures, and what is logged for the alert "no results by 09:00 ET on the day after a game day"
 * (`results_overdue`, once the due time config.results.dueHourEt has passed):
 * - box scores of some game not loaded, before the deadline: BoxScoresPendingError (retryable);
 * - past the deadline: the loaded games are graded and exported (status `partial`), then
 *   PermanentError `BOX_SCORES_MISSING` (logged as results_overdue whatever the hour);
 * - games on the schedule but nothing exported for them: PermanentError `NO_PREDICTIONS`;
 * - no games that day: nothing to grade, nothing written.
 */
import { PermanentError } from '../../errors';
import { EXPORT_PATHS } from '../../export/paths';
import { buildResults, type ResultRow, type ResultsDoc } from '../../export/results';
import { prepareExport, putExportIfChanged, type WriteOutcome } from './write';
import { resultsDueAt } from '../../grading/grade';
import type { Logger } from '../../log';
import * as logs from '../../logs';
import type { Runtime } from '../../runtime';
import type { ObjectStore } from '../../store/port';
import { RESULT_ROWS } from '../../warehouse/sql/grading';
import { BoxScoresPendingError, gradeDate, type GradeDateResult } from '../../data/grading';
import { gamesOfDate } from '../../data/slate';

/** What the results export did. */
export interface ResultsExportResult {
  game_date: string;
  /** `no_games`: an off day, nothing written. */
  status: GradeDateResult['status'] | 'no_games';
  grade: GradeDateResult | null;
  outcomes: WriteOutcome[];
}

/** True when `latest.json` holds no later date than `gameDate` (it only moves forward). */
async function isLatest(store: ObjectStore, gameDate: string): Promise<boolean> {
  const text = await store.get(EXPORT_PATHS.resultsLatest.path);
  if (text === null) return true;
  try {
    const current = (JSON.parse(text) as { game_date?: unknown }).game_date;
    return typeof current !== 'string' || current <= gameDate;
  } catch {
    return true;
  }
}

/**
 * Grades `gameDate` and writes its results (see the module comment).
 * @throws BoxScoresPendingError (retryable); PermanentError BOX_SCORES_MISSING or NO_PREDICTIONS;
 *   warehouse and store errors.
 */
export async function exportResults(
  rt: Runtime,
  gameDate: string,
  log: Logger,
): Promise<ResultsExportResult> {
  const t0 = Date.now();
  const overdue = rt.now() >= resultsDueAt(gameDate, rt.config.results.dueHourEt);
  let grade: GradeDateResult;
  try {
    grade = await gradeDate(rt, gameDate);
  } catch (err) {
    if (err instanceof BoxScoresPendingError && overdue) {
      logs.resultsOverdue(log, { game_date: gameDate, code: err.code, detail: err.message });
    }
    throw err;
  }
  if (grade.status === 'none') {
    const games = await gamesOfDate(rt.warehouse, gameDate);
    if (games.length === 0) {
      log.info(`no games on ${gameDate}: no results to export`, { event: 'no_results', game_date: gameDate });
      return { game_date: gameDate, status: 'no_games', grade, outcomes: [] };
    }
    const detail = `${games.length} games on ${gameDate} but no consolidated predictions of the date to grade`;
    if (overdue) logs.resultsOverdue(log, { game_date: gameDate, code: 'NO_PREDICTIONS', detail });
    throw new PermanentError('NO_PREDICTIONS', detail);
  }
  const rows = await rt.warehouse.query<ResultRow>(RESULT_ROWS, { game_date: gameDate });
  const doc: ResultsDoc = buildResults({
    gameDate,
    generatedAt: rt.now().toISOString(),
    status: grade.status,
    games: grade.games.map((g) => ({
      game_id: g.game_id,
      home_team: g.home_team,
      away_team: g.away_team,
      box_score_loaded: g.box_score_rows > 0,
    })),
    rows,
    players: {
      graded: grade.players,
      played: grade.players - grade.void_players,
      did_not_play: grade.void_players,
    },
  });
  const dated = EXPORT_PATHS.resultsOfDate(gameDate);
  const body = prepareExport(log, 'results', dated.path, doc);
  const outcomes = [await putExportIfChanged(rt.store, dated, body)];
  if (await isLatest(rt.store, gameDate)) {
    outcomes.push(await putExportIfChanged(rt.store, EXPORT_PATHS.resultsLatest, body));
  }
  const headline = doc.totals.find((s) => s.system_id === 'ensemble_v1')?.main_line;
  logs.resultsExported(log, {
    game_date: gameDate,
    status: grade.status,
    graded_rows: grade.graded_rows,
    changed_rows: grade.changed_rows,
    picks: headline?.picks ?? 0,
    wins: headline?.wins ?? 0,
    losses: headline?.losses ?? 0,
    pushes: headline?.pushes ?? 0,
    voids: headline?.voids ?? 0,
    written: outcomes.filter((o) => o.written).length,
    ms: Date.now() - t0,
  });
  if (grade.status === 'partial') {
    const detail = `box scores of ${grade.missing_games.join(', ')} still missing after the deadline ${grade.deadline ?? ''}; the other games are graded`;
    logs.resultsOverdue(log, { game_date: gameDate, code: 'BOX_SCORES_MISSING', detail });
    throw new PermanentError('BOX_SCORES_MISSING', detail);
  }
  return { game_date: gameDate, status: grade.status, grade, outcomes };
}
