/**
 * Calendar dates as `YYYY-MM-DD` strings in US-Eastern time, the convention of every NBA table
 * (DESIGN §3: game_date is the ET date). Pure functions; no time zone library beyond `Intl`.
 */
import { PermanentError } from './errors';

/** IANA zone of NBA game dates. */
export const NBA_TIME_ZONE = 'America/New_York';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar date written `YYYY-MM-DD` (Gregorian leap years; no Date built). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
}

// Intl.DateTimeFormat objects are costly to build (about 0.2 ms each), so each format is built once.
const EASTERN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: NBA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const EASTERN_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: NBA_TIME_ZONE,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** The US-Eastern calendar date of the instant `now`, as `YYYY-MM-DD`. */
export function easternDate(now: Date): string {
  return EASTERN_DATE.format(now); // en-CA formats as YYYY-MM-DD
}

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DAY_CACHE_MAX = 50_000;
const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (NaN when it is not one), memoized: features ask often. */
function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    if (dayNumbers.size >= DAY_CACHE_MAX) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** Whole days from `from` to `to` (`to - from`); 1 for consecutive dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
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
  const month = date.slice(0, 7);
  let season = seasons.get(month);
  if (season === undefined) {
    const year = Number(date.slice(0, 4));
    const start = Number(date.slice(5, 7)) >= 10 ? year : year - 1;
    season = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    if (seasons.size < DAY_CACHE_MAX) seasons.set(month, season);
  }
  return season;
}

const seasons = new Map<string, string>();

/** Formats a tip-off instant as the front end's `7:30 PM ET`. */
export function formatGameTime(instant: Date): string {
  const t = EASTERN_TIME.format(instant);
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
