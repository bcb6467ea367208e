/**
 * Grading (DESIGN §7): the vocabulary of a graded prediction and the two instants that bound the
 * wait for box scores. The grading itself is one MERGE (lib/warehouse/sql/grading.ts MERGE_GRADES,
 * whose module comment states every rule), run by lib/data/grading.ts.
 */
import { NBA_TIME_ZONE, addDays, easternDate } from '../dates';

export type { LineResult, PickResult } from './report-schema';

const HOUR_MS = 3_600_000;

function easternHour(instant: Date): number {
  const h = new Intl.DateTimeFormat('en-US', { timeZone: NBA_TIME_ZONE, hour: 'numeric', hour12: false })
    .formatToParts(instant)
    .find((p) => p.type === 'hour')?.value;
  return Number(h) % 24;
}

/**
 * The instant of `hour`:00 US-Eastern on `date` (EDT is UTC-4, EST UTC-5; the offset in force at
 * that hour is used), e.g. 2025-12-05 09:00 ET = 2025-12-05T14:00:00Z, 2025-10-22 09:00 ET =
 * 13:00Z. Hours 0-23.
 */
export function easternInstant(date: string, hour: number): Date {
  for (const offset of [4, 5]) {
    const candidate = new Date(Date.parse(`${date}T00:00:00Z`) + (hour + offset) * HOUR_MS);
    if (easternDate(candidate) === date && easternHour(candidate) === hour) return candidate;
  }
  // A wall-clock hour skipped by the spring change (02:00): the instant one hour later.
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 5) * HOUR_MS);
}

/**
 * Until when a date's missing box scores are waited for: `deadlineHours` after its last tip-off
 * (ISO instants; midnight US-Eastern after the date when no tip-off time is known).
 */
export function boxScoreDeadline(
  date: string,
  tipOffs: ReadonlyArray<string | null>,
  deadlineHours: number,
): Date {
  const known = tipOffs.filter((t): t is string => t !== null).map((t) => Date.parse(t));
  const lastTip = known.length > 0 ? Math.max(...known) : easternInstant(addDays(date, 1), 0).getTime();
  return new Date(lastTip + deadlineHours * HOUR_MS);
}

/** When a date's results are due: `dueHourEt`:00 US-Eastern on the next day (09:00 by default). */
export function resultsDueAt(date: string, dueHourEt: number): Date {
  return easternInstant(addDays(date, 1), dueHourEt);
}
