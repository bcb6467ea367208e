/**
 * Grades a date into prediction_accuracy: exactly the predictions that were exported (each
 * player's rows from his newest consolidated run of the date) against the box scores, with one
 * idempotent MERGE (lib/warehouse/sql/grading.ts MERGE_GRADES). Games whose box scores are not
 * loaded yet are waited for until the deadline (config.results.deadlineHours after the last
 * tip-off): before it the whole date is retried later, after it the loaded games are graded and the
 * others reported as missing.
 */
import { RetryableError } from '../errors';
import { boxScoreDeadline } from '../grading/grade';
import type { Runtime } from '../runtime';
import * as gsql from '../warehouse/sql/grading';

/** One game of the date's exported predictions. */
export interface GradingGame {
  game_id: string;
  players: number;
  /** Box-score rows loaded for the game (0 = not loaded yet). */
  box_score_rows: number;
  home_team: string | null;
  away_team: string | null;
  /** Tip-off, ISO UTC, when the schedule has it. */
  commence_time: string | null;
}

/** Graded counts of one system on the date. */
export interface GradedCounts {
  system_id: string;
  row_count: number;
  players: number;
  void_players: number;
  wins: number;
  losses: number;
  pushes: number;
  voids: number;
}

/** What grading a date did. */
export interface GradeDateResult {
  game_date: string;
  /** complete: every game graded; partial: past the deadline, some games' box scores missing; none: nothing exported. */
  status: 'complete' | 'partial' | 'none';
  games: GradingGame[];
  /** Games whose box scores are not loaded (graded later by running this again). */
  missing_games: string[];
  /** Rows the MERGE inserted, updated or deleted (0 on a rerun with the same box scores). */
  changed_rows: number;
  /** Rows in prediction_accuracy for the date, all systems. */
  graded_rows: number;
  /** Players graded, and those of them who did not play (voids). */
  players: number;
  void_players: number;
  by_system: GradedCounts[];
  /** Until when missing box scores are waited for (ISO). */
  deadline: string | null;
}

/**
 * A date whose box scores are not all loaded, before its deadline: retryable (Pub/Sub redelivers,
 * the next scheduler run tries again).
 */
export class BoxScoresPendingError extends RetryableError {
  constructor(
    readonly gameDate: string,
    readonly missingGames: readonly string[],
    readonly deadline: Date,
  ) {
    super(
      'BOX_SCORES_PENDING',
      `box scores of ${missingGames.length} game(s) of ${gameDate} are not loaded yet (${missingGames.join(', ')}); waiting until ${deadline.toISOString()}`,
    );
  }
}

/**
 * Grades `gameDate` (see the module comment). Idempotent: a second run with the same box scores
 * changes no row.
 * @throws BoxScoresPendingError (retryable) while some game's box scores are missing before the
 *   deadline; warehouse errors as the adapter classifies them.
 */
export async function gradeDate(rt: Runtime, gameDate: string): Promise<GradeDateResult> {
  const wh = rt.warehouse;
  const games = await wh.query<GradingGame>(gsql.GRADING_GAMES, { game_date: gameDate });
  const empty: GradeDateResult = {
    game_date: gameDate,
    status: 'none',
    games,
    missing_games: [],
    changed_rows: 0,
    graded_rows: 0,
    players: 0,
    void_players: 0,
    by_system: [],
    deadline: null,
  };
  if (games.length === 0) return empty;
  const missing = games.filter((g) => g.box_score_rows === 0).map((g) => g.game_id);
  const deadline = boxScoreDeadline(
    gameDate,
    games.map((g) => g.commence_time),
    rt.config.results.deadlineHours,
  );
  if (missing.length > 0 && rt.now() < deadline) throw new BoxScoresPendingError(gameDate, missing, deadline);
  const changed = await wh.execute(gsql.MERGE_GRADES, { game_date: gameDate, now: rt.now().toISOString() });
  const bySystem = await wh.query<GradedCounts>(gsql.GRADED_COUNTS, { game_date: gameDate });
  const widest = bySystem.reduce<GradedCounts | null>((a, s) => (a && a.players >= s.players ? a : s), null);
  return {
    ...empty,
    status: missing.length > 0 ? 'partial' : 'complete',
    missing_games: missing,
    changed_rows: changed,
    graded_rows: bySystem.reduce((a, s) => a + s.row_count, 0),
    players: widest?.players ?? 0,
    void_players: widest?.void_players ?? 0,
    by_system: bySystem,
    deadline: deadline.toISOString(),
  };
}
