/**
 * The predictive distribution of a player's points: a negative binomial with mean mu and variance
 * dispersion * mu (an over-dispersed Poisson; points are counts whose variance grows with the mean).
 * Parameterisation: r = mu / (dispersion - 1) successes, per-trial probability 1 / dispersion, so
 * P(X = k) = C(k + r - 1, k) (1/d)^r (1 - 1/d)^k. Source: any text on count models, e.g. A. C.
 * Cameron and P. K. Trivedi, "Regression Analysis of Count Data" (2nd ed., 2013), section 3.3 (the
 * "NB1" variance function). The dispersion is measured on the 2024-25 box scores
 * (lib/model/probability-constants.ts).
 */

/** Smallest mean the distribution is evaluated at, points (a 0-point prediction has no spread). */
export const MIN_MEAN_POINTS = 0.5;

/** P(X > line), P(X < line) and P(X = line) (the push; 0 unless the line is a whole number). */
export interface LineProbabilities {
  over: number;
  under: number;
  push: number;
}

/**
 * P(X <= k) for k = 0..kMax of the negative binomial with mean `mu` and variance `dispersion * mu`,
 * by the pmf recurrence P(k+1) = P(k) (k + r) / (k + 1) q.
 * @throws RangeError when dispersion <= 1 or mu is not finite.
 */
export function negBinomCdf(mu: number, dispersion: number, kMax: number): number[] {
  if (!(dispersion > 1) || !Number.isFinite(dispersion))
    throw new RangeError(`dispersion must be > 1, got ${dispersion}`);
  if (!Number.isFinite(mu)) throw new RangeError(`mean must be finite, got ${mu}`);
  const m = Math.max(mu, MIN_MEAN_POINTS);
  const r = m / (dispersion - 1);
  const q = 1 - 1 / dispersion;
  let pmf = Math.pow(1 / dispersion, r);
  let cdf = pmf;
  const out = [Math.min(1, cdf)];
  for (let k = 0; k < kMax; k += 1) {
    pmf *= ((k + r) / (k + 1)) * q;
    cdf += pmf;
    out.push(Math.min(1, cdf));
  }
  return out;
}

/**
 * The over/under/push probabilities at a points line under the predictive distribution: on a
 * half-point line (22.5) over = P(X >= 23), under = P(X <= 22), push = 0; on a whole line (23)
 * push = P(X = 23).
 * @throws RangeError for a negative or non-finite line, or a bad mean/dispersion.
 */
export function lineProbabilities(mu: number, line: number, dispersion: number): LineProbabilities {
  if (!Number.isFinite(line) || line < 0) throw new RangeError(`line must be >= 0, got ${line}`);
  const whole = Number.isInteger(line);
  const k = Math.floor(line);
  const cdf = negBinomCdf(mu, dispersion, k);
  const atOrBelow = cdf[k];
  const below = whole ? (k > 0 ? cdf[k - 1] : 0) : atOrBelow;
  return { over: Math.max(0, 1 - atOrBelow), under: below, push: whole ? atOrBelow - below : 0 };
}
