/**
 * Constants of the probability, price and decision layer (what turns a points prediction into a
 * probability per line and a pick), each with its source or the measurement that chose it.
 * Probabilities are 0-1, EV is per unit staked, stakes are shares of the bankroll.
 */

/** Predictive distribution and point-in-time fits. */
export const PROBABILITY = {
  /**
   * Variance / mean of points around a prediction (negative binomial "NB1" dispersion). Measured on
   * the 2024-25 box scores, which precede every evaluated date: 16,517 player-games of players
   * averaging 15+ minutes over their last 10 games, around 0.5 L5 + 0.3 L10 + 0.2 season average;
   * mean squared residual / mean prediction = 3.34 (docs/probability.md, "Dispersion").
   */
  dispersion: 3.3,
  /**
   * L2 weight of the calibration's prior (the market is right), in units of graded rows: with 100
   * rows the fit moves halfway at most. Ours; out of time on the 46 lined slates a weight of 10,
   * 100 or 1000 gave the same Brier score within 0.0003 (docs/probability.md).
   */
  calibrationL2: 100,
  /** Days of graded history the calibration and the anchor read (one season). Ours. */
  historyDays: 365,
  /**
   * Prior weight of the model in the market-anchored prediction line + w (model - line), used until
   * `anchorMinRows` graded rows exist. Ours: the middle of the 0.05-0.15 model weights (line weight
   * 0.85-0.95) that earlier dates chose on the 2025-26 lines.
   */
  anchorPriorWeight: 0.1,
  /** Graded main-line rows needed before the anchor weight is fit (about 3 slates). Ours. */
  anchorMinRows: 500,
  /** Grid of the anchor weight. Ours. */
  anchorGridStep: 0.01,
} as const;

/** The pick: when an OVER/UNDER is published and how much to stake. */
export const DECISION = {
  /**
   * Minimum expected value per unit staked, at the best available price, for a pick. Ours, fixed
   * before the backtest was read: a calibrated probability that moves by 0.015 moves the EV of an
   * even-money bet by 0.03, and 0.015 is about the standard error of a calibration fit on a few
   * thousand rows, so a smaller EV is indistinguishable from none.
   */
  evThreshold: 0.03,
  /**
   * Share of the Kelly stake: quarter Kelly. Source: J. L. Kelly, "A New Interpretation of
   * Information Rate", Bell System Technical Journal 35(4), 1956 (the full stake); fractional Kelly
   * trades growth for much lower variance and protects against an overstated edge (L. C. MacLean,
   * E. O. Thorp, W. T. Ziemba, "The Kelly Capital Growth Investment Criterion", 2011, ch. 1).
   */
  kellyFraction: 0.25,
  /** Largest stake, share of the bankroll, whatever the Kelly stake. Ours. */
  kellyCap: 0.05,
  /**
   * A questionable player's pick needs this many times the EV threshold and gets this share of the
   * stake. Ours: on the official reports of 2025-10-21..11-07, 53% of Questionable players played
   * (63 of 118), often with limited minutes; a prop on a player who does not play is void (refunded),
   * so the risk is the minutes, not the stake.
   */
  questionableEvMultiplier: 2,
  questionableStakeMultiplier: 0.5,
} as const;
