import { lineProbabilities, negBinomCdf } from '../../lib/model/distribution';

describe('the predictive distribution of points', () => {
  // Dispersion 2, mean 2: r = 2, q = 1/2, P(k) = (k + 1) / 2^(k + 2): 1/4, 1/4, 3/16, 1/8, ...
  it('has the negative binomial pmf P(k) = (k+1)/2^(k+2) at mean 2, dispersion 2', () => {
    const cdf = negBinomCdf(2, 2, 3);
    expect(cdf[0]).toBeCloseTo(0.25, 12);
    expect(cdf[1]).toBeCloseTo(0.5, 12);
    expect(cdf[2]).toBeCloseTo(0.6875, 12);
    expect(cdf[3]).toBeCloseTo(0.8125, 12);
  });

  it('gives a whole-number line its push probability P(X = 2) = 3/16', () => {
    const p = lineProbabilities(2, 2, 2);
    expect(p.push).toBeCloseTo(0.1875, 12);
    expect(p.under).toBeCloseTo(0.5, 12);
    expect(p.over).toBeCloseTo(0.3125, 12);
    expect(p.over + p.under + p.push).toBeCloseTo(1, 12);
  });

  it('has no push on a half-point line', () => {
    const p = lineProbabilities(2, 1.5, 2);
    expect(p.push).toBe(0);
    expect(p.over).toBeCloseTo(0.5, 12);
    expect(p.under).toBeCloseTo(0.5, 12);
  });

  it('has mean mu and variance dispersion * mu', () => {
    const mu = 22;
    const cdf = negBinomCdf(mu, 3.3, 200);
    const pmf = cdf.map((c, k) => c - (k > 0 ? cdf[k - 1] : 0));
    const mean = pmf.reduce((a, p, k) => a + p * k, 0);
    const variance = pmf.reduce((a, p, k) => a + p * (k - mean) ** 2, 0);
    expect(mean).toBeCloseTo(22, 6);
    expect(variance).toBeCloseTo(3.3 * 22, 4);
  });
});
