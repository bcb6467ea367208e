/**
 * One system at one line: the system's own (uncalibrated) P(over) from the predictive distribution
 * around its prediction, the calibrated probabilities that combine it with the market's no-vig
 * P(over), and the decision at the best price. Pure; every number is finite or null.
 *
 * - Model: negative binomial around the prediction (lib/model/distribution.ts), giving over, under
 *   and push (whole-number lines only). The model's P(over) is taken given no push, as the market's is.
 * - Calibrated: p = calibratedOver(system's calibration, market no-vig P(over) or null, model
 *   P(over | no push)); then p_over = (1 - p_push) p and p_under = (1 - p_push) (1 - p).
 */
import type { Availability } from '../messages';
import { lineMarket, type BookPrice, type LineMarket } from '../slate/prices';
import { calibratedOver, PRIOR_CALIBRATION, type Calibration } from './calibration';
import { decide, type Decision } from './decision';
import { lineProbabilities, type LineProbabilities } from './distribution';
import { PROBABILITY } from './probability-constants';
import type { SystemResult } from './types';

/** Everything a row carries about its line beyond the prediction. */
export interface LineOutcome {
  /** The market at the line; null when no book posts it. */
  market: LineMarket | null;
  /** The system's P(over | no push) before calibration; null when it could not predict. */
  model_p_over: number | null;
  /** Calibrated probabilities; null when the system could not predict or there is no line. */
  probabilities: LineProbabilities | null;
  decision: Decision;
}

/** The market of `line` from the request's prices (null when no book posts it). */
export function marketAt(
  line: number | null,
  prices: ReadonlyArray<{ line: number; prices: BookPrice[] }>,
): LineMarket | null {
  if (line === null) return null;
  const at = prices.find((p) => Math.abs(p.line - line) < 1e-9);
  if (!at) return null;
  const m = lineMarket(line, at.prices);
  return m.books > 0 ? m : null;
}

/** The probabilities and decision of `result` at `line`. */
export function lineOutcome(
  result: SystemResult,
  line: number | null,
  market: LineMarket | null,
  calibration: Calibration | undefined,
  availability: Availability,
): LineOutcome {
  let modelPOver: number | null = null;
  let probabilities: LineProbabilities | null = null;
  if (result.ok && line !== null) {
    const raw = lineProbabilities(result.predicted, line, PROBABILITY.dispersion);
    const decided = raw.over + raw.under;
    modelPOver = decided > 0 ? raw.over / decided : 0.5;
    const p = calibratedOver(calibration ?? PRIOR_CALIBRATION, market?.no_vig_p_over ?? null, modelPOver);
    probabilities = { over: (1 - raw.push) * p, under: (1 - raw.push) * (1 - p), push: raw.push };
  }
  const decision = decide({
    line,
    skip_reason: result.ok ? null : result.reason,
    skip_detail: result.ok ? undefined : result.detail,
    probabilities,
    market,
    availability: availability.status,
  });
  return { market, model_p_over: modelPOver, probabilities, decision };
}
