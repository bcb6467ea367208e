/**
 * Calendar dates as `YYYY-MM-DD` strings in US-Eastern time, the convention of every NBA table
 * (DESIGN §3: game_date is the ET date). Pure functions; no time zone library beyond `Intl`.
 */
import { PermanentError } from './errors';

/** IANA zone of NBA game dates. */
export const NBA_TIME_ZONE = 'America/New_York';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The US-Eastern calendar date of the instant `now`, as `YYYY-MM-DD`. */
export function easternDate(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: NBA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts; // en-CA formats as YYYY-MM-DD
}

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (`to - from`); 1 for consecutive dates. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * Resolves the trigger's `game_date` field: `YYYY-MM-DD` as is, `TODAY`/`TOMORROW` (any case) as the
 * US-Eastern date of `now` (+1 day). A missing value means TODAY.
 * @throws PermanentError(`BAD_GAME_DATE`) for anything else, e.g. `2025-02-30` or `yesterday`.
 */
export function resolveGameDate(value: string | undefined, now: Date): string {
  const v = (value ?? 'TODAY').trim();
  const upper = v.toUpperCase();
  if (upper === 'TODAY') return easternDate(now);
  if (upper === 'TOMORROW') return addDays(easternDate(now), 1);
  if (isIsoDate(v)) return v;
  if (ISO_DATE.test(v)) {
    throw new PermanentError('BAD_GAME_DATE', `game_date "${v}" is not a calendar date`, {
      field: 'game_date',
    });
  }
  throw new PermanentError('BAD_GAME_DATE', `game_date must be YYYY-MM-DD, TODAY or TOMORROW; got "${v}"`, {
    field: 'game_date',
  });
}

/**
 * NBA season label of a game date: seasons start in October, so 2025-12-05 is `2025-26` and
 * 2025-04-01 is `2024-25`. Source: the `season` column of the shipped box scores.
 */
export function seasonOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 10 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Formats a tip-off instant as the front end's `7:30 PM ET`. */
export function formatGameTime(instant: Date): string {
  const t = new Intl.DateTimeFormat('en-US', {
    timeZone: NBA_TIME_ZONE,
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(instant);
  return `${t.replace(/\u202f/g, ' ')} ET`;
}

/** Wall-clock time of the scheduled same-day run (terraform/scheduler.tf `same-day-predictions`, 11:30 ET). */
export const MORNING_RUN_ET = { hour: 11, minute: 30 } as const;

/**
 * The UTC instant of `hour:minute` US-Eastern on `date` (DST handled through Intl), e.g.
 * 2025-10-21 11:30 ET -> 2025-10-21T15:30:00.000Z and 2025-12-05 11:30 ET -> 16:30Z.
 */
export function easternInstant(date: string, hour: number, minute: number): Date {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  // The zone's offset at the guess, from how Intl writes that instant in New York.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: NBA_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const asIfUtc = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
  return new Date(guess + (guess - asIfUtc));
}

/** The scheduled morning run of a game date: {@link MORNING_RUN_ET} on that date, as a UTC instant. */
export function morningRunInstant(date: string): Date {
  return easternInstant(date, MORNING_RUN_ET.hour, MORNING_RUN_ET.minute);
}
