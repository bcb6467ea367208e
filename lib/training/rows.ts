/**
 * Point-in-time training rows for xgboost_v1, built by the product's own path: for each date, the
 * slate exactly as startBatch loads it (lib/data/slate.ts `loadSlate`: history strictly
 * before the date, team and league context, lines of the day), each candidate turned into the
 * prediction-request startBatch would publish and into the SystemInput predictPlayer would compute
 * (features from lib/model/features.ts), then joined to what the player really scored that day.
 *
 * One row per player-game that was really played (minutes > 0, same team as the candidate): the
 * feature vector of lib/model/xgboost/feature-spec.ts (nulls kept as missing), the actual points,
 * and moving_average's prediction for the same row so the training script can compare both systems
 * on the same held-out rows.
 */
import { addDays } from '../dates';
import type { Config } from '../config';
import { movingAverage } from '../model/systems/moving-average';
import { featureVector, XGB_FEATURE_NAMES } from '../model/xgboost/feature-spec';
import { systemInputOf } from '../model/predict';
import { loadSlate } from '../data/slate';
import { requestOf } from '../slate/request';
import type { Warehouse } from '../warehouse/port';
import { ACTUALS_OF_RANGE } from '../warehouse/sql/training';

/** One training row. Points and minutes are per game. */
export interface TrainingRow {
  game_date: string;
  game_id: string;
  player_lookup: string;
  team_abbr: string;
  opponent_team_abbr: string;
  /** History rows the features could read (all dated before game_date). */
  history_games: number;
  /** Newest history date, always before game_date (the point-in-time guard, visible in the file). */
  history_last_date: string | null;
  /** Consensus main line of the day, points; null without a line. */
  line_points: number | null;
  /** moving_average's prediction for this row, points; null when it could not predict. */
  moving_average_pred: number | null;
  actual_points: number;
  actual_minutes: number;
  /** Values in XGB_FEATURE_NAMES order; null = missing. */
  features: Array<number | null>;
}

/** Counts of an export. */
export interface TrainingRowsSummary {
  from: string;
  to: string;
  dates: number;
  dates_with_games: number;
  /** Eligible candidates over all dates (what startBatch would have published with minMinutes). */
  candidates: number;
  rows: number;
  /** Candidates with no box-score row with minutes > 0 that day (did not play). */
  did_not_play: number;
  /** Candidates whose box-score row that day is for another team (traded since their last game). */
  team_mismatch: number;
  elapsed_ms: number;
}

interface Actual {
  player_lookup: string;
  game_date: string;
  game_id: string;
  team_abbr: string;
  minutes: number;
  points: number;
}

/** Options of {@link buildTrainingRows}. */
export interface TrainingRowsOptions {
  /** Minimum last-10 minutes of a player without a line (startBatch's setting); default 0 = every player. */
  minMinutes?: number;
  /** Called after each date with the rows so far. */
  onDate?: (date: string, rowsSoFar: number) => void;
}

/**
 * Builds the training rows of every date in [from, to] (YYYY-MM-DD, inclusive).
 * @throws Error when `from` is after `to`; warehouse errors propagate.
 */
export async function buildTrainingRows(
  wh: Warehouse,
  config: Config,
  from: string,
  to: string,
  opts: TrainingRowsOptions = {},
): Promise<{ rows: TrainingRow[]; summary: TrainingRowsSummary }> {
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  const t0 = Date.now();
  const actuals = await wh.query<Actual>(ACTUALS_OF_RANGE, { from_date: from, to_date: to });
  const actualOf = new Map(actuals.map((a) => [`${a.player_lookup}|${a.game_date}`, a]));
  const rows: TrainingRow[] = [];
  const summary = { dates: 0, dates_with_games: 0, candidates: 0, did_not_play: 0, team_mismatch: 0 };

  for (let date = from; date <= to; date = addDays(date, 1)) {
    summary.dates += 1;
    const slate = await loadSlate(wh, date, config, opts.minMinutes ?? 0);
    if (slate.games.length > 0) summary.dates_with_games += 1;
    for (const c of slate.selection.candidates) {
      summary.candidates += 1;
      const actual = actualOf.get(`${c.player_lookup}|${date}`);
      if (!actual) {
        summary.did_not_play += 1;
        continue;
      }
      if (actual.team_abbr !== c.team_abbr) {
        summary.team_mismatch += 1;
        continue;
      }
      const input = systemInputOf(requestOf(slate, c, 'training', 'training'));
      const ma = movingAverage.predict(input);
      rows.push({
        game_date: date,
        game_id: c.game_id,
        player_lookup: c.player_lookup,
        team_abbr: c.team_abbr,
        opponent_team_abbr: c.opponent_team_abbr,
        history_games: input.history.length,
        history_last_date: input.history[0]?.game_date ?? null,
        line_points: c.line?.points ?? null,
        moving_average_pred: ma.ok ? ma.predicted : null,
        actual_points: actual.points,
        actual_minutes: actual.minutes,
        features: featureVector(input),
      });
    }
    opts.onDate?.(date, rows.length);
  }
  return { rows, summary: { from, to, ...summary, rows: rows.length, elapsed_ms: Date.now() - t0 } };
}

/** Identifying and label columns of the CSV, before the features. */
export const TRAINING_ID_COLUMNS = [
  'game_date',
  'game_id',
  'player_lookup',
  'team_abbr',
  'opponent_team_abbr',
  'history_games',
  'history_last_date',
  'line_points',
  'moving_average_pred',
  'actual_points',
  'actual_minutes',
] as const;

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`non-finite value ${v} in a training row`);
    return String(v);
  }
  if (/[",\n]/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
};

/**
 * The rows as CSV: header `TRAINING_ID_COLUMNS` then `XGB_FEATURE_NAMES`; an empty cell is a null
 * (missing). Numbers are written with JavaScript's shortest round-trip form, so Python reads back
 * the same doubles the TypeScript scorer sees.
 */
export function trainingRowsCsv(rows: readonly TrainingRow[]): string {
  const header = [...TRAINING_ID_COLUMNS, ...XGB_FEATURE_NAMES].join(',');
  const lines = rows.map((r) =>
    [...TRAINING_ID_COLUMNS.map((k) => cell(r[k])), ...r.features.map((v) => cell(v))].join(','),
  );
  return `${header}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}
