/**
 * The shipped model of `xgboost_v1`: `models/xgboost_v1.json` (XGBoost's JSON model) and
 * `models/xgboost_v1.meta.json` (written by scripts/train_xgboost.py: version, feature order, windows,
 * validation MAE). Both are validated when loaded; the meta must
 * name the sha256 of the model file it describes, and the feature names of model, meta and
 * lib/model/xgboost/feature-spec.ts must be identical, so a stale or foreign file is refused instead
 * of being scored with the wrong columns.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../paths';
import { XGB_FEATURE_NAMES, XGB_REQUIRED_FEATURES } from './feature-spec';
import { compileXgboostModel, XgboostModelError, type XgboostModel } from './model';

/** The parts of the meta file the system reads (zod schema; the rest is documentation). */
export const XgboostMeta = z.object({
  system_id: z.literal('xgboost_v1'),
  model_version: z.string().min(1),
  model_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  feature_names: z.array(z.string()),
  required_features: z.array(z.string()),
});
export type XgboostMeta = z.infer<typeof XgboostMeta>;

/** A model with its meta. */
export interface XgboostArtifacts {
  model: XgboostModel;
  meta: XgboostMeta;
}

/** Where the model and its meta live. */
export interface XgboostPaths {
  model: string;
  meta: string;
}

/** The shipped files under `<package root>/models/`. */
export function defaultXgboostPaths(): XgboostPaths {
  const dir = join(packageRoot(), 'models');
  return { model: join(dir, 'xgboost_v1.json'), meta: join(dir, 'xgboost_v1.meta.json') };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Reads, validates and compiles the model and its meta.
 * @throws XgboostModelError with the file and the problem (missing file, bad JSON, wrong shape,
 *   sha256 mismatch, feature names different from the feature spec, unsupported objective).
 */
export function loadXgboostArtifacts(paths: XgboostPaths = defaultXgboostPaths()): XgboostArtifacts {
  const read = (path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new XgboostModelError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const parseJson = (path: string, buf: Buffer): unknown => {
    try {
      return JSON.parse(buf.toString('utf8')) as unknown;
    } catch (err) {
      throw new XgboostModelError(`${path} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const modelBuf = read(paths.model);
  const metaBuf = read(paths.meta);
  const metaParsed = XgboostMeta.safeParse(parseJson(paths.meta, metaBuf));
  if (!metaParsed.success) {
    const issue = metaParsed.error.issues[0];
    throw new XgboostModelError(
      `${paths.meta}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const meta = metaParsed.data;
  const sha = createHash('sha256').update(modelBuf).digest('hex');
  if (sha !== meta.model_sha256) {
    throw new XgboostModelError(
      `${paths.meta} describes a model with sha256 ${meta.model_sha256.slice(0, 12)}, but ${paths.model} has ${sha.slice(0, 12)}`,
    );
  }
  let model: XgboostModel;
  try {
    model = compileXgboostModel(parseJson(paths.model, modelBuf));
  } catch (err) {
    throw new XgboostModelError(`${paths.model}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!sameList(model.featureNames, XGB_FEATURE_NAMES) || !sameList(meta.feature_names, XGB_FEATURE_NAMES)) {
    throw new XgboostModelError(
      `feature names of ${paths.model} (${model.featureNames.join(',')}) differ from the feature spec (${XGB_FEATURE_NAMES.join(',')}): retrain`,
    );
  }
  if (!sameList(meta.required_features, XGB_REQUIRED_FEATURES)) {
    throw new XgboostModelError(`required features of ${paths.meta} differ from the feature spec: retrain`);
  }
  return { model, meta };
}
