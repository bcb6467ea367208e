/**
 * Parity: the TypeScript scorer against XGBoost's own predictions of the shipped model
 * (models/xgboost_v1.json) on the golden rows scripts/train_xgboost.py wrote
 * (test/fixtures/xgboost_golden.json): sampled held-out rows, some with natural missing values, plus
 * rows with features blanked on purpose (one with every feature missing). Needs no Python.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultXgboostPaths, loadXgboostArtifacts } from '../../lib/model/xgboost/artifacts';
import { XGB_FEATURE_NAMES } from '../../lib/model/xgboost/feature-spec';
import { scoreXgboost } from '../../lib/model/xgboost/model';

interface Golden {
  model_sha256: string;
  xgboost_version: string;
  feature_names: string[];
  rows_with_missing: number;
  rows: Array<{ x: Array<number | null>; xgboost: number }>;
}

const golden = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'xgboost_golden.json'), 'utf8'),
) as Golden;
const { model, meta } = loadXgboostArtifacts();

describe('xgboost_v1 parity with XGBoost', () => {
  it('the golden file belongs to the shipped model and feature order', () => {
    expect(golden.model_sha256).toBe(meta.model_sha256);
    expect(golden.feature_names).toEqual([...XGB_FEATURE_NAMES]);
    expect(golden.xgboost_version).toBe(model.xgboostVersion);
  });

  it('has at least 200 rows, and rows with missing values (including an all-missing row)', () => {
    expect(golden.rows.length).toBeGreaterThanOrEqual(200);
    const withMissing = golden.rows.filter((r) => r.x.includes(null));
    expect(withMissing.length).toBe(golden.rows_with_missing);
    expect(withMissing.length).toBeGreaterThanOrEqual(50);
    expect(golden.rows.some((r) => r.x.every((v) => v === null))).toBe(true);
  });

  it('scores every golden row within 1e-4 points of XGBoost', () => {
    const diffs = golden.rows.map((r) => Math.abs(scoreXgboost(model, r.x) - r.xgboost));
    const worst = Math.max(...diffs);
    expect(worst).toBeLessThanOrEqual(1e-4);
    // Float32 accumulation in XGBoost's order makes the scores identical, not merely close.
    expect(diffs.filter((d) => d === 0).length).toBe(golden.rows.length);
  });

  it('predictions differ from row to row (the trees are really walked)', () => {
    const scores = new Set(golden.rows.map((r) => scoreXgboost(model, r.x).toFixed(3)));
    expect(scores.size).toBeGreaterThan(golden.rows.length / 2);
  });
});

describe('the shipped meta', () => {
  it('reports xgboost_v1 beating moving_average on the same held-out rows', () => {
    const raw = JSON.parse(readFileSync(defaultXgboostPaths().meta, 'utf8')) as {
      validation: { rows: number; xgboost_v1: { mae: number }; moving_average: { mae: number } };
    };
    expect(raw.validation.rows).toBeGreaterThan(1000);
    expect(raw.validation.xgboost_v1.mae).toBeLessThan(raw.validation.moving_average.mae);
  });
});
