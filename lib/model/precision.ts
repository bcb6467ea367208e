/**
 * How many decimals each stored number keeps, and the stored edge. Decisions compare values as
 * stored, so a row showing EV 0.0300 against a 0.03 threshold is a pick even when the sum behind
 * it was 0.029999999999999.
 */
import { round } from './stats';

/** Decimals kept for points (predicted_points, line_margin). */
export const POINTS_DECIMALS = 2;
/** Decimals kept for probabilities (p_over, p_under, p_push, market_p_over, confidence_score). */
export const PROBABILITY_DECIMALS = 4;
/** Decimals kept for expected value per unit and stake fractions. */
export const EV_DECIMALS = 4;

/**
 * The edge as stored in `line_margin`: the stored prediction (2 decimals) minus the line, so
 * `edge = predicted - line` holds exactly for every exported number.
 */
export function storedEdge(predicted: number, line: number): number {
  return round((round(predicted, POINTS_DECIMALS) ?? 0) - line, POINTS_DECIMALS) ?? 0;
}
