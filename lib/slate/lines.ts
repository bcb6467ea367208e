/**
 * Consensus prop line of a player (DESIGN §4 "Line").
 *
 * From the books' main lines at each book's latest snapshot before tip: the line posted by the most
 * books wins; a tie goes to the line nearest the median of all main lines, then to the lower line.
 * So the consensus is always a line someone can bet. Odds are the median over / under prices among
 * the books posting it; `books` = how many posted it, `books_total` = how many posted any main line.
 */
import type { PropLine } from '../messages';
import { median, medianOdds } from './odds';

/** One book's main line for a player (a row of nba_raw.odds_api_player_points_props). */
export interface BookLine {
  bookmaker: string;
  points_line: number;
  over_odds: number | null;
  under_odds: number | null;
}

/** The consensus line, or null when no book posted a usable main line. */
export function consensusLine(rows: readonly BookLine[]): PropLine | null {
  const usable = rows.filter((r) => Number.isFinite(r.points_line) && r.points_line > 0);
  if (usable.length === 0) return null;
  // One main line per book; if a book shows two, keep the lower (deterministic).
  const perBook = new Map<string, BookLine>();
  for (const r of usable) {
    const cur = perBook.get(r.bookmaker);
    if (!cur || r.points_line < cur.points_line) perBook.set(r.bookmaker, r);
  }
  const books = [...perBook.values()];
  const byLine = new Map<number, BookLine[]>();
  for (const b of books) byLine.set(b.points_line, [...(byLine.get(b.points_line) ?? []), b]);
  const mid = median(books.map((b) => b.points_line)) ?? 0;
  const [line, posting] = [...byLine.entries()].sort(
    ([la, ba], [lb, bb]) => bb.length - ba.length || Math.abs(la - mid) - Math.abs(lb - mid) || la - lb,
  )[0];
  const validOdds = (xs: Array<number | null>) =>
    xs.filter((x): x is number => x !== null && Number.isFinite(x) && (x <= -100 || x >= 100));
  return {
    points: line,
    over_odds: medianOdds(validOdds(posting.map((b) => b.over_odds))),
    under_odds: medianOdds(validOdds(posting.map((b) => b.under_odds))),
    books: posting.length,
    books_total: books.length,
  };
}
