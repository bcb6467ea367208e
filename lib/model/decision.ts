/**
 * From a calibrated probability and the market at a line to a decision: the expected value of each
 * side at its best price, a pick (OVER/UNDER) only when that EV clears DECISION.evThreshold, the
 * model rates the side more likely than the market's no-vig probability does (so a price that is
 * off the other books' alone is not a pick) and nothing blocks it, else PASS with its reason; and
 * the stake as a capped fractional Kelly share.
 *
 * EV per unit staked on a side = p_win * b - p_lose, with b the net payout of the price and a push
 * refunded (probability p_push, no gain or loss). Kelly stake with a push: the f maximising
 * p_win log(1 + b f) + p_lose log(1 - f) is f* = (b p_win - p_lose) / (b (p_win + p_lose)), which is
 * (b p - q) / b without pushes. Source: J. L. Kelly (1956); constants in probability-constants.ts.
 */
import { netPayout, type BestPrice, type LineMarket } from '../slate/prices';
import type { LineProbabilities } from './distribution';
import { EV_DECIMALS, PROBABILITY_DECIMALS } from './precision';
import { DECISION as C } from './probability-constants';
import { round } from './stats';
import type { SkipReason } from './types';

/**
 * Why a row is not an OVER/UNDER, checked in this order: the player is likely out (every row of
 * his, NO_LINE rows included); no line; the system could not predict (its SkipReason); no book
 * prices the line; the best EV of a side the model rates above the market is under the threshold,
 * or no side is rated above the market (NO_EDGE), or the EV is over the threshold but not over the
 * questionable player's higher bar (QUESTIONABLE).
 */
export type PassReason = 'NO_LINE' | 'LIKELY_OUT' | 'NO_PRICE' | 'NO_EDGE' | 'QUESTIONABLE' | SkipReason;

/** Availability status of the player (startBatch's assessment). */
export type AvailabilityStatus = 'active' | 'questionable' | 'likely_out';

/** Expected value per unit staked on a side at net payout `b` (e.g. 1 at +100): p_win b - p_lose. */
export function expectedValue(pWin: number, pLose: number, b: number): number {
  return pWin * b - pLose;
}

/**
 * The full Kelly share of the bankroll on a side, >= 0: (b p_win - p_lose) / (b (p_win + p_lose)).
 * At p = 0.55, +100 it is 0.10.
 */
export function kellyFraction(pWin: number, pLose: number, b: number): number {
  const denom = b * (pWin + pLose);
  if (!(denom > 0)) return 0;
  return Math.max(0, (b * pWin - pLose) / denom);
}

/** The stake published with a pick: DECISION.kellyFraction of the Kelly share, capped at DECISION.kellyCap. */
export function stakeFraction(pWin: number, pLose: number, b: number): number {
  return Math.min(C.kellyCap, C.kellyFraction * kellyFraction(pWin, pLose, b));
}

/** The decision of one row. */
export interface Decision {
  recommendation: 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE';
  /** Null only for OVER/UNDER. */
  pass_reason: PassReason | null;
  /** Free text behind the reason, e.g. "EV +0.012 < 0.030 at the best price" (null for picks). */
  pass_detail: string | null;
  /** EV per unit of the pick, or of the better side for a PASS with prices; null without a price. */
  ev: number | null;
  /** The side `ev` and `price` refer to (the pick's, or the better side of a PASS); null without a price. */
  side: 'OVER' | 'UNDER' | null;
  /** The price the pick (or the better side) assumes. */
  price: BestPrice | null;
  /** Share of the bankroll; 0 for a PASS. */
  stake_fraction: number;
  /** Calibrated probability that the pick wins; null for a PASS. */
  confidence: number | null;
}

/** What a decision needs. A system that could not predict passes with its reason. */
export interface DecisionInput {
  /** The row's line, points; null = no line. */
  line: number | null;
  /** The system's reason when it could not predict (INSUFFICIENT_HISTORY ...), else null. */
  skip_reason: PassReason | null;
  skip_detail?: string;
  /** Calibrated probabilities at the line; null when the system could not predict. */
  probabilities: LineProbabilities | null;
  /** The market at the line (null or 0 books: no price). */
  market: LineMarket | null;
  availability: AvailabilityStatus;
}

const pass = (
  reason: PassReason,
  detail: string,
  ev: number | null = null,
  side: Decision['side'] = null,
  price: BestPrice | null = null,
): Decision => ({
  recommendation: reason === 'NO_LINE' ? 'NO_LINE' : 'PASS',
  pass_reason: reason,
  pass_detail: detail,
  ev,
  side,
  price,
  stake_fraction: 0,
  confidence: null,
});

/** Decides one row (the order of the checks is that of {@link PassReason}'s comment). */
export function decide(input: DecisionInput): Decision {
  // A likely_out player's rows all say so, with a line or without (the row stays NO_LINE without).
  if (input.availability === 'likely_out') {
    const out = pass('LIKELY_OUT', 'the player is likely out tonight');
    return input.line === null ? { ...out, recommendation: 'NO_LINE' } : out;
  }
  if (input.line === null) return pass('NO_LINE', 'no prop line for this player');
  if (input.skip_reason !== null || input.probabilities === null) {
    return pass(
      input.skip_reason ?? 'INSUFFICIENT_HISTORY',
      input.skip_detail ?? 'the system could not predict',
    );
  }
  const m = input.market;
  if (!m || (m.best_over === null && m.best_under === null)) {
    return pass('NO_PRICE', `no book posts ${input.line}`);
  }
  const p = input.probabilities;
  const nv = m.no_vig_p_over;
  const sides = [
    { rec: 'OVER' as const, price: m.best_over, win: p.over, lose: p.under, market: nv },
    {
      rec: 'UNDER' as const,
      price: m.best_under,
      win: p.under,
      lose: p.over,
      market: nv === null ? null : 1 - nv,
    },
  ]
    .filter((s): s is typeof s & { price: BestPrice } => s.price !== null)
    .map((s) => {
      const b = netPayout(s.price.odds);
      // The model's chance of the side among decided outcomes (pushes out), as the market's is.
      const model = s.win + s.lose > 0 ? s.win / (s.win + s.lose) : 0;
      // Compared as stored (EV_DECIMALS, PROBABILITY_DECIMALS), like every published number.
      const agrees =
        s.market === null ||
        (round(model, PROBABILITY_DECIMALS) ?? 0) > (round(s.market, PROBABILITY_DECIMALS) ?? 0);
      return { ...s, b, model, agrees, ev: round(expectedValue(s.win, s.lose, b), EV_DECIMALS) ?? 0 };
    })
    .sort((a, b) => b.ev - a.ev);
  const odds = (x: number) => `${x > 0 ? '+' : ''}${x}`;
  const evText = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const questionable = input.availability === 'questionable';
  const threshold = C.evThreshold * (questionable ? C.questionableEvMultiplier : 1);
  const best = sides[0];
  const top = sides.find((s) => s.agrees);
  if (!top || top.ev < threshold) {
    if (best.ev >= C.evThreshold && !best.agrees && best.market !== null) {
      return pass(
        'NO_EDGE',
        `EV ${evText(best.ev)} (${best.rec} ${odds(best.price.odds)} at ${best.price.book}) comes from the price alone: the model's P(${best.rec.toLowerCase()}) ${best.model.toFixed(3)} is not above the market's no-vig ${best.market.toFixed(3)}`,
        best.ev,
        best.rec,
        best.price,
      );
    }
    const shown = top ?? best;
    const reason: PassReason = questionable && shown.ev >= C.evThreshold ? 'QUESTIONABLE' : 'NO_EDGE';
    return pass(
      reason,
      `best EV ${evText(shown.ev)} (${shown.rec} ${odds(shown.price.odds)} at ${shown.price.book}) < ${threshold.toFixed(3)}`,
      shown.ev,
      shown.rec,
      shown.price,
    );
  }
  const stake = stakeFraction(top.win, top.lose, top.b) * (questionable ? C.questionableStakeMultiplier : 1);
  return {
    recommendation: top.rec,
    pass_reason: null,
    pass_detail: null,
    ev: top.ev,
    side: top.rec,
    price: top.price,
    stake_fraction: stake,
    confidence: top.win,
  };
}
