import { decide, expectedValue, kellyFraction, stakeFraction } from '../../lib/model/decision';
import { lineMarket } from '../../lib/slate/prices';

const even = lineMarket(20.5, [{ book: 'x', over_odds: 100, under_odds: 100 }]);
const active = 'active' as const;

describe('expected value and stake', () => {
  it('an over at 0.55 on +100 is worth 0.55 * 1 - 0.45 = +0.10 per unit', () => {
    expect(expectedValue(0.55, 0.45, 1)).toBeCloseTo(0.1, 12);
  });

  it('quarter Kelly at p = 0.55, +100 is 0.25 * 0.10 = 0.025 of the bankroll', () => {
    expect(kellyFraction(0.55, 0.45, 1)).toBeCloseTo(0.1, 12);
    expect(stakeFraction(0.55, 0.45, 1)).toBeCloseTo(0.025, 12);
  });

  it('a push refunds the stake: p_win 0.5, p_push 0.1, p_lose 0.4 at +100 is worth +0.10, Kelly 0.1/0.9', () => {
    expect(expectedValue(0.5, 0.4, 1)).toBeCloseTo(0.1, 12);
    expect(kellyFraction(0.5, 0.4, 1)).toBeCloseTo(0.1 / 0.9, 12);
  });

  it('caps the stake at 5% of the bankroll', () => {
    // p = 0.9 at +100: Kelly 0.8, a quarter 0.2 -> capped
    expect(stakeFraction(0.9, 0.1, 1)).toBe(0.05);
  });
});

describe('the decision at a line', () => {
  const p = (over: number) => ({ over, under: 1 - over, push: 0 });

  it('picks the side whose EV at the best price clears 0.03', () => {
    const d = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(0.55),
      market: even,
      availability: active,
    });
    expect(d.recommendation).toBe('OVER');
    expect(d.ev).toBeCloseTo(0.1, 12);
    expect(d.price).toEqual({ odds: 100, book: 'x' });
    expect(d.stake_fraction).toBeCloseTo(0.025, 12);
    expect(d.confidence).toBe(0.55);
    expect(d.pass_reason).toBeNull();
    const u = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(0.4),
      market: even,
      availability: active,
    });
    expect(u.recommendation).toBe('UNDER');
    expect(u.ev).toBeCloseTo(0.2, 12);
  });

  it("passes NO_EDGE when the EV comes from one book's price alone, not from the model", () => {
    // two books: no-vig P(over) (0.5 + 0.5) / 2 = 0.5; one pays +130 on the over
    const spread = lineMarket(20.5, [
      { book: 'a', over_odds: 130, under_odds: -150 },
      { book: 'b', over_odds: -110, under_odds: -110 },
    ]);
    const nv = spread.no_vig_p_over as number;
    expect(nv).toBeCloseTo((1 / 2.3 / (1 / 2.3 + 1.5 / 2.5) + 0.5) / 2, 12);
    // the model agrees with the market exactly: EV at +130 is nv * 1.3 - (1 - nv) > 0.03, still no pick
    const same = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(nv),
      market: spread,
      availability: active,
    });
    expect(same.recommendation).toBe('PASS');
    expect(same.pass_reason).toBe('NO_EDGE');
    expect(same.ev).toBeCloseTo(nv * 1.3 - (1 - nv), 4);
    expect(same.pass_detail).toBe(
      `EV ${'+' + (nv * 1.3 - (1 - nv)).toFixed(3)} (OVER +130 at a) comes from the price alone: the model's P(over) ${nv.toFixed(3)} is not above the market's no-vig ${nv.toFixed(3)}`,
    );
    // a model 2 points below the market on the over rates the under above it: the under at -110
    // (book b) is worth (1 - nv + 0.02) * 100/110 - (nv - 0.02) > 0.03
    const below = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(nv - 0.02),
      market: spread,
      availability: active,
    });
    expect(below.recommendation).toBe('UNDER');
    expect(below.price).toEqual({ odds: -110, book: 'b' });
    expect(below.ev).toBeCloseTo((1 - nv + 0.02) * (100 / 110) - (nv - 0.02), 4);
    // a model above the market takes the over at the best price
    const above = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(nv + 0.01),
      market: spread,
      availability: active,
    });
    expect(above.recommendation).toBe('OVER');
    expect(above.price).toEqual({ odds: 130, book: 'a' });
  });

  it('passes NO_EDGE under the threshold, naming the better side and its EV', () => {
    const d = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(0.51),
      market: even,
      availability: active,
    });
    expect(d.recommendation).toBe('PASS');
    expect(d.pass_reason).toBe('NO_EDGE');
    expect(d.ev).toBeCloseTo(0.02, 12);
    expect(d.side).toBe('OVER');
    expect(d.stake_fraction).toBe(0);
    expect(d.confidence).toBeNull();
  });

  it('passes NO_PRICE on a ladder line no book posts, and NO_LINE without a line', () => {
    expect(
      decide({ line: 22.5, skip_reason: null, probabilities: p(0.9), market: null, availability: active })
        .pass_reason,
    ).toBe('NO_PRICE');
    const n = decide({
      line: null,
      skip_reason: null,
      probabilities: null,
      market: null,
      availability: active,
    });
    expect(n.recommendation).toBe('NO_LINE');
    expect(n.pass_reason).toBe('NO_LINE');
  });

  it('never picks a likely-out player, and asks twice the EV of a questionable one at half the stake', () => {
    expect(
      decide({
        line: 20.5,
        skip_reason: null,
        probabilities: p(0.6),
        market: even,
        availability: 'likely_out',
      }).pass_reason,
    ).toBe('LIKELY_OUT');
    // every row of his says so: without a line (still NO_LINE) and where the system could not predict
    const unlined = decide({
      line: null,
      skip_reason: null,
      probabilities: null,
      market: null,
      availability: 'likely_out',
    });
    expect([unlined.recommendation, unlined.pass_reason]).toEqual(['NO_LINE', 'LIKELY_OUT']);
    const skipped = decide({
      line: 20.5,
      skip_reason: 'INSUFFICIENT_SIMILAR_GAMES',
      probabilities: null,
      market: even,
      availability: 'likely_out',
    });
    expect([skipped.recommendation, skipped.pass_reason]).toEqual(['PASS', 'LIKELY_OUT']);
    // EV +0.04: a pick for an active player, not for a questionable one (needs 0.06)
    const q = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(0.52),
      market: even,
      availability: 'questionable',
    });
    expect(q.pass_reason).toBe('QUESTIONABLE');
    const q2 = decide({
      line: 20.5,
      skip_reason: null,
      probabilities: p(0.55),
      market: even,
      availability: 'questionable',
    });
    expect(q2.recommendation).toBe('OVER');
    expect(q2.stake_fraction).toBeCloseTo(0.0125, 12);
  });

  it('passes with the system reason when the system could not predict', () => {
    const d = decide({
      line: 20.5,
      skip_reason: 'INSUFFICIENT_SIMILAR_GAMES',
      skip_detail: '3 past games score >= 70; 5 needed',
      probabilities: null,
      market: even,
      availability: active,
    });
    expect(d.pass_reason).toBe('INSUFFICIENT_SIMILAR_GAMES');
    expect(d.pass_detail).toBe('3 past games score >= 70; 5 needed');
  });
});
