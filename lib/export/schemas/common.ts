/**
 * Pieces shared by the exported documents: a row's market, prediction and availability, as zod
 * schemas (the TypeScript types derive from them). Probabilities 0-1, odds American integers
 * (-110, +125), points per game, EV per unit staked.
 */
import { z } from 'zod';

/** A probability, 0-1, or null when unknown. */
export const probability = () => z.number().min(0).max(1).nullable();
/** American odds (an integer, <= -100 or >= +100), or null when no book offers the price. */
export const americanOdds = () => z.number().int().nullable();
/** A count, 0 or more. */
export const count = () => z.number().int().min(0);
/** A date, YYYY-MM-DD (US-Eastern game date). */
export const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An instant, ISO 8601 UTC. */
export const isoInstant = () => z.iso.datetime();

/** OVER, UNDER, PASS or NO_LINE. */
export const Recommendation = z.enum(['OVER', 'UNDER', 'PASS', 'NO_LINE']).meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof Recommendation>;

/** A pick: OVER or UNDER. */
export const PickSide = z.enum(['OVER', 'UNDER']);

/**
 * The fields of a pick as taken, shared by the best bets and the graded results: the side, the
 * price taken (American odds, its book), EV per unit staked at that price, the quarter-Kelly stake
 * (0-1 of the bankroll) and the calibrated probability the pick wins (0-1).
 */
export const pickTaken = {
  pick: PickSide,
  price_odds: z.number().int().nullable(),
  price_book: z.string().nullable(),
  ev: z.number().nullable(),
  stake_fraction: z.number().nullable(),
  p_win: probability().describe('calibrated probability that the pick wins'),
};

/** Whether the player is expected to play (DESIGN §7.1 "Availability"). */
export const ExportedAvailability = z
  .strictObject({
    status: z.enum(['active', 'questionable', 'likely_out']),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'ExportedAvailability' });
export type ExportedAvailability = z.infer<typeof ExportedAvailability>;

/** One book's prices at a line. */
export const BookPrice = z
  .strictObject({
    book: z.string(),
    over_odds: americanOdds(),
    under_odds: americanOdds(),
  })
  .meta({ id: 'BookPrice' });

/** The market at a line: best price per side with its book, no-vig P(over). */
export const LineMarket = z.strictObject({
  line: z.number().describe('points'),
  books: count().describe('books posting this line (0 when none does)'),
  over_odds: americanOdds().describe('best over price across books'),
  over_book: z.string().nullable(),
  under_odds: americanOdds().describe('best under price across books'),
  under_book: z.string().nullable(),
  no_vig_p_over: probability().describe("market's no-vig P(over): multiplicative de-vig, mean over books"),
});
export type LineMarket = z.infer<typeof LineMarket>;

/** A lined row's prop: its market and every book's prices. */
export const ExportedProp = LineMarket.extend({
  stat_type: z.literal('points'),
  prices: z.array(BookPrice),
}).meta({ id: 'ExportedProp' });
export type ExportedProp = z.infer<typeof ExportedProp>;

/** The price a pick takes (for a PASS: the better side's). */
export const ExportedPrice = z
  .strictObject({
    side: PickSide,
    odds: z.number().int(),
    book: z.string(),
  })
  .meta({ id: 'ExportedPrice' });

/** A row's prediction as users see it. */
export const ExportedPrediction = z
  .strictObject({
    predicted: z.number().nullable().describe('predicted points'),
    edge: z.number().nullable().describe('predicted - line, points'),
    p_over: probability().describe('calibrated P(points > line)'),
    p_under: probability().describe('calibrated P(points < line)'),
    p_push: probability().describe('P(points = line), on whole-number lines only'),
    recommendation: Recommendation,
    pass_reason: z.string().nullable().describe('why it is not OVER/UNDER (null for a pick)'),
    pass_detail: z.string().nullable(),
    ev: z.number().nullable().describe('expected value per unit staked at `price`'),
    price: ExportedPrice.nullable().describe("the pick's price, or for a PASS the better side's"),
    stake_fraction: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('quarter-Kelly share of the bankroll (0 for a PASS)'),
    confidence: probability().describe('calibrated probability that the pick wins; null for a PASS'),
  })
  .meta({ id: 'ExportedPrediction' });
export type ExportedPrediction = z.infer<typeof ExportedPrediction>;

/** A game's tip-off: the label and the instant. */
export const TipOff = {
  game_time: z.string().nullable().describe('tip-off in US-Eastern, e.g. "7:30 PM ET"; null when unknown'),
  tip_time: isoInstant().nullable().describe('tip-off instant, ISO 8601 UTC; null when unknown'),
};
