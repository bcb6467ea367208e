import { lineMarket, netPayout, noVigOver } from '../../lib/slate/prices';
import { pricesByLine } from '../../lib/slate/lines';

describe('prices at a line', () => {
  it('de-vigs -120/+100 by multiplicative normalization: 0.5455 / (0.5455 + 0.5) = 0.5217', () => {
    // implied: 120/220 = 0.545454..., 100/200 = 0.5; normalized over = 0.545454 / 1.045454
    expect(noVigOver(-120, 100)).toBeCloseTo(0.521739, 6);
    expect(noVigOver(-110, -110)).toBeCloseTo(0.5, 12);
  });

  it('pays +150 as 1.5 units and -120 as 0.8333 per unit staked', () => {
    expect(netPayout(150)).toBe(1.5);
    expect(netPayout(-120)).toBeCloseTo(100 / 120, 12);
    expect(netPayout(100)).toBe(1);
    expect(() => netPayout(50)).toThrow(RangeError);
  });

  it('takes the best price per side across three books, with its book', () => {
    const m = lineMarket(27.5, [
      { book: 'draftkings', over_odds: -114, under_odds: -112 },
      { book: 'fanduel', over_odds: 100, under_odds: -132 },
      { book: 'bovada', over_odds: -120, under_odds: -105 },
    ]);
    expect(m.books).toBe(3);
    expect(m.best_over).toEqual({ odds: 100, book: 'fanduel' });
    expect(m.best_under).toEqual({ odds: -105, book: 'bovada' });
    // median in probability space of -114, 100, -120: the middle price is -114
    expect(m.consensus_over_odds).toBe(-114);
    // mean of the three books' no-vig P(over)
    const expected = (noVigOver(-114, -112) + noVigOver(100, -132) + noVigOver(-120, -105)) / 3;
    expect(m.no_vig_p_over).toBeCloseTo(expected, 12);
  });

  it('prices a ladder line posted by one book only from that book', () => {
    const m = lineMarket(27.5, [{ book: 'bovada', over_odds: -180, under_odds: 135 }]);
    expect(m.books).toBe(1);
    expect(m.best_over).toEqual({ odds: -180, book: 'bovada' });
    expect(m.best_under).toEqual({ odds: 135, book: 'bovada' });
    // 180/280 = 0.642857, 100/235 = 0.425532: 0.642857 / 1.068389 = 0.601709
    expect(m.no_vig_p_over).toBeCloseTo(0.601709, 5);
  });

  it('counts a one-sided book but leaves it out of the no-vig mean; bad prices are dropped', () => {
    const m = lineMarket(20.5, [
      { book: 'a', over_odds: -110, under_odds: null },
      { book: 'b', over_odds: 50, under_odds: 0 },
    ]);
    expect(m.books).toBe(1);
    expect(m.no_vig_p_over).toBeNull();
    expect(m.best_under).toBeNull();
  });

  it('groups every book row by line, a main row winning over the same book alternate', () => {
    const rows = [
      { bookmaker: 'bovada', points_line: 27.5, over_odds: -180, under_odds: 135, is_main: false },
      { bookmaker: 'draftkings', points_line: 29.5, over_odds: -114, under_odds: -112, is_main: true },
      { bookmaker: 'bovada', points_line: 29.5, over_odds: -125, under_odds: -105, is_main: false },
      { bookmaker: 'bovada', points_line: 29.5, over_odds: -120, under_odds: -110, is_main: true },
    ];
    expect(pricesByLine(rows)).toEqual([
      { line: 27.5, prices: [{ book: 'bovada', over_odds: -180, under_odds: 135 }] },
      {
        line: 29.5,
        prices: [
          { book: 'bovada', over_odds: -120, under_odds: -110 },
          { book: 'draftkings', over_odds: -114, under_odds: -112 },
        ],
      },
    ]);
  });
});
