/**
 * Point-in-time calibration of P(over) and the market anchor of the ensemble, fit on graded rows of
 * earlier dates only (the caller passes only rows dated before the game date).
 *
 * - Calibration: a logistic regression of "went over" on the logits of the market's no-vig P(over)
 *   and of the system's own (uncalibrated) P(over), `p = sigmoid(a + b logit(p_market) + c
 *   logit(p_model))`, fit by Newton's method with an L2 penalty towards the prior (a, b, c) = (0, 1,
 *   0), i.e. "the market is right" until the graded rows say otherwise. Where no book prices a line
 *   the model-only fit `sigmoid(a + c logit(p_model))` (prior (0, 1)) is used. This is Platt's
 *   scaling (J. Platt, "Probabilistic outputs for support vector machines", 1999) with the market as
 *   a second input and a Gaussian prior on the weights (ridge logistic regression; T. Hastie, R.
 *   Tibshirani, J. Friedman, "The Elements of Statistical Learning", 2nd ed., section 4.4.4).
 * - Anchor: the market-anchored prediction is `line + w (model - line)`; w in [0, 1] minimises the
 *   mean absolute error on the graded rows (a grid of PROBABILITY.anchorGridStep); with fewer than
 *   PROBABILITY.anchorMinRows rows the prior weight is used.
 * Probabilities are 0-1, points per game.
 */
import { PROBABILITY as C } from './probability-constants';

/** Clamp of probabilities before a logit, so 0 and 1 stay finite. */
const P_EPS = 1e-6;

/** log(p / (1 - p)) with p clamped to [1e-6, 1 - 1e-6]. */
export function logit(p: number): number {
  const q = Math.min(1 - P_EPS, Math.max(P_EPS, p));
  return Math.log(q / (1 - q));
}

/** 1 / (1 + e^-z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Ridge logistic regression by Newton's method: maximises sum(y log p + (1-y) log(1-p)) -
 * lambda/2 |beta - prior|^2. `x` rows must have the same length as `prior` (include the constant 1).
 * Returns the prior unchanged for no rows.
 * @throws RangeError when a row's length differs from the prior's.
 */
export function fitLogistic(
  x: ReadonlyArray<readonly number[]>,
  y: readonly number[],
  prior: readonly number[],
  lambda: number,
  maxIterations = 50,
): number[] {
  const k = prior.length;
  const beta = [...prior];
  if (x.length === 0) return beta;
  for (const row of x)
    if (row.length !== k) throw new RangeError(`row has ${row.length} values, expected ${k}`);
  for (let it = 0; it < maxIterations; it += 1) {
    const g = beta.map((b, j) => -lambda * (b - prior[j]));
    const h = Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => (i === j ? lambda : 0)),
    );
    for (let n = 0; n < x.length; n += 1) {
      const row = x[n];
      let z = 0;
      for (let j = 0; j < k; j += 1) z += beta[j] * row[j];
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let i = 0; i < k; i += 1) {
        g[i] += (y[n] - p) * row[i];
        for (let j = 0; j < k; j += 1) h[i][j] += w * row[i] * row[j];
      }
    }
    const step = solve(h, g);
    let biggest = 0;
    for (let j = 0; j < k; j += 1) {
      beta[j] += step[j];
      biggest = Math.max(biggest, Math.abs(step[j]));
    }
    if (biggest < 1e-10) break;
  }
  return beta;
}

/** Solves a x = b for a small symmetric positive-definite a (Gaussian elimination, partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c += 1) {
    let piv = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r][c] / m[c][c];
      for (let j = c; j <= n; j += 1) m[r][j] -= f * m[c][j];
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = m[r][n];
    for (let j = r + 1; j < n; j += 1) s -= m[r][j] * out[j];
    out[r] = s / m[r][r];
  }
  return out;
}

/** Coefficients of one system's calibration. */
export interface Calibration {
  /** (a, b, c) of sigmoid(a + b logit(p_market) + c logit(p_model)). */
  with_market: [number, number, number];
  /** (a, c) of sigmoid(a + c logit(p_model)), for lines no book prices. */
  model_only: [number, number];
  /** Graded rows the fit used (0 = the prior). */
  rows: number;
}

/** The prior: the market's own probability, and the model's raw probability where there is no market. */
export const PRIOR_CALIBRATION: Calibration = { with_market: [0, 1, 0], model_only: [0, 1], rows: 0 };

/** One graded row for calibration: the probabilities the row carried and whether it went over. */
export interface CalibrationRow {
  /** Market no-vig P(over | no push); null when no book priced the line. */
  market_p_over: number | null;
  /** The system's uncalibrated P(over | no push). */
  model_p_over: number;
  /** True when the actual points went over the line (pushes are left out by the caller). */
  over: boolean;
}

/** Fits a system's calibration on graded rows of earlier dates. */
export function fitCalibration(rows: readonly CalibrationRow[], lambda = C.calibrationL2): Calibration {
  const priced = rows.filter((r) => r.market_p_over !== null);
  const withMarket = fitLogistic(
    priced.map((r) => [1, logit(r.market_p_over as number), logit(r.model_p_over)]),
    priced.map((r) => (r.over ? 1 : 0)),
    PRIOR_CALIBRATION.with_market,
    lambda,
  );
  const modelOnly = fitLogistic(
    rows.map((r) => [1, logit(r.model_p_over)]),
    rows.map((r) => (r.over ? 1 : 0)),
    PRIOR_CALIBRATION.model_only,
    lambda,
  );
  return {
    with_market: [withMarket[0], withMarket[1], withMarket[2]],
    model_only: [modelOnly[0], modelOnly[1]],
    rows: rows.length,
  };
}

/**
 * The calibrated P(over | no push) of a row: with the market when it prices the line, else from the
 * model alone.
 */
export function calibratedOver(cal: Calibration, marketPOver: number | null, modelPOver: number): number {
  const zp = logit(modelPOver);
  if (marketPOver !== null) {
    const [a, b, c] = cal.with_market;
    return sigmoid(a + b * logit(marketPOver) + c * zp);
  }
  const [a, c] = cal.model_only;
  return sigmoid(a + c * zp);
}

/** One graded row for the anchor: the line, the unanchored model prediction and the actual points. */
export interface AnchorRow {
  line: number;
  model: number;
  actual: number;
}

/** The anchor weight and what it was fit on. */
export interface Anchor {
  /** w of line + w (model - line), 0-1. */
  weight: number;
  rows: number;
}

/** Fits the anchor weight on graded rows of earlier dates (prior weight under the minimum rows). */
export function fitAnchor(rows: readonly AnchorRow[]): Anchor {
  if (rows.length < C.anchorMinRows) return { weight: C.anchorPriorWeight, rows: rows.length };
  let bestW: number = C.anchorPriorWeight;
  let bestMae = Infinity;
  const steps = Math.round(1 / C.anchorGridStep);
  for (let s = 0; s <= steps; s += 1) {
    const w = s / steps;
    let sum = 0;
    for (const r of rows) sum += Math.abs(r.line + w * (r.model - r.line) - r.actual);
    // A strictly lower MAE moves the weight; ties keep the smaller weight (closer to the market).
    if (sum / rows.length < bestMae - 1e-12) {
      bestMae = sum / rows.length;
      bestW = w;
    }
  }
  return { weight: bestW, rows: rows.length };
}
