/**
 * The exported shapes of a row's market, prediction and availability, shared by all-players.json,
 * the player card and predictions/<date>.json. Probabilities 0-1, odds American, points per game,
 * EV per unit staked. Every number is as stored (finite or null).
 */
import type { BookPrice } from '../slate/prices';
import type { ExportRow } from './rows';

/** The market at a row's line: best price per side with its book, and every book's prices. */
export interface ExportedProp {
  stat_type: 'points';
  line: number;
  /** Books posting this line (0 when none does). */
  books: number;
  /** Best over price across books (null when no book offers it) and its book. */
  over_odds: number | null;
  over_book: string | null;
  under_odds: number | null;
  under_book: string | null;
  /** Market's no-vig P(over) at this line (multiplicative de-vig, mean over books). */
  no_vig_p_over: number | null;
  prices: BookPrice[];
}

/** A row's prediction as users see it. */
export interface ExportedPrediction {
  /** Predicted points. */
  predicted: number | null;
  /** predicted - line, points. */
  edge: number | null;
  p_over: number | null;
  p_under: number | null;
  /** Only on whole-number lines; null otherwise. */
  p_push: number | null;
  recommendation: string;
  /** Why it is not OVER/UNDER (null for a pick). */
  pass_reason: string | null;
  pass_detail: string | null;
  /** EV per unit staked at the price below. */
  ev: number | null;
  /** The side and price `ev` refers to: the pick's, or for a PASS the better side's. */
  price: { side: string; odds: number; book: string } | null;
  /** Quarter-Kelly share of the bankroll (0 for a PASS). */
  stake_fraction: number | null;
  /** Calibrated probability that the pick wins; null for a PASS. */
  confidence: number | null;
}

/** Whether the player is expected to play. */
export interface ExportedAvailability {
  status: 'active' | 'questionable' | 'likely_out';
  reasons: string[];
}

/** Parses a JSON column, returning `fallback` for null or malformed text (never throws). */
export function parseJsonColumn<T>(text: string | null, fallback: T, accept: (v: unknown) => v is T): T {
  if (text === null) return fallback;
  try {
    const v: unknown = JSON.parse(text);
    return accept(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

const isPriceList = (v: unknown): v is BookPrice[] =>
  Array.isArray(v) &&
  v.every((p) => typeof p === 'object' && p !== null && typeof (p as BookPrice).book === 'string');
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The prop of a lined row (null for a row without a line). */
export function exportedProp(r: ExportRow): ExportedProp | null {
  if (r.line_value === null) return null;
  return {
    stat_type: 'points',
    line: r.line_value,
    books: r.line_books ?? 0,
    over_odds: r.best_over_odds,
    over_book: r.best_over_book,
    under_odds: r.best_under_odds,
    under_book: r.best_under_book,
    no_vig_p_over: r.market_p_over,
    prices: parseJsonColumn(r.market_prices_json, [], isPriceList),
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
  return { status, reasons: parseJsonColumn(r?.availability_reasons ?? null, [], isStringList) };
}
