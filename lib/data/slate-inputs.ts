/** Typed access to the counts of a date's inputs (lib/warehouse/sql/slate-inputs.ts). */
import { addDays } from '../dates';
import type { Warehouse } from '../warehouse/port';
import { SLATE_INPUTS } from '../warehouse/sql/slate-inputs';

/** What the data holds for a date. */
export interface SlateInputs {
  /** Box-score rows (player games) dated in `[game_date - historyDays, game_date)`. */
  history_games: number;
  /** Prop-line rows (one per book, player and snapshot) of the date. */
  line_rows: number;
  /** First date with box scores, or null when there are none. */
  first_box_score_date: string | null;
}

/**
 * Counts the inputs of `gameDate`.
 * @param historyDays the history window in days (config `historyDays`, DESIGN §4: 365).
 */
export async function slateInputs(wh: Warehouse, gameDate: string, historyDays: number): Promise<SlateInputs> {
  const [row] = await wh.query<SlateInputs>(SLATE_INPUTS, {
    game_date: gameDate,
    history_start: addDays(gameDate, -historyDays),
  });
  return {
    history_games: Number(row?.history_games ?? 0),
    line_rows: Number(row?.line_rows ?? 0),
    first_box_score_date: row?.first_box_score_date ?? null,
  };
}
