/**
 * American odds helpers. American odds: -110 means risk 110 to win 100; +125 means risk 100 to
 * win 125. Implied probability (with the vig) p = 110/210 for -110, 100/225 for +125.
 */

/** Implied probability (0-1) of American odds. */
export function impliedProbability(odds: number): number {
  return odds < 0 ? -odds / (-odds + 100) : 100 / (odds + 100);
}

/** American odds of a probability (0-1), rounded to an integer; 0.5 is +100. */
export function americanOdds(p: number): number {
  if (p > 0.5) return -Math.round((100 * p) / (1 - p));
  return Math.round((100 * (1 - p)) / p);
}

/** Median of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median price of a set of American odds, taken in implied-probability space so -110 and +105
 * average to a price near even, not to -2.5. Null when empty.
 */
export function medianOdds(odds: readonly number[]): number | null {
  const m = median(odds.map(impliedProbability));
  return m === null ? null : americanOdds(m);
}

/** Break-even hit rate of a bet at American odds, e.g. 0.5238 at -110. */
export function breakEvenRate(odds: number): number {
  return impliedProbability(odds);
}
