/** The fields of a pick as taken (schema: lib/export/schemas/common.ts `pickTaken`), from its row. */
import type { ExportRow } from './rows';

/** The columns a pick as taken is read from. */
export type PickTakenRow = Pick<
  ExportRow,
  'recommendation' | 'price_odds' | 'price_book' | 'ev' | 'stake_fraction' | 'confidence_score'
>;

/** What {@link pickTakenOf} returns. */
interface PickTakenFields {
  pick: string;
  price_odds: number | null;
  price_book: string | null;
  ev: number | null;
  stake_fraction: number | null;
  p_win: number | null;
}

/**
 * The side, the price taken (American odds and its book), EV per unit at that price, the stake
 * (0-1 of the bankroll) and the calibrated probability the pick wins (0-1, the row's
 * confidence_score). `pick` keeps the row's type, so a row narrowed to OVER/UNDER gives a pick.
 */
export function pickTakenOf<R extends PickTakenRow>(
  r: R,
): { pick: R['recommendation'] } & Omit<PickTakenFields, 'pick'> {
  return {
    pick: r.recommendation,
    price_odds: r.price_odds,
    price_book: r.price_book,
    ev: r.ev,
    stake_fraction: r.stake_fraction,
    p_win: r.confidence_score,
  };
}
