/**
 * Consensus prop line of a player (DESIGN §4 "Line").
 *
 * From the books' main lines at each book's latest snapshot before tip: the line posted by the most
 * books wins; a tie goes to the line nearest the median of all main lines, then to the lower line.
 * So the consensus is always a line someone can bet. Odds are the median over / under prices among
 * the books posting it; `books` = how many posted it, `books_total` = how many posted any main line.
 */
import { BOOK_KEY, type LinePrices, type PropLine } from '../messages';
import { median, medianOdds } from './odds';
import { isAmericanOdds } from './prices';

/** One book's main line for a player (a row of nba_raw.odds_api_player_points_props). */
export interface BookLine {
  bookmaker: string;
  points_line: number;
  over_odds: number | null;
  under_odds: number | null;
}

/** The consensus line's choice: the line, the books posting it, and how many books posted one. */
interface Consensus {
  line: number;
  posting: BookLine[];
  booksTotal: number;
}

/**
 * The consensus among lines and how many books posted each: the most books wins; a tie goes to the
 * line nearest `mid` (the median of every book's line), then to the lower line.
 */
function pickLine(entries: ReadonlyArray<readonly [number, number]>, mid: number): number {
  return [...entries].sort(
    ([la, na], [lb, nb]) => nb - na || Math.abs(la - mid) - Math.abs(lb - mid) || la - lb,
  )[0][0];
}

function chooseConsensus(rows: readonly BookLine[]): Consensus | null {
  // One main line per book; if a book shows two, keep the lower (deterministic).
  const perBook = new Map<string, BookLine>();
  for (const r of rows) {
    if (!(Number.isFinite(r.points_line) && r.points_line > 0)) continue;
    const cur = perBook.get(r.bookmaker);
    if (!cur || r.points_line < cur.points_line) perBook.set(r.bookmaker, r);
  }
  if (perBook.size === 0) return null;
  const books = [...perBook.values()];
  const byLine = new Map<number, BookLine[]>();
  for (const b of books) {
    const same = byLine.get(b.points_line);
    if (same) same.push(b);
    else byLine.set(b.points_line, [b]);
  }
  const mid = median(books.map((b) => b.points_line)) ?? 0;
  const line = pickLine(
    [...byLine].map(([l, bs]) => [l, bs.length] as const),
    mid,
  );
  return { line, posting: byLine.get(line) ?? [], booksTotal: books.length };
}

/** How many books posted a main line (each book's lowest main line, as {@link consensusLine} keeps). */
export interface LineCount {
  points_line: number;
  books: number;
}

/**
 * The consensus line's points from the lines already counted per book (what {@link consensusPoints}
 * says of the books' rows those counts come from), or null when no count is of a usable line.
 */
export function consensusOfCounts(counts: readonly LineCount[]): number | null {
  const byLine = new Map<number, number>();
  for (const c of counts) {
    if (!(Number.isFinite(c.points_line) && c.points_line > 0 && c.books > 0)) continue;
    byLine.set(c.points_line, (byLine.get(c.points_line) ?? 0) + c.books);
  }
  if (byLine.size === 0) return null;
  const all = [...byLine].flatMap(([l, n]) => Array<number>(n).fill(l));
  return pickLine([...byLine], median(all) ?? 0);
}

/** The consensus line, or null when no book posted a usable main line. */
export function consensusLine(rows: readonly BookLine[]): PropLine | null {
  const c = chooseConsensus(rows);
  if (!c) return null;
  const validOdds = (xs: Array<number | null>) =>
    xs.filter((x): x is number => x !== null && Number.isFinite(x) && (x <= -100 || x >= 100));
  return {
    points: c.line,
    over_odds: medianOdds(validOdds(c.posting.map((b) => b.over_odds))),
    under_odds: medianOdds(validOdds(c.posting.map((b) => b.under_odds))),
    books: c.posting.length,
    books_total: c.booksTotal,
  };
}

/** The consensus line's points alone (what {@link consensusLine} would say), or null. */
export function consensusPoints(rows: readonly BookLine[]): number | null {
  return chooseConsensus(rows)?.line ?? null;
}

/** A book's row at any line (main or alternate). */
export interface BookLineRow extends BookLine {
  is_main: boolean;
}

/**
 * Every line the books post for one player, each with every book's prices there, sorted by line.
 * A book that lists one line twice (as its main and as an alternate) keeps its main row; rows whose
 * line is not a positive finite number (or whose book key is not one) are dropped, and so are
 * prices that are not American odds.
 */
export function pricesByLine(rows: readonly BookLineRow[]): LinePrices[] {
  const byLine = new Map<number, Map<string, BookLineRow>>();
  for (const r of rows) {
    if (!Number.isFinite(r.points_line) || r.points_line <= 0 || !BOOK_KEY.test(r.bookmaker)) continue;
    const books = byLine.get(r.points_line) ?? new Map<string, BookLineRow>();
    const cur = books.get(r.bookmaker);
    if (!cur || (r.is_main && !cur.is_main)) books.set(r.bookmaker, r);
    byLine.set(r.points_line, books);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, books]) => ({
      line,
      prices: [...books.values()]
        .sort((a, b) => a.bookmaker.localeCompare(b.bookmaker))
        .map((b) => ({
          book: b.bookmaker,
          over_odds: isAmericanOdds(b.over_odds) ? b.over_odds : null,
          under_odds: isAmericanOdds(b.under_odds) ? b.under_odds : null,
        }))
        .filter((b) => b.over_odds !== null || b.under_odds !== null),
    }))
    .filter((l) => l.prices.length > 0);
}
