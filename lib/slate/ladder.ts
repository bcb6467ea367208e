/**
 * The line ladder and line keys (DESIGN §4 "Line ladder", §3 key).
 *
 * Every player with a line gets rows at the main line -2, -1, 0, +1, +2 points; each row keeps its
 * own line_value and `line_key = ROUND(line_value * 10)` (INT64), so 22.5, 23.0 and "no line" (-1)
 * are three different keys and nothing is partitioned by FLOAT64 (the Python system's MERGE bug,
 * docs/seed-system.md §9 item 1).
 */

/** Offsets from the main line, points. Source: docs/seed-system.md §4.0
 * (line_range_points=2.0, line_increment=1.0). */
export const LADDER_OFFSETS: readonly number[] = [-2, -1, 0, 1, 2];

/** Lowest line kept on a ladder, points (a 0.5 line is the smallest a book posts). */
export const MIN_LADDER_LINE = 0.5;

/** line_key of a row without a line. */
export const NO_LINE_KEY = -1;

/**
 * The ladder around a main line, e.g. 22.5 -> [20.5, 21.5, 22.5, 23.5, 24.5]. Lines below 0.5
 * points are dropped (only possible for a main line under 2.5).
 */
export function lineLadder(mainLine: number): number[] {
  return LADDER_OFFSETS.map((o) => Math.round((mainLine + o) * 10) / 10).filter((l) => l >= MIN_LADDER_LINE);
}

/**
 * `ROUND(line * 10)` as an integer, or -1 without a line: 22.5 -> 225, 23 -> 230, null -> -1.
 * Half-tenths round away from zero like BigQuery's ROUND.
 */
export function lineKey(line: number | null): number {
  if (line === null) return NO_LINE_KEY;
  const x = line * 10;
  return Math.sign(x) * Math.round(Math.abs(x) + 1e-9);
}
