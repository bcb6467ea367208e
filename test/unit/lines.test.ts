import { consensusLine, consensusOfCounts, consensusPoints, type BookLine } from '../../lib/slate/lines';
import { americanOdds, impliedProbability, medianOdds } from '../../lib/slate/odds';

const book = (bookmaker: string, points_line: number, over_odds = -110, under_odds = -110) => ({
  bookmaker,
  points_line,
  over_odds,
  under_odds,
});

describe('consensus line', () => {
  it('takes the line posted by the most books, with median prices of those books', () => {
    const line = consensusLine([
      book('draftkings', 22.5, -115, -105),
      book('fanduel', 22.5, -110, -110),
      book('betmgm', 22.5, -105, -115),
      book('bovada', 23.5, +100, -130),
    ]);
    expect(line).toEqual({ points: 22.5, over_odds: -110, under_odds: -110, books: 3, books_total: 4 });
  });

  it('breaks a tie by the line nearest the median of all main lines', () => {
    // lines 20.5, 20.5, 21.5, 21.5, 24.5: median 21.5 -> 21.5 wins the 2-2 tie
    const line = consensusLine([
      book('a', 20.5),
      book('b', 20.5),
      book('c', 21.5),
      book('d', 21.5),
      book('e', 24.5),
    ]);
    expect(line?.points).toBe(21.5);
    expect(line?.books).toBe(2);
    expect(line?.books_total).toBe(5);
  });

  it('breaks a remaining tie by the lower line', () => {
    expect(consensusLine([book('a', 20.5), book('b', 21.5)])?.points).toBe(20.5);
  });

  it('returns null when no book posted a usable line', () => {
    expect(consensusLine([])).toBeNull();
    expect(consensusLine([book('a', Number.NaN)])).toBeNull();
    expect(consensusPoints([book('a', Number.NaN), book('b', -1)])).toBeNull();
  });

  it('gives the same points without the prices (the over/under record only needs the line)', () => {
    const cases = [
      [book('a', 20.5), book('b', 20.5), book('c', 21.5), book('d', 21.5), book('e', 24.5)],
      [book('a', 20.5), book('b', 21.5)],
      [book('a', 22.5), book('a', 21.5), book('b', 22.5)], // a keeps 21.5: a 1-1 tie, median 22, lower wins
    ];
    expect(cases.map(consensusPoints)).toEqual([21.5, 20.5, 21.5]);
    expect(cases.map((c) => consensusLine(c)?.points)).toEqual([21.5, 20.5, 21.5]);
  });

  it('gives the same points from lines counted per book (what PAST_MAIN_LINE_COUNTS returns)', () => {
    // the counts of the tie case above: 20.5 x2, 21.5 x2, 24.5 x1 (median 21.5)
    expect(
      consensusOfCounts([
        { points_line: 20.5, books: 2 },
        { points_line: 21.5, books: 2 },
        { points_line: 24.5, books: 1 },
      ]),
    ).toBe(21.5);
    expect(consensusOfCounts([{ points_line: Number.NaN, books: 3 }])).toBeNull();
    // Seeded random books (1-8 of them, lines 10.5-14.5, some books twice, some unusable lines):
    // counting each book's lowest usable line, as the SQL does, gives consensusPoints' line.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let compared = 0;
    for (let n = 0; n < 500; n += 1) {
      const rows: BookLine[] = [];
      const books = 1 + Math.floor(rand() * 8);
      for (let b = 0; b < books; b += 1) {
        const lines = rand() < 0.2 ? 2 : 1;
        for (let k = 0; k < lines; k += 1) {
          const x = rand();
          const line = x < 0.05 ? Number.NaN : x < 0.1 ? 0 : 10.5 + Math.floor(rand() * 5);
          rows.push(book(`b${b}`, line));
        }
      }
      const lowest = new Map<string, number>();
      for (const r of rows) {
        if (!(Number.isFinite(r.points_line) && r.points_line > 0)) continue;
        lowest.set(r.bookmaker, Math.min(lowest.get(r.bookmaker) ?? Infinity, r.points_line));
      }
      const counts = new Map<number, number>();
      for (const l of lowest.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
      const fromCounts = consensusOfCounts(
        [...counts].map(([points_line, n]) => ({ points_line, books: n })),
      );
      expect(fromCounts).toBe(consensusPoints(rows));
      if (fromCounts !== null) compared += 1;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('takes the median price in probability space: -110 and +110 give even money', () => {
    expect(impliedProbability(-110)).toBeCloseTo(110 / 210, 10);
    expect(impliedProbability(125)).toBeCloseTo(100 / 225, 10);
    expect(americanOdds(0.5)).toBe(100);
    expect(americanOdds(110 / 210)).toBe(-110);
    // -110 -> 0.5238, +110 -> 0.4762: mean 0.5 -> +100, not the nonsense arithmetic mean 0
    expect(medianOdds([-110, 110])).toBe(100);
    expect(medianOdds([-120, -110, -105])).toBe(-110);
  });
});
