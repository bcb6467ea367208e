/**
 * Table names and the one function that applies the dataset prefix (DESIGN §3: "every name goes
 * through one function that applies the dataset prefix, so a test prefix is honoured everywhere or
 * nowhere").
 *
 * SQL text never spells a physical name. It carries tokens such as
 * `{{nba_predictions.player_prop_predictions}}` (made by {@link tableToken}); each warehouse adapter
 * resolves every token through {@link physicalTable} and renders it in its own dialect.
 */
import { PermanentError } from '../errors';

/** A logical table: dataset and table without any prefix. */
export interface TableRef {
  dataset: string;
  table: string;
}

/** The same table after the prefix is applied. */
export interface PhysicalTable {
  dataset: string;
  table: string;
}

const IDENT = /^[A-Za-z0-9_]+$/;

/** Logical datasets (DESIGN §3). */
export const DATASETS = {
  analytics: 'nba_analytics',
  raw: 'nba_raw',
  predictions: 'nba_predictions',
} as const;

/** Every table the product reads or owns. */
export const TABLES = {
  playerGameSummary: { dataset: DATASETS.analytics, table: 'player_game_summary' },
  /** A view over player_game_summary on Google Cloud (lib/warehouse/sql/team-games.ts). */
  teamGameSummary: { dataset: DATASETS.predictions, table: 'team_game_summary' },
  odds: { dataset: DATASETS.raw, table: 'odds_api_player_points_props' },
  schedule: { dataset: DATASETS.raw, table: 'nbac_schedule' },
  /** The official NBA injury report, one row per player per pull (lib/warehouse/schema.ts). */
  injuryReport: { dataset: DATASETS.raw, table: 'nbac_injury_report' },
  batches: { dataset: DATASETS.predictions, table: 'prediction_batches' },
  /** Each batch's manifest: the players it predicts, for which game (written by startBatch). */
  members: { dataset: DATASETS.predictions, table: 'prediction_batch_members' },
  predictions: { dataset: DATASETS.predictions, table: 'player_prop_predictions' },
  accuracy: { dataset: DATASETS.predictions, table: 'prediction_accuracy' },
} as const satisfies Record<string, TableRef>;

/** Name prefix of per-batch staging tables. */
export const STAGING_PREFIX = '_staging_';

/** The staging table of a batch: `nba_predictions._staging_<batch_id>`. */
export function stagingTable(batchId: string): TableRef {
  return { dataset: DATASETS.predictions, table: `${STAGING_PREFIX}${batchId}` };
}

/**
 * Applies the dataset prefix and validates both parts against `^[A-Za-z0-9_]+$`, so no value can be
 * spliced into SQL through a name.
 * @throws PermanentError(`BAD_IDENTIFIER`) for any other character.
 */
export function physicalTable(ref: TableRef, datasetPrefix: string): PhysicalTable {
  const key = `${datasetPrefix}\u0000${ref.dataset}\u0000${ref.table}`;
  const known = checked.get(key);
  if (known) return known;
  const dataset = `${datasetPrefix}${ref.dataset}`;
  for (const part of [dataset, ref.table]) {
    if (!IDENT.test(part)) {
      throw new PermanentError('BAD_IDENTIFIER', `table identifier "${part}" must match ^[A-Za-z0-9_]+$`);
    }
  }
  const t = Object.freeze({ dataset, table: ref.table });
  if (checked.size >= 10_000) checked.clear();
  checked.set(key, t);
  return t;
}

/** Names already validated (a slate resolves the same few tables thousands of times). */
const checked = new Map<string, PhysicalTable>();

/** The SQL token of a table, e.g. `{{nba_predictions.player_prop_predictions}}`. */
export function tableToken(ref: TableRef): string {
  return `{{${ref.dataset}.${ref.table}}}`;
}

const TOKEN = /\{\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}\}/g;

/** Replaces every table token in `sql` by `render(ref)`, with no prefix applied (see renderTables). */
export function replaceTableTokens(sql: string, render: (ref: TableRef) => string): string {
  return sql.replace(TOKEN, (_m, dataset: string, table: string) => render({ dataset, table }));
}

/**
 * Replaces every table token in `sql` by `render(physicalTable(ref, prefix))`.
 * @throws PermanentError(`BAD_SQL_TOKEN`) when a `{{` is left that is not a valid token.
 */
export function renderTables(
  sql: string,
  datasetPrefix: string,
  render: (t: PhysicalTable) => string,
): string {
  const out = replaceTableTokens(sql, (ref) => render(physicalTable(ref, datasetPrefix)));
  if (out.includes('{{')) throw new PermanentError('BAD_SQL_TOKEN', `unresolved table token in SQL: ${sql}`);
  return out;
}
