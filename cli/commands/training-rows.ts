/**
 * `nba-props training-rows --from YYYY-MM-DD --to YYYY-MM-DD --out rows.csv`: exports point-in-time
 * training rows for xgboost_v1 (lib/training/rows.ts) from the local warehouse, plus
 * `<out>.meta.json` (columns, feature names and which are required, counts, time taken) that
 * scripts/train_xgboost.py reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getConfig } from '../../lib/config';
import { daysBetween, isIsoDate } from '../../lib/dates';
import { createLocalRuntime } from '../../lib/local/runtime';
import { XGB_FEATURE_NAMES, XGB_FEATURES, XGB_REQUIRED_FEATURES } from '../../lib/model/xgboost/feature-spec';
import { buildTrainingRows, TRAINING_ID_COLUMNS, trainingRowsCsv } from '../../lib/training/rows';
import { printError, printTable } from '../format';
import { dateProgress } from '../progress';

/** Options of `training-rows`. */
export interface TrainingRowsOptions {
  from: string;
  to: string;
  out: string;
  /** Minimum last-10 minutes of players without a line; default 0 (every player). */
  minMinutes?: string;
}

/** Writes the CSV and its meta; resolves with the exit code (2 = bad arguments). */
export async function trainingRowsCommand(opts: TrainingRowsOptions): Promise<number> {
  for (const [flag, v] of [
    ['--from', opts.from],
    ['--to', opts.to],
  ] as const) {
    if (!isIsoDate(v)) {
      printError(`${flag} must be YYYY-MM-DD, got "${v}"`);
      return 2;
    }
  }
  if (opts.from > opts.to) {
    printError(`--from ${opts.from} is after --to ${opts.to}`);
    return 2;
  }
  const minMinutes = opts.minMinutes === undefined ? 0 : Number(opts.minMinutes);
  if (!Number.isFinite(minMinutes) || minMinutes < 0) {
    printError(`--min-minutes must be a number >= 0, got "${opts.minMinutes}"`);
    return 2;
  }
  const t0 = Date.now();
  const config = getConfig();
  const rt = await createLocalRuntime(config);
  try {
    // the bar draws on stderr (cli-progress's stream), so it shows only where stderr is a terminal
    const bar = dateProgress(daysBetween(opts.from, opts.to) + 1, process.stderr.isTTY === true);
    const { rows, summary } = await buildTrainingRows(rt.warehouse, config, opts.from, opts.to, {
      minMinutes,
      onDate: (date, n) => bar.tick(`${date} (${n} rows)`),
    });
    bar.stop();
    const out = resolve(opts.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, trainingRowsCsv(rows));
    const meta = {
      generated_at: new Date().toISOString(),
      command: `nba-props training-rows --from ${opts.from} --to ${opts.to} --out ${opts.out}${opts.minMinutes !== undefined ? ` --min-minutes ${opts.minMinutes}` : ''}`,
      warehouse: join(config.localDir, 'warehouse.duckdb'),
      min_minutes: minMinutes,
      id_columns: TRAINING_ID_COLUMNS,
      feature_names: XGB_FEATURE_NAMES,
      required_features: XGB_REQUIRED_FEATURES,
      feature_docs: Object.fromEntries(XGB_FEATURES.map((f) => [f.name, f.doc])),
      summary,
      wall_ms: Date.now() - t0,
    };
    writeFileSync(`${out}.meta.json`, JSON.stringify(meta, null, 2) + '\n');
    printTable(`training rows ${opts.from}..${opts.to}`, [
      ['dates', `${summary.dates} (${summary.dates_with_games} with games)`],
      ['candidates', summary.candidates],
      [
        'rows',
        `${summary.rows} (did not play: ${summary.did_not_play}, other team: ${summary.team_mismatch})`,
      ],
      ['features', XGB_FEATURE_NAMES.length],
      ['csv', out],
      ['meta', `${out}.meta.json`],
      [
        'export time',
        `${(summary.elapsed_ms / 1000).toFixed(1)} s (wall ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      ],
    ]);
    return 0;
  } finally {
    await rt.warehouse.close();
  }
}
