/**
 * The TypeScript XGBoost scorer on a tiny model written by hand in XGBoost's JSON format
 * (test/fixtures/xgboost_tiny.json). Every expected value below can be worked out on paper, and
 * XGBoost 1.7.4 itself predicts exactly these values for this file
 * ([11.5, 3.5, -0.5, 9.5, 3.5, 9.5, 109.5] for the seven rows of the first table).
 *
 * The model: base_score 0.5, features [a, b], three trees.
 *   tree 0: a < 1.5 (missing -> left) ? 10 : (b < 0 (missing -> right) ? -2 : 4)
 *   tree 1: b < 2.5 (missing -> right) ? 1 : -1
 *   tree 2: a < 0.1 (missing -> right) ? 100 : 0      (0.1 as float32 = 0.100000001490116...)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileXgboostModel, scoreXgboost, XgboostModelError } from '../../lib/model/xgboost/model';

/** The parts of the fixture the invalid-model cases edit. */
interface TinyJson {
  learner: {
    feature_names?: string[];
    learner_model_param: { base_score: string };
    objective: { name: string };
    gradient_booster: {
      name: string;
      model: {
        trees: Array<{
          left_children: number[];
          right_children: number[];
          split_indices: number[];
          split_type: number[];
        }>;
      };
    };
  };
}

const tinyJson = (): TinyJson =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'xgboost_tiny.json'), 'utf8')) as TinyJson;

/** A fresh copy of the fixture with an edit applied, for the invalid-model cases. */
function edited(edit: (m: TinyJson) => void): unknown {
  const m = tinyJson();
  edit(m);
  return m;
}

describe('scoreXgboost on the hand-written tiny model', () => {
  const model = compileXgboostModel(tinyJson());

  it('reads base_score, the feature names and the trees', () => {
    expect(model.baseScore).toBe(0.5);
    expect(model.featureNames).toEqual(['a', 'b']);
    expect(model.trees).toHaveLength(3);
    expect(model.objective).toBe('reg:squarederror');
    expect(model.xgboostVersion).toBe('1.7.4');
  });

  it.each([
    // [a, b, expected, why]
    [1, 0, 11.5, '0.5 + 10 (a < 1.5) + 1 (b < 2.5) + 0'],
    [1.5, 3, 3.5, '0.5 + 4 (a = 1.5 is not < 1.5: right; b = 3 >= 0: right) - 1 + 0'],
    [2, -1, -0.5, '0.5 - 2 (a >= 1.5, b < 0: left) + 1 + 0'],
    [5, 2.5, 3.5, '0.5 + 4 - 1 (b = 2.5 is not < 2.5: right) + 0'],
  ])('a=%p b=%p scores %p (%s)', (a, b, expected) => {
    expect(scoreXgboost(model, [a, b])).toBe(expected);
  });

  it('sends a missing value to the default child of each split', () => {
    // tree 0 root: missing a -> left (10); tree 1: missing b -> right (-1); tree 2: missing a -> right (0)
    expect(scoreXgboost(model, [null, null])).toBe(0.5 + 10 - 1);
    // tree 0: a = 5 -> right, then missing b -> right (4); tree 1: missing b -> right (-1)
    expect(scoreXgboost(model, [5, null])).toBe(0.5 + 4 - 1);
    // NaN is missing too, as in XGBoost
    expect(scoreXgboost(model, [NaN, 0])).toBe(0.5 + 10 + 1);
  });

  it('compares in float32 like XGBoost: 0.1 equals the float32 threshold 0.1 and goes right', () => {
    // In float64, 0.1 < 0.100000001490116 would send it left (+100); XGBoost stores both as float32.
    expect(scoreXgboost(model, [0.1, 3])).toBe(0.5 + 10 - 1 + 0);
    // 0.09999999 rounds to the float32 just below 0.1, so it goes left.
    expect(scoreXgboost(model, [0.09999999, 3])).toBe(0.5 + 10 - 1 + 100);
  });

  it('adds base_score: the same trees with base_score 10.5 score 10 more', () => {
    const shifted = compileXgboostModel(
      edited((m) => {
        m.learner.learner_model_param.base_score = '1.05E1';
      }),
    );
    expect(scoreXgboost(shifted, [1, 0])).toBe(21.5);
  });

  it('refuses a vector of the wrong length or an infinite value', () => {
    expect(() => scoreXgboost(model, [1])).toThrow('feature vector has 1 values; the model expects 2');
    expect(() => scoreXgboost(model, [Infinity, 1])).toThrow('feature a is Infinity');
  });
});

describe('compileXgboostModel refuses what it cannot score', () => {
  it('an unsupported objective, by name', () => {
    const bad = edited((m) => {
      m.learner.objective.name = 'reg:logistic';
    });
    expect(() => compileXgboostModel(bad)).toThrow(XgboostModelError);
    expect(() => compileXgboostModel(bad)).toThrow(
      'unsupported objective "reg:logistic" (supported: reg:squarederror)',
    );
  });

  it('a dart booster', () => {
    const bad = edited((m) => {
      m.learner.gradient_booster.name = 'dart';
    });
    expect(() => compileXgboostModel(bad)).toThrow('unsupported booster "dart" (supported: gbtree)');
  });

  it('a tree whose arrays disagree with num_nodes', () => {
    const bad = edited((m) => {
      m.learner.gradient_booster.model.trees[1].left_children = [1, -1];
    });
    expect(() => compileXgboostModel(bad)).toThrow('tree 1: left_children has 2 entries, num_nodes is 3');
  });

  it('a categorical split', () => {
    const bad = edited((m) => {
      m.learner.gradient_booster.model.trees[0].split_type = [1, 0, 0, 0, 0];
    });
    expect(() => compileXgboostModel(bad)).toThrow('tree 0: categorical splits are not supported');
  });

  it('a child pointing back up the tree (would loop)', () => {
    const bad = edited((m) => {
      m.learner.gradient_booster.model.trees[0].right_children = [2, -1, 0, -1, -1];
    });
    expect(() => compileXgboostModel(bad)).toThrow('tree 0: node 2 has bad children 3, 0');
  });

  it('a split on a feature the model does not have', () => {
    const bad = edited((m) => {
      m.learner.gradient_booster.model.trees[1].split_indices = [7, 0, 0];
    });
    expect(() => compileXgboostModel(bad)).toThrow('tree 1: node 0 splits on feature 7; the model has 2');
  });

  it('a model without feature names', () => {
    const bad = edited((m) => {
      delete m.learner.feature_names;
    });
    expect(() => compileXgboostModel(bad)).toThrow('the model has 2 features but 0 feature_names');
  });

  it('something that is not a model, with the failing path', () => {
    expect(() => compileXgboostModel({ learner: {} })).toThrow(/^not an XGBoost JSON model: version/);
    expect(() =>
      compileXgboostModel(
        edited((m) => {
          m.learner.learner_model_param.base_score = 'abc';
        }),
      ),
    ).toThrow('learner.learner_model_param.base_score: must be a number written as a string');
  });
});
