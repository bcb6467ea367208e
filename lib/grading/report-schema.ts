/**
 * The shapes of the backtest report's figures (lib/grading/report.ts computes them), as zod
 * schemas: the report JSON, `v1/performance/systems.json` and the best-bets' similar picks carry
 * them, so the exports validate them and docs/schemas/ describes them. Probabilities 0-1, points
 * per game, ROI per unit staked; every interval a slate-bootstrap 95% interval
 * (lib/grading/bootstrap.ts).
 */
import { z } from 'zod';

/** The result of an OVER/UNDER pick (prediction_accuracy.result). */
export const PickResult = z.enum(['win', 'loss', 'push', 'void']).meta({ id: 'PickResult' });
export type PickResult = z.infer<typeof PickResult>;

/** How the points went against the row's line (prediction_accuracy.line_result). */
export const LineResult = z.enum(['OVER', 'UNDER', 'PUSH']).meta({ id: 'LineResult' });
export type LineResult = z.infer<typeof LineResult>;

/** A ratio with its slate-bootstrap interval. */
export const Estimate = z
  .strictObject({
    value: z.number().nullable(),
    ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% percentile interval over slates'),
    n: z.number().int().min(0).describe('rows behind the estimate'),
  })
  .meta({ id: 'Estimate' });
export type Estimate = z.infer<typeof Estimate>;

/** Reliability of one tenth of the probability scale. */
export const ReliabilityBin = z
  .strictObject({
    bin: z.number().min(0).max(0.9).describe('lower edge of the tenth, 0.0..0.9'),
    n: z.number().int().min(0),
    mean_p: z.number().min(0).max(1),
    observed: z.number().min(0).max(1),
  })
  .meta({ id: 'ReliabilityBin' });
export type ReliabilityBin = z.infer<typeof ReliabilityBin>;

/** Brier, log loss and reliability of one forecaster on a set of rows. */
export const ProbabilityScores = z
  .strictObject({
    n: z.number().int().min(0),
    brier: z.number().nullable(),
    log_loss: z.number().nullable(),
    reliability: z.array(ReliabilityBin),
  })
  .meta({ id: 'ProbabilityScores' });
export type ProbabilityScores = z.infer<typeof ProbabilityScores>;

/** Results of a set of OVER/UNDER picks. */
export const PickResults = z
  .strictObject({
    picks: z.number().int().min(0),
    wins: z.number().int().min(0),
    losses: z.number().int().min(0),
    pushes: z.number().int().min(0),
    hit_rate: Estimate,
    break_even: z
      .number()
      .nullable()
      .describe('mean implied probability of the prices taken: the hit rate a pick needs to break even'),
    roi_best_price: Estimate,
    roi_consensus_price: Estimate.describe('picks whose line had a consensus price on the picked side'),
    leakage_warning: z.string().nullable(),
  })
  .meta({ id: 'PickResults' });
export type PickResults = z.infer<typeof PickResults>;

/** Picks whose measure (|edge| in points, or EV per unit) is in [from, to); `to` null = no bound. */
export const PickBucket = z
  .strictObject({
    from: z.number(),
    to: z.number().nullable(),
    picks: z.number().int().min(0),
    hit_rate: z.number().min(0).max(1).nullable().describe('pushes out; null without decided picks'),
    break_even: z.number().nullable().describe('mean implied probability of the prices taken'),
    hit_rate_ci95: z
      .tuple([z.number(), z.number()])
      .nullable()
      .describe('95% percentile interval over slates'),
    roi: z.number().nullable().describe('flat one-unit return per unit staked at the prices taken'),
    roi_ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% percentile interval over slates'),
  })
  .meta({ id: 'PickBucket' });
export type PickBucket = z.infer<typeof PickBucket>;

/** One system's report. */
export const SystemReport = z
  .strictObject({
    system_id: z.string(),
    lined: z.strictObject({
      n: z.number().int().min(0),
      mae: Estimate,
      mae_of_line: Estimate,
      mae_minus_line: Estimate.describe("MAE minus the line's MAE on the same rows (negative = better)"),
    }),
    unlined: z.strictObject({ n: z.number().int().min(0), mae: Estimate }),
    probability: z.strictObject({
      model: ProbabilityScores,
      market: ProbabilityScores,
      brier_minus_market: Estimate,
      log_loss_minus_market: Estimate,
    }),
    picks_main: PickResults.describe('picks at the main line (what all-players.json shows)'),
    picks_all_lines: PickResults.describe('picks at every ladder line with a price'),
    picks_by_edge: z.array(PickBucket).describe('picks at every priced line by |predicted - line| (points)'),
    picks_by_ev: z.array(PickBucket).describe('picks at every priced line by EV per unit at the price taken'),
    pass_reasons: z.record(z.string(), z.number().int().min(0)).describe('PASS and NO_LINE counts by reason'),
  })
  .meta({ id: 'SystemReport' });
export type SystemReport = z.infer<typeof SystemReport>;

/** The market on its own (one main-line row per player-game with a price). */
export const MarketReport = z
  .strictObject({
    n: z.number().int().min(0),
    mae_of_line: Estimate,
    scores: ProbabilityScores,
  })
  .meta({ id: 'MarketReport' });
export type MarketReport = z.infer<typeof MarketReport>;
