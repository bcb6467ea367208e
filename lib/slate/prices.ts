/**
 * The market at one points line: each book's over/under prices, the best price per side with its
 * book, the consensus (median) price, and the market's no-vig P(over).
 *
 * De-vig method: multiplicative normalization ("basic normalization"): a book's implied
 * probabilities q_over and q_under (which sum to more than 1 by the book's margin) are divided by
 * their sum, p_over = q_over / (q_over + q_under). Source: E. Štrumbelj, "On determining probability
 * forecasts from betting odds", International Journal of Forecasting 30(4), 2014, section 2.1. The
 * market's no-vig P(over) is the mean of the books' no-vig P(over) at this line. On a whole-number
 * line the books refund a push, so it is the probability of over given no push.
 */
import { mean } from '../model/stats';
import { impliedProbability, medianOdds } from './odds';

/** One book's prices at one line, American odds (null when the book does not offer that side). */
export interface BookPrice {
  book: string;
  over_odds: number | null;
  under_odds: number | null;
}

/** A price and the book offering it. */
export interface BestPrice {
  odds: number;
  book: string;
}

/** The market at one line. Probabilities 0-1, odds American. */
export interface LineMarket {
  line: number;
  /** Books with at least one side at this line. */
  books: number;
  /** Best (highest-paying) price per side, ties to the book that sorts first; null when no book offers the side. */
  best_over: BestPrice | null;
  best_under: BestPrice | null;
  /** Median price per side in implied-probability space (the "consensus price"); null when none. */
  consensus_over_odds: number | null;
  consensus_under_odds: number | null;
  /** Mean of the books' no-vig P(over) over books quoting both sides; null when none does. */
  no_vig_p_over: number | null;
  /** Every book's prices, sorted by book. */
  prices: BookPrice[];
}

/** True for a usable American price: an integer <= -100 or >= +100. */
export function isAmericanOdds(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isInteger(x) && (x <= -100 || x >= 100);
}

/**
 * Net winnings per unit staked at American odds: +150 -> 1.5, -120 -> 0.8333, +100 -> 1.
 * @throws RangeError for a value that is not American odds.
 */
export function netPayout(odds: number): number {
  if (!isAmericanOdds(odds)) throw new RangeError(`not American odds: ${String(odds)}`);
  return odds > 0 ? odds / 100 : 100 / -odds;
}

/**
 * The no-vig P(over) of one book's over/under prices by multiplicative normalization, e.g.
 * -120/+100: q = 120/220 and 100/200, p_over = 0.54545 / 1.04545 = 0.52174.
 * @throws RangeError when either price is not American odds.
 */
export function noVigOver(overOdds: number, underOdds: number): number {
  if (!isAmericanOdds(overOdds) || !isAmericanOdds(underOdds)) {
    throw new RangeError(`not American odds: ${overOdds}/${underOdds}`);
  }
  const qo = impliedProbability(overOdds);
  const qu = impliedProbability(underOdds);
  return qo / (qo + qu);
}

function best(prices: readonly BookPrice[], side: 'over_odds' | 'under_odds'): BestPrice | null {
  let out: BestPrice | null = null;
  for (const p of prices) {
    const odds = p[side];
    if (!isAmericanOdds(odds)) continue;
    // Higher net payout is better; among equal prices the first book (sorted) keeps it.
    if (out === null || netPayout(odds) > netPayout(out.odds)) out = { odds, book: p.book };
  }
  return out;
}

/**
 * The market at `line` from the books' prices there. Invalid prices (not American odds) count as
 * missing; a book listed twice keeps its first entry.
 */
export function lineMarket(line: number, prices: readonly BookPrice[]): LineMarket {
  const seen = new Set<string>();
  const clean: BookPrice[] = [];
  for (const p of [...prices].sort((a, b) => a.book.localeCompare(b.book))) {
    if (seen.has(p.book)) continue;
    const over = isAmericanOdds(p.over_odds) ? p.over_odds : null;
    const under = isAmericanOdds(p.under_odds) ? p.under_odds : null;
    if (over === null && under === null) continue;
    seen.add(p.book);
    clean.push({ book: p.book, over_odds: over, under_odds: under });
  }
  const twoSided = clean.filter((p) => p.over_odds !== null && p.under_odds !== null);
  const noVig = twoSided.map((p) => noVigOver(p.over_odds as number, p.under_odds as number));
  return {
    line,
    books: clean.length,
    best_over: best(clean, 'over_odds'),
    best_under: best(clean, 'under_odds'),
    consensus_over_odds: medianOdds(clean.flatMap((p) => (p.over_odds === null ? [] : [p.over_odds]))),
    consensus_under_odds: medianOdds(clean.flatMap((p) => (p.under_odds === null ? [] : [p.under_odds]))),
    no_vig_p_over: mean(noVig),
    prices: clean,
  };
}
