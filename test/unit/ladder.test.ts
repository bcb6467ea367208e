import { lineKey, lineLadder, NO_LINE_KEY } from '../../lib/slate/ladder';

describe('line ladder and line_key', () => {
  it('builds main -2..+2 around the consensus line', () => {
    expect(lineLadder(22.5)).toEqual([20.5, 21.5, 22.5, 23.5, 24.5]);
    expect(lineLadder(6)).toEqual([4, 5, 6, 7, 8]);
  });

  it('drops ladder lines under 0.5 points', () => {
    expect(lineLadder(2.5)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(lineLadder(1.5)).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('gives 22.5, 23.0 and no line three different INT64 keys', () => {
    const keys = [lineKey(22.5), lineKey(23.0), lineKey(null)];
    expect(keys).toEqual([225, 230, -1]);
    expect(new Set(keys).size).toBe(3);
    expect(lineKey(null)).toBe(NO_LINE_KEY); // the key lineKey gives a row without a line
  });

  it('does not collide lines that round to the same integer (25.5 and 26: docs/seed-system.md §9 item 1)', () => {
    expect(lineKey(25.5)).not.toBe(lineKey(26));
    expect(lineKey(0.1 + 0.2)).toBe(3);
  });
});
