import {
  calibratedOver,
  fitAnchor,
  fitCalibration,
  fitLogistic,
  logit,
  PRIOR_CALIBRATION,
  sigmoid,
} from '../../lib/model/calibration';
import { mulberry32 } from '../../lib/grading/bootstrap';

describe('calibration of P(over)', () => {
  it('is the market itself under the prior, and the raw model where no book prices the line', () => {
    expect(calibratedOver(PRIOR_CALIBRATION, 0.6, 0.3)).toBeCloseTo(0.6, 12);
    expect(calibratedOver(PRIOR_CALIBRATION, null, 0.3)).toBeCloseTo(0.3, 12);
  });

  it('returns the prior when there are no graded rows', () => {
    expect(fitCalibration([])).toEqual(PRIOR_CALIBRATION);
  });

  it('recovers known coefficients from 20,000 simulated rows', () => {
    // truth: p = sigmoid(0.2 + 1.0 logit(market) + 0.5 logit(model))
    const rand = mulberry32(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const m = 0.3 + 0.4 * rand();
      const p = 0.2 + 0.6 * rand();
      x.push([1, logit(m), logit(p)]);
      y.push(rand() < sigmoid(0.2 + logit(m) + 0.5 * logit(p)) ? 1 : 0);
    }
    const b = fitLogistic(x, y, [0, 1, 0], 1);
    expect(b[0]).toBeCloseTo(0.2, 1);
    expect(b[1]).toBeCloseTo(1.0, 1);
    expect(b[2]).toBeCloseTo(0.5, 1);
  });

  it('stays near the prior on few rows: 10 rows that all went over move it by little', () => {
    const rows = Array.from({ length: 10 }, () => ({ market_p_over: 0.5, model_p_over: 0.5, over: true }));
    const cal = fitCalibration(rows);
    expect(cal.rows).toBe(10);
    const p = calibratedOver(cal, 0.5, 0.5);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.56);
  });
});

describe('the anchor weight', () => {
  it('is the prior 0.10 under 500 graded rows', () => {
    expect(fitAnchor([{ line: 20, model: 24, actual: 22 }]).weight).toBe(0.1);
  });

  it('finds w = 0.5 when every actual is halfway between the line and the model', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      line: 20,
      model: 20 + (i % 2 === 0 ? 4 : -4),
      actual: 20 + (i % 2 === 0 ? 2 : -2),
    }));
    expect(fitAnchor(rows).weight).toBe(0.5);
  });
});
