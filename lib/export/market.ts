/**
 * The exported shapes of a row's market, prediction and availability, shared by all-players.json,
 * the player card and predictions/<date>.json. Probabilities 0-1, odds American, points per game,
 * EV per unit staked. Every number is as stored (finite or null).
 */
import { z } from 'zod';
import {
  BookPrice,
  ExportedAvailability,
  ExportedPrediction,
  ExportedProp,
  type LineMarket,
} from './schemas/common';
import type { ExportRow } from './rows';

export type { ExportedAvailability, ExportedPrediction, ExportedProp };

/** Parses a JSON column with `schema`, returning `fallback` for null, malformed or mistyped text (never throws). */
export function parseJsonColumn<T>(text: string | null, fallback: T, schema: z.ZodType<T>): T {
  if (text === null) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

/** market_prices_json: every book's prices at the line (extra keys dropped). */
const PriceList = z.array(z.object(BookPrice.shape));
/** availability_reasons: the reasons behind availability_status. */
const StringList = z.array(z.string());

/** The market at a lined row's line: books, best price per side with its book, no-vig P(over). */
export function lineMarket(r: ExportRow & { line_value: number }): LineMarket {
  return {
    line: r.line_value,
    books: r.line_books ?? 0,
    over_odds: r.best_over_odds,
    over_book: r.best_over_book,
    under_odds: r.best_under_odds,
    under_book: r.best_under_book,
    no_vig_p_over: r.market_p_over,
  };
}

/** True for a row with a line. */
export const isLined = (r: ExportRow): r is ExportRow & { line_value: number } => r.line_value !== null;

/** The prop of a lined row (null for a row without a line). */
export function exportedProp(r: ExportRow): ExportedProp | null {
  if (!isLined(r)) return null;
  return {
    stat_type: 'points',
    ...lineMarket(r),
    prices: parseJsonColumn(r.market_prices_json, [], PriceList),
  };
}

/** The prediction of a row. For a pick, `price` is the one it takes; for a PASS, the better side's. */
export function exportedPrediction(r: ExportRow): ExportedPrediction {
  const picked = r.recommendation === 'OVER' || r.recommendation === 'UNDER';
  const price =
    r.price_side !== null && r.price_odds !== null && r.price_book !== null
      ? { side: r.price_side, odds: r.price_odds, book: r.price_book }
      : null;
  return {
    predicted: r.predicted_points,
    edge: r.line_margin,
    p_over: r.p_over,
    p_under: r.p_under,
    p_push: r.p_push !== null && r.p_push > 0 ? r.p_push : null,
    recommendation: r.recommendation,
    pass_reason: picked ? null : (r.pass_reason ?? (r.recommendation === 'NO_LINE' ? 'NO_LINE' : null)),
    pass_detail: picked ? null : r.pass_detail,
    ev: r.ev,
    price,
    stake_fraction: r.stake_fraction,
    confidence: picked ? r.confidence_score : null,
  };
}

/** The availability of a row's player (active when the row predates availability). */
export function exportedAvailability(r: ExportRow | undefined): ExportedAvailability {
  const s = r?.availability_status;
  const status = s === 'questionable' || s === 'likely_out' ? s : 'active';
  return { status, reasons: parseJsonColumn(r?.availability_reasons ?? null, [], StringList) };
}
