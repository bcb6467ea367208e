/**
 * Constants of the availability status (lib/slate/availability.ts), each with the measurement that
 * chose it. The heuristics were chosen on the 2024-25 box scores before the evaluated dates
 * (2024-11-05..2025-02-07, where the shipped logs are ~99% complete; rerun with
 * `npx ts-node --transpile-only scripts/measure-2024-25.ts`): a
 * player's absence is a team game with no row for him. Population: 13,112 player-games of players
 * the selection would predict (>= 15 minutes over the last 10 games, last game for that team);
 * 2,547 did not play, 8,249 played 20+ minutes.
 */

/**
 * Consecutive team games missed (the team's games since his last appearance) from which a player
 * is `likely_out`. Measured on 2024-25: after 3+ straight misses 81% sat again (955 of 1,176), and
 * only 1.7% of the players who then played 20+ minutes had been flagged (143 of 8,249); at 2 misses
 * the false-out share was 2.8% and at 4 it was 1.2% with 24% fewer absences caught.
 */
export const LIKELY_OUT_MISSED_GAMES = 3;

/**
 * Consecutive team games missed from which a player is at least `questionable`: after exactly one
 * miss 54% sat again (451 of 829) on 2024-25.
 */
export const QUESTIONABLE_MISSED_GAMES = 1;

/** Team games the attendance share is taken over (the last 10, as `availability_last_10`). */
export const ATTENDANCE_WINDOW = 10;

/**
 * Share of the team's last 10 games played under which a player is `questionable`. Measured on
 * 2024-25 together with the two rules above: 0.6 (at most 5 of 10) flags 72.7% of the absences
 * with 10.5% of the 20+ minute players shown questionable; 0.8 flags 76.5% but shows 18.6% of them
 * questionable, 0.5 flags 71.3% with 8.2%.
 */
export const QUESTIONABLE_ATTENDANCE_SHARE = 0.6;

/** Fewest team games in the window for the attendance share to count (early in a window it is noise). */
export const ATTENDANCE_MIN_TEAM_GAMES = 5;

/**
 * "A player who usually gets a line": he had a line in at least 4 of his team's last 5 dates on
 * which books posted lines for his team's game. When his game has lines tonight and he has none,
 * books have pulled him (props are taken down for players ruled out), so he is `likely_out`. Chosen
 * a priori (lines exist only in 2025-26, the evaluated season, so nothing earlier could tune it);
 * its out-of-time precision is reported by the backtest (README "Availability").
 */
export const USUAL_LINE_WINDOW = 5;
export const USUAL_LINE_MIN = 4;

/**
 * Consecutive team games missed from which a usually-lined player without a line tonight is
 * `likely_out` (with fewer he is `questionable`). Chosen on the first 18 lined dates
 * (2025-10-21..2025-11-07; the later 28 are out of time): with no miss the missing line alone was
 * right 10 times in 33 (11 of them played 20+ minutes); with a miss 9 times in 10.
 */
export const LINE_GONE_MISSED_GAMES = 1;

/**
 * A player with a line tonight is at most `questionable` by the heuristics (books post props for
 * players expected to play; an injury report Out/Doubtful still makes him likely_out). Chosen on
 * 2025-10-21..2025-11-07: the 5 lined players the heuristics called likely_out all played 20+
 * minutes.
 */
export const LINED_MAX_HEURISTIC_STATUS = 'questionable';

/** Days of past lines startBatch reads for the line signal and the traded-player evidence. */
export const LINE_HISTORY_DAYS = 60;

/**
 * Days since the last appearance from which it is shown as a reason; when the team's own game dates
 * are unknown a gap this long makes the player `questionable`. Ours: teams play every 2-3 days, so
 * 10 days is at least 3 missed games, the likely_out mark above.
 */
export const LONG_ABSENCE_DAYS = 10;

/** Official injury report statuses and the availability they set (they win over the heuristics). */
export const REPORT_STATUS = {
  Out: 'likely_out',
  Doubtful: 'likely_out',
  Questionable: 'questionable',
  Probable: 'active',
  Available: 'active',
} as const;
