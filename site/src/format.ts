/**
 * Formatting of single numbers and codes for the pages: pure functions, no DOM, so jest tests
 * them directly. A missing or non-finite number renders as {@link DASH}.
 */

/** What a page shows for a missing value (the export contract's "-"). */
export const DASH = '-';

/** True for a finite number. */
export function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Fixed decimals: `points(27.456)` -> "27.5"; null -> "-". */
export function fixed(x: number | null | undefined, decimals = 1): string {
  return isNum(x) ? x.toFixed(decimals) : DASH;
}

/** Signed points, e.g. an edge: 1.234 -> "+1.2", -0.7 -> "-0.7", 0 -> "0.0". */
export function signed(x: number | null | undefined, decimals = 1): string {
  if (!isNum(x)) return DASH;
  const s = Math.abs(x).toFixed(decimals);
  if (Number(s) === 0) return s;
  return x > 0 ? `+${s}` : `-${s}`;
}

/** A 0-1 probability as a percentage: 0.512 -> "51.2%". */
export function percent(p: number | null | undefined, decimals = 1): string {
  return isNum(p) ? `${(100 * p).toFixed(decimals)}%` : DASH;
}

/** A 0-1 share with a sign, e.g. EV per unit staked: 0.031 -> "+3.1%", -0.031 -> "-3.1%". */
export function signedPercent(x: number | null | undefined, decimals = 1): string {
  return isNum(x) ? `${signed(100 * x, decimals)}%` : DASH;
}

/** American odds: -110 -> "-110", 125 -> "+125". */
export function odds(x: number | null | undefined): string {
  if (!isNum(x)) return DASH;
  const r = Math.round(x);
  return r > 0 ? `+${r}` : String(r);
}

/** Odds with the book offering them: "-105 fanduel"; the odds alone without a book. */
export function oddsAt(x: number | null | undefined, book: string | null | undefined): string {
  const o = odds(x);
  return o !== DASH && book ? `${o} ${book}` : o;
}

/** Short texts of the export's pass reasons (lib/model/decision.ts); an unknown code shows as lower-case words. */
export const PASS_REASONS: Readonly<Record<string, string>> = {
  NO_EDGE: 'EV too small',
  QUESTIONABLE: 'questionable, EV under his bar',
  NEGATIVE_EV: 'negative EV',
  NO_PRICE: 'no price',
  LIKELY_OUT: 'likely out',
  NO_LINE: 'no line',
  INSUFFICIENT_HISTORY: 'too few games',
  INSUFFICIENT_SIMILAR_GAMES: 'too few similar games',
  INSUFFICIENT_SYSTEMS: 'too few systems',
  NO_OPPONENT_CONTEXT: 'no opponent data',
  NO_SCORING_MIX: 'no scoring mix',
  INCOMPLETE_FEATURES: 'incomplete features',
};

/** The short text of a pass (or skip) reason code: "NEGATIVE_EV" -> "negative EV". */
export function passReason(code: string | null | undefined): string {
  if (!code) return DASH;
  const head = code.split(':')[0].trim();
  return PASS_REASONS[head] ?? head.toLowerCase().replace(/_/g, ' ');
}

/** Availability labels. */
export const AVAILABILITY: Readonly<Record<string, string>> = {
  active: 'active',
  questionable: 'questionable',
  likely_out: 'likely out',
};

/** The label of an availability status; "" for active or unknown. */
export function availabilityLabel(status: string | null | undefined): string {
  if (!status || status === 'active') return '';
  return AVAILABILITY[status] ?? status.replace(/_/g, ' ');
}

/** A date YYYY-MM-DD as "Fri, Dec 5, 2025" (UTC, so the game date never shifts). */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "MM-DD" of a date YYYY-MM-DD (chart axis labels). */
export function shortDate(iso: string): string {
  return /^\d{4}-(\d{2})-(\d{2})$/.test(iso) ? iso.slice(5) : iso;
}

/** A timestamp as "2025-12-05 21:33 UTC". */
export function stamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
