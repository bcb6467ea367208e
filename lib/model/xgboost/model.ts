/**
 * Loads XGBoost's JSON model format (as written by `Booster.save_model("m.json")`, XGBoost 1.7;
 * documented in XGBoost's "Introduction to Model IO" and its `doc/model.schema`) and scores it in
 * TypeScript, so no Python runs in production.
 *
 * What is supported, and checked when loading (anything else throws {@link XgboostModelError}):
 * - booster `gbtree` with numerical splits only (`split_type` 0, no categories), one output
 *   (`num_class` 0, `num_target` 1);
 * - objective `reg:squarederror`, whose prediction transform is the identity, so the prediction is
 *   base_score + the sum of one leaf per tree.
 *
 * Scoring follows XGBoost's CPU predictor (src/predictor/cpu_predictor.cc, 1.7): features are
 * float32; a node sends a row left when `x < split_condition` (both float32), and a missing value
 * (null or NaN) to its default child (`default_left`); a leaf's value is its `split_conditions`
 * entry; predictions are accumulated in float32, starting from base_score, tree by tree in order.
 * Math.fround reproduces each float32 step, which is what lets the parity test hold TS scores to
 * XGBoost's own predictions.
 */
import { z } from 'zod';

/** Thrown when a model file cannot be used: bad JSON shape, an unsupported objective or booster. */
export class XgboostModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XgboostModelError';
  }
}

/** Objectives whose prediction is the raw margin (identity transform). */
export const SUPPORTED_OBJECTIVES = ['reg:squarederror'] as const;

const intArray = z.array(z.number().int());
const numArray = z.array(z.number());
/** XGBoost writes its parameters as strings, e.g. `"base_score": "1.4523E1"`. */
const numString = z.string().refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), {
  message: 'must be a number written as a string',
});

const TreeJson = z.object({
  id: z.number().int().optional(),
  left_children: intArray,
  right_children: intArray,
  split_indices: intArray,
  split_conditions: numArray,
  default_left: z.array(z.union([z.number().int(), z.boolean()])),
  split_type: intArray.optional(),
  categories: intArray.optional(),
  base_weights: numArray.optional(),
  tree_param: z.object({ num_nodes: numString, num_feature: numString }),
});

/** The parts of XGBoost's JSON model that scoring reads (zod schema; extra keys are ignored). */
export const XgboostModelJson = z.object({
  version: z.array(z.number().int()).min(1),
  learner: z.object({
    feature_names: z.array(z.string()).optional(),
    learner_model_param: z.object({
      base_score: numString,
      num_feature: numString,
      num_class: numString.optional(),
      num_target: numString.optional(),
    }),
    objective: z.object({ name: z.string() }),
    gradient_booster: z.object({
      name: z.string(),
      model: z
        .object({
          trees: z.array(TreeJson),
          tree_info: intArray.optional(),
        })
        .optional(),
    }),
  }),
});
type XgboostModelJson = z.infer<typeof XgboostModelJson>;
type TreeJson = z.infer<typeof TreeJson>;

/** One regression tree in flat arrays; a leaf has left child -1 and its value in `value`. */
export interface XgboostTree {
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  /** Split threshold at an inner node, leaf value at a leaf; both already float32-rounded. */
  value: Float64Array;
  defaultLeft: Uint8Array;
}

/** A loaded model, ready to score. */
export interface XgboostModel {
  /** Feature names in column order (what the vector passed to {@link scoreXgboost} must follow). */
  featureNames: string[];
  /** base_score, float32-rounded, points for reg:squarederror. */
  baseScore: number;
  objective: (typeof SUPPORTED_OBJECTIVES)[number];
  trees: XgboostTree[];
  /** XGBoost version that wrote the file, e.g. "1.7.4". */
  xgboostVersion: string;
}

function fail(message: string): never {
  throw new XgboostModelError(message);
}

function compileTree(t: TreeJson, i: number, numFeature: number): XgboostTree {
  const n = Number(t.tree_param.num_nodes);
  const where = `tree ${i}`;
  if (!Number.isInteger(n) || n < 1)
    fail(`${where}: num_nodes ${t.tree_param.num_nodes} is not a count >= 1`);
  const arrays: Array<[string, unknown[]]> = [
    ['left_children', t.left_children],
    ['right_children', t.right_children],
    ['split_indices', t.split_indices],
    ['split_conditions', t.split_conditions],
    ['default_left', t.default_left],
  ];
  for (const [name, arr] of arrays) {
    if (arr.length !== n) fail(`${where}: ${name} has ${arr.length} entries, num_nodes is ${n}`);
  }
  if ((t.split_type ?? []).some((s) => s !== 0)) fail(`${where}: categorical splits are not supported`);
  if ((t.categories ?? []).length > 0) fail(`${where}: categorical splits are not supported`);
  const tree: XgboostTree = {
    left: Int32Array.from(t.left_children),
    right: Int32Array.from(t.right_children),
    feature: Int32Array.from(t.split_indices),
    value: Float64Array.from(t.split_conditions, (v) => Math.fround(v)),
    defaultLeft: Uint8Array.from(t.default_left, (d) => (d === true || d === 1 ? 1 : 0)),
  };
  for (let k = 0; k < n; k++) {
    const l = tree.left[k];
    const r = tree.right[k];
    if (l === -1 && r === -1) continue;
    // Children come after their parent in XGBoost's node order, which also rules out cycles.
    if (l <= k || r <= k || l >= n || r >= n) fail(`${where}: node ${k} has bad children ${l}, ${r}`);
    if (tree.feature[k] < 0 || tree.feature[k] >= numFeature) {
      fail(`${where}: node ${k} splits on feature ${tree.feature[k]}; the model has ${numFeature}`);
    }
  }
  return tree;
}

/**
 * Validates and compiles a parsed JSON model.
 * @throws XgboostModelError naming the problem, e.g. `unsupported objective "reg:logistic"
 *   (supported: reg:squarederror)` or `learner.learner_model_param.base_score: ...`.
 */
export function compileXgboostModel(json: unknown): XgboostModel {
  const parsed = XgboostModelJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`not an XGBoost JSON model: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const m: XgboostModelJson = parsed.data;
  const { learner } = m;
  const objective = learner.objective.name;
  if (!(SUPPORTED_OBJECTIVES as readonly string[]).includes(objective)) {
    fail(`unsupported objective "${objective}" (supported: ${SUPPORTED_OBJECTIVES.join(', ')})`);
  }
  if (learner.gradient_booster.name !== 'gbtree' || !learner.gradient_booster.model) {
    fail(`unsupported booster "${learner.gradient_booster.name}" (supported: gbtree)`);
  }
  const p = learner.learner_model_param;
  if (Number(p.num_class ?? '0') > 1) fail(`multi-class models are not supported (num_class ${p.num_class})`);
  if (Number(p.num_target ?? '1') !== 1)
    fail(`multi-target models are not supported (num_target ${p.num_target})`);
  const { trees, tree_info: info } = learner.gradient_booster.model;
  if (info && (info.length !== trees.length || info.some((g) => g !== 0))) {
    fail('tree_info must list one output group (0) per tree');
  }
  const numFeature = Number(p.num_feature);
  const names = learner.feature_names ?? [];
  if (names.length !== numFeature) {
    fail(`the model has ${numFeature} features but ${names.length} feature_names; names are required`);
  }
  return {
    featureNames: names,
    baseScore: Math.fround(Number(p.base_score)),
    objective: objective as XgboostModel['objective'],
    trees: trees.map((t, i) => compileTree(t, i, numFeature)),
    xgboostVersion: m.version.join('.'),
  };
}

/** The leaf value `x` reaches in one tree (x already float32-rounded; NaN = missing). */
function leafValue(tree: XgboostTree, x: Float64Array): number {
  let node = 0;
  while (tree.left[node] !== -1) {
    const v = x[tree.feature[node]];
    if (Number.isNaN(v)) node = tree.defaultLeft[node] === 1 ? tree.left[node] : tree.right[node];
    else node = v < tree.value[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

/**
 * Scores one row: base_score plus one leaf per tree, accumulated in float32 as XGBoost does, through
 * the objective's transform (identity for reg:squarederror). Units are the label's (points here).
 * @param x the features in `model.featureNames` order; null or NaN = missing.
 * @throws XgboostModelError when `x` has the wrong length or a value is +/-Infinity.
 */
export function scoreXgboost(model: XgboostModel, x: ReadonlyArray<number | null>): number {
  if (x.length !== model.featureNames.length) {
    fail(`feature vector has ${x.length} values; the model expects ${model.featureNames.length}`);
  }
  const row = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === null || Number.isNaN(v)) row[i] = NaN;
    else if (!Number.isFinite(v)) fail(`feature ${model.featureNames[i]} is ${v}`);
    else row[i] = Math.fround(v);
  }
  let sum = model.baseScore;
  for (const tree of model.trees) sum = Math.fround(sum + leafValue(tree, row));
  return sum;
}
