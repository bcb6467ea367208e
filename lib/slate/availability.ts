/**
 * Who plays tonight: an availability status for every predicted player, from what is known before
 * tip (DESIGN §4 "Availability"). Pure; startBatch gathers the inputs in batch queries.
 *
 * 1. The latest official injury report row of the player for tonight published at or before the
 *    run time (and before tip) wins: Out/Doubtful -> likely_out, Questionable -> questionable,
 *    Probable/Available -> active.
 * 2. Otherwise the heuristics, strongest first (constants: lib/model/availability-constants.ts):
 *    - missed his team's last >= 3 games in a row (this season) -> likely_out;
 *    - usually has a line (>= 4 of his team's last 5 lined dates), has none tonight although his
 *      game has lines, and missed the team's last game -> likely_out (without the miss: questionable);
 *    - missed the team's last game, or played < 60% of the team's last 10 games -> questionable;
 *    - without the team's dates, no game for >= 10 days -> questionable;
 *    - a player with a line tonight is at most questionable by these rules.
 *    Only this season's team games count (the offseason resets attendance).
 * Every status carries its reasons in words (`missed the team's last 4 games`).
 */
import { daysBetween, seasonOf } from '../dates';
import {
  ATTENDANCE_MIN_TEAM_GAMES,
  ATTENDANCE_WINDOW,
  LIKELY_OUT_MISSED_GAMES,
  LINE_GONE_MISSED_GAMES,
  LINED_MAX_HEURISTIC_STATUS,
  LONG_ABSENCE_DAYS,
  QUESTIONABLE_ATTENDANCE_SHARE,
  QUESTIONABLE_MISSED_GAMES,
  REPORT_STATUS,
  USUAL_LINE_MIN,
  USUAL_LINE_WINDOW,
} from '../model/availability-constants';
import type { Availability, Game } from '../messages';

/** A status (active, questionable, likely_out). */
type AvailabilityStatus = Availability['status'];

/** The latest injury report row of a player for a game date (a row of nba_raw.nbac_injury_report). */
export interface InjuryReportRow {
  player_lookup: string;
  team_abbr: string;
  /** Out, Doubtful, Questionable, Probable or Available. */
  status: string;
  reason: string | null;
  /** ISO UTC instant the report was published. */
  report_time: string;
}

/** Everything the status is computed from. Dates are `YYYY-MM-DD`, all before `gameDate`. */
export interface AvailabilityInput {
  gameDate: string;
  /** The player's games before gameDate (any order; 0-minute rows do not count as appearances). */
  history: readonly Game[];
  /** Game dates of tonight's team before gameDate, newest first (empty when unknown). */
  teamDates: readonly string[];
  /** Game dates of the team of his last game (differs from teamDates after a trade), newest first. */
  lastTeamDates?: readonly string[];
  /** Whether the player has a line tonight. */
  hasLine: boolean;
  /** Whether books posted lines for any player of his game tonight. */
  gameHasLines: boolean;
  /** For his team's most recent lined dates (newest first): whether he had a line that date. */
  recentLinedDates: readonly boolean[];
  /** His latest injury report row for tonight published at or before the run (and before tip). */
  report: InjuryReportRow | null;
}

/** The measures behind a status (also what the reasons say). */
export interface AttendanceMeasures {
  /** Team games since his last appearance. */
  missed_streak: number;
  /** Games played among the team's last <= 10. */
  played_last_10: number;
  /** Team games counted in played_last_10. */
  team_games_last_10: number;
  /** Days from his last appearance to gameDate; null without one. */
  days_since_last: number | null;
}

const REPORT_ZONE_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** `2025-10-20 5:30 PM ET` for an ISO instant. */
export function formatReportTime(iso: string): string {
  const parts = Object.fromEntries(
    REPORT_ZONE_FORMAT.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.dayPeriod} ET`;
}

/**
 * Attendance measures. Misses are tonight's team's dates after his last appearance; the share runs
 * over those misses followed by the dates of his last team up to that appearance (so a traded
 * player's games for his old team still count as played).
 */
export function attendance(input: AvailabilityInput): AttendanceMeasures {
  const played = input.history
    .filter((g) => g.minutes > 0 && g.game_date < input.gameDate)
    .map((g) => g.game_date)
    .sort()
    .reverse();
  const last = played[0];
  const playedSet = new Set(played);
  // The offseason resets attendance: only this season's team games count.
  const season = seasonOf(input.gameDate);
  const teamDates = input.teamDates.filter((d) => seasonOf(d) === season);
  const lastTeamDates = (input.lastTeamDates ?? input.teamDates).filter((d) => seasonOf(d) === season);
  const misses = last === undefined ? teamDates : teamDates.filter((d) => d > last);
  const before = last === undefined ? [] : lastTeamDates.filter((d) => d <= last);
  const window = [...misses, ...before].slice(0, ATTENDANCE_WINDOW);
  return {
    missed_streak: misses.length,
    played_last_10: window.filter((d) => playedSet.has(d)).length,
    team_games_last_10: window.length,
    days_since_last: last === undefined ? null : daysBetween(last, input.gameDate),
  };
}

/** Longest reason kept (the prediction-request schema bounds each reason at 200 characters). */
export const MAX_REASON_CHARS = 200;

const bounded = (a: Availability): Availability => ({
  status: a.status,
  reasons: a.reasons.map((r) => (r.length > MAX_REASON_CHARS ? `${r.slice(0, MAX_REASON_CHARS - 3)}...` : r)),
});

/** The availability of one player tonight (see the module comment for the rules); reasons <= 200 characters. */
export function availabilityOf(input: AvailabilityInput): Availability {
  return bounded(unboundedAvailability(input));
}

function unboundedAvailability(input: AvailabilityInput): Availability {
  const m = attendance(input);
  const facts: string[] = [];
  if (m.missed_streak === 1) facts.push("missed the team's last game");
  else if (m.missed_streak > 1) facts.push(`missed the team's last ${m.missed_streak} games`);
  if (m.team_games_last_10 > 0)
    facts.push(`played ${m.played_last_10} of the team's last ${m.team_games_last_10} games`);
  if (m.missed_streak > 0 && m.days_since_last !== null && m.days_since_last >= LONG_ABSENCE_DAYS)
    facts.push(`last played ${m.days_since_last} days ago`);
  const recent = input.recentLinedDates.slice(0, USUAL_LINE_WINDOW);
  const linedCount = recent.filter(Boolean).length;
  const usuallyLined = recent.length >= USUAL_LINE_WINDOW && linedCount >= USUAL_LINE_MIN;
  const lineGone = usuallyLined && !input.hasLine && input.gameHasLines;
  if (lineGone)
    facts.push(`no line tonight; had one on ${linedCount} of his team's last ${recent.length} lined dates`);

  const heuristic = heuristicStatus(input, m, lineGone);
  if (input.report) {
    const r = input.report;
    const status: AvailabilityStatus =
      (REPORT_STATUS as Record<string, AvailabilityStatus | undefined>)[r.status] ?? 'questionable';
    const text = `injury report ${formatReportTime(r.report_time)}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
    return { status, reasons: [text, `${HEURISTICS_PREFIX}${heuristic}`, ...facts] };
  }
  return {
    status: heuristic,
    reasons: heuristic === 'active' ? facts.filter((f) => !f.startsWith('played ')) : facts,
  };
}

/** Reason prefix giving, under a report, what the heuristics alone said (`heuristics: active`). */
export const HEURISTICS_PREFIX = 'heuristics: ';

/** The status of the heuristics alone (rule 2 of the module comment). */
function heuristicStatus(
  input: AvailabilityInput,
  m: AttendanceMeasures,
  lineGone: boolean,
): AvailabilityStatus {
  let status: AvailabilityStatus = 'active';
  const share = m.team_games_last_10 > 0 ? m.played_last_10 / m.team_games_last_10 : null;
  if (m.missed_streak >= LIKELY_OUT_MISSED_GAMES || (lineGone && m.missed_streak >= LINE_GONE_MISSED_GAMES))
    status = 'likely_out';
  else if (
    lineGone ||
    m.missed_streak >= QUESTIONABLE_MISSED_GAMES ||
    (share !== null &&
      m.team_games_last_10 >= ATTENDANCE_MIN_TEAM_GAMES &&
      share < QUESTIONABLE_ATTENDANCE_SHARE) ||
    (input.teamDates.length === 0 && m.days_since_last !== null && m.days_since_last >= LONG_ABSENCE_DAYS)
  )
    status = 'questionable';
  if (status === 'likely_out' && input.hasLine) return LINED_MAX_HEURISTIC_STATUS;
  return status;
}
