/**
 * Column definitions of the tables this product owns (DESIGN §3), in BigQuery types. The DuckDB
 * adapter, the BigQuery adapter and the Terraform schema files are all generated from these, so a
 * column cannot exist in one and not the other.
 */
import { TEAM_GAME_SUMMARY_VIEW } from './sql/team-games';
import { TABLES, type TableRef, stagingTable } from './tables';

/** BigQuery column types used here (DuckDB maps FLOAT64 to DOUBLE through a type alias). */
export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';

/** One column. */
export interface Column {
  name: string;
  type: ColumnType;
  mode: 'REQUIRED' | 'NULLABLE';
  description: string;
}

/** A table with its schema and layout. */
export interface TableSpec {
  ref: TableRef;
  columns: readonly Column[];
  /** DATE column the table is partitioned by (BigQuery). */
  partitionBy?: string;
  /** Up to four clustering columns (BigQuery). */
  clusterBy?: readonly string[];
  /** Table expiration, for staging tables. */
  expirationHours?: number;
}

const req = (name: string, type: ColumnType, description: string): Column => ({
  name,
  type,
  mode: 'REQUIRED',
  description,
});
const opt = (name: string, type: ColumnType, description: string): Column => ({
  name,
  type,
  mode: 'NULLABLE',
  description,
});

/** Columns of `player_prop_predictions` and of every `_staging_<batch_id>` table. */
export const PREDICTION_COLUMNS: readonly Column[] = [
  req(
    'prediction_id',
    'STRING',
    'Deterministic hash of batch_id and the key (game_id, player_lookup, system_id, line_key)',
  ),
  req('batch_id', 'STRING', 'Batch that produced the row'),
  req('game_id', 'STRING', 'nba.com game id'),
  req('game_date', 'DATE', 'US-Eastern game date'),
  req('player_lookup', 'STRING', 'Normalized player key (lib/names.ts)'),
  opt('player_name', 'STRING', 'Display name'),
  opt('team_abbr', 'STRING', "Player's team tricode"),
  opt('opponent_team_abbr', 'STRING', 'Opponent tricode'),
  opt('is_home', 'BOOL', 'Player plays at home'),
  req(
    'system_id',
    'STRING',
    'moving_average, zone_matchup_v1, similarity_balanced_v1, xgboost_v1, ensemble_v1',
  ),
  req('line_key', 'INT64', 'ROUND(line_value*10), or -1 without a line'),
  opt('line_value', 'FLOAT64', 'Points line of this row (main line +/- ladder offset)'),
  opt('line_offset', 'FLOAT64', 'Ladder offset from the main line, points (-2..+2)'),
  opt('is_main_line', 'BOOL', 'True for the consensus main line'),
  opt(
    'over_odds',
    'INT64',
    'Consensus (median) American odds of the over at this line across the books posting it',
  ),
  opt('under_odds', 'INT64', 'Consensus (median) American odds of the under at this line'),
  opt('line_books', 'INT64', 'Books posting this line (null when none does)'),
  opt('predicted_points', 'FLOAT64', 'Predicted points; null when the system could not predict'),
  opt(
    'confidence_score',
    'FLOAT64',
    'Calibrated probability that the pick wins, 0-1; null for PASS and NO_LINE',
  ),
  req('recommendation', 'STRING', 'OVER, UNDER, PASS or NO_LINE'),
  opt('line_margin', 'FLOAT64', 'Edge: predicted_points - line_value, points'),
  opt('skip_reason', 'STRING', 'Why the system could not predict (INSUFFICIENT_HISTORY ...)'),
  opt('baseline_points', 'FLOAT64', "System's baseline before adjustments, points"),
  opt('rest_adjustment', 'FLOAT64', 'Rest / back-to-back adjustment, points'),
  opt('home_away_adjustment', 'FLOAT64', 'Venue adjustment, points'),
  opt('minutes_adjustment', 'FLOAT64', 'Minutes-trend adjustment, points'),
  opt('matchup_adjustment', 'FLOAT64', 'Opponent shot-mix adjustment, points'),
  opt('pace_adjustment', 'FLOAT64', 'Expected pace adjustment, points'),
  opt('similar_games_count', 'INT64', 'Similar past games used (similarity system)'),
  opt('contributing_systems', 'INT64', 'Systems averaged (ensemble)'),
  opt('prediction_spread', 'FLOAT64', 'Population std of the systems averaged (ensemble), points'),
  opt('model_version', 'STRING', 'Version of the system or model'),
  opt(
    'feature_json',
    'STRING',
    "The player's features, as JSON, on each system's main-line (or no-line) row; null on other ladder lines",
  ),
  req('created_at', 'TIMESTAMP', 'When the prediction was computed'),
  opt('updated_at', 'TIMESTAMP', 'When consolidation last wrote the row'),
  // Columns added later go last, as BigQuery appends new columns to an existing table.
  opt(
    'market_p_over',
    'FLOAT64',
    "Market's no-vig P(over) at this line (mean of the books' multiplicative de-vig), 0-1",
  ),
  opt('best_over_odds', 'INT64', 'Best American odds of the over at this line across books'),
  opt('best_over_book', 'STRING', 'Book offering best_over_odds'),
  opt('best_under_odds', 'INT64', 'Best American odds of the under at this line'),
  opt('best_under_book', 'STRING', 'Book offering best_under_odds'),
  opt('market_prices_json', 'STRING', 'JSON [{book, over_odds, under_odds}] of every book at this line'),
  opt(
    'model_p_over',
    'FLOAT64',
    "The system's uncalibrated P(over | no push) from its predictive distribution, 0-1",
  ),
  opt('p_over', 'FLOAT64', 'Calibrated P(points > line), 0-1'),
  opt('p_under', 'FLOAT64', 'Calibrated P(points < line), 0-1'),
  opt('p_push', 'FLOAT64', 'P(points = line), 0-1 (0 on half-point lines)'),
  opt('pass_reason', 'STRING', 'Why the row is not OVER/UNDER (NO_LINE, NO_EDGE, NO_PRICE, LIKELY_OUT, ...)'),
  opt('pass_detail', 'STRING', 'The numbers behind pass_reason'),
  opt('ev', 'FLOAT64', 'Expected value per unit staked on price_side at price_odds'),
  opt(
    'price_side',
    'STRING',
    'OVER or UNDER: the pick, or the better side of a PASS (by EV at the best price)',
  ),
  opt('price_odds', 'INT64', 'Best American odds of price_side: the price a pick takes'),
  opt('price_book', 'STRING', 'Book offering price_odds'),
  opt('stake_fraction', 'FLOAT64', 'Quarter-Kelly stake, share of bankroll (capped); 0 for PASS'),
  opt('availability_status', 'STRING', 'active, questionable or likely_out (point in time)'),
  opt('availability_reasons', 'STRING', 'JSON list of the reasons behind availability_status'),
];

/** Columns of `prediction_batches` (one row per batch; DML INSERT, milestone UPDATEs). */
export const BATCH_COLUMNS: readonly Column[] = [
  req('batch_id', 'STRING', 'batch_<yyyy_mm_dd>_<16 hex of the trigger message id>'),
  req('game_date', 'DATE', 'US-Eastern game date'),
  opt('correlation_id', 'STRING', 'Trace id of the trigger'),
  req('created_at', 'TIMESTAMP', 'When startBatch created the batch'),
  req('expected_players', 'INT64', 'Eligible players published'),
  opt('published_players', 'INT64', 'Requests published'),
  opt('ineligible_players', 'INT64', 'Selected players not published'),
  opt('ineligible_json', 'STRING', 'JSON list of {player_lookup, reason}'),
  opt('lined_players', 'INT64', 'Published players with a prop line'),
  req('deadline_at', 'TIMESTAMP', 'After this the sweep consolidates whatever arrived'),
  opt('threshold_fired_at', 'TIMESTAMP', 'When the >= threshold consolidation fired'),
  opt('complete_fired_at', 'TIMESTAMP', 'When the 100% consolidation fired'),
  opt('deadline_fired_at', 'TIMESTAMP', 'When the deadline consolidation fired'),
  opt('consolidating_since', 'TIMESTAMP', 'Lease: a consolidation of this batch is running'),
  opt('consolidated_at', 'TIMESTAMP', 'Last successful consolidation'),
  opt('consolidated_rows', 'INT64', 'Rows of this batch in player_prop_predictions after the last MERGE'),
  opt('exported_at', 'TIMESTAMP', 'Last export'),
  opt('export_path', 'STRING', 'Object written by the last export'),
  req('status', 'STRING', 'running, consolidated, exported'),
  opt('trigger_message_id', 'STRING', 'Message id of the trigger (a redelivery resumes this batch)'),
  opt(
    'model_state_json',
    'STRING',
    'Calibrations and anchor weight fit on graded dates before game_date (JSON)',
  ),
  opt(
    'expected_rows_json',
    'STRING',
    'Staging rows each expected player writes, as JSON {"<rows>": <players>}; bounds the players in staging by its row count',
  ),
];

/**
 * Columns of `prediction_batch_members`: a batch's manifest, one row per player it predicts
 * (written once by startBatch with a load job, before the batch row exists, and never changed).
 * Only members count toward completion and only members' staging rows are merged.
 */
export const MEMBER_COLUMNS: readonly Column[] = [
  req('batch_id', 'STRING', 'Batch the player belongs to'),
  req('game_date', 'DATE', 'US-Eastern game date of the batch'),
  req('player_lookup', 'STRING', 'Normalized player key (lib/names.ts)'),
  req('game_id', 'STRING', "nba.com game id of the player's game tonight"),
  req('team_abbr', 'STRING', "Player's team tricode"),
  req('opponent_team_abbr', 'STRING', 'Opponent tricode'),
  req('is_home', 'BOOL', 'Player plays at home'),
  opt('line_points', 'FLOAT64', 'Consensus main line published to the player, points; null without a line'),
  req('created_at', 'TIMESTAMP', 'When startBatch wrote the manifest'),
];

/** Columns of `prediction_accuracy` (grading; DESIGN §3). */
export const ACCURACY_COLUMNS: readonly Column[] = [
  req('prediction_id', 'STRING', 'Graded prediction'),
  req('game_id', 'STRING', 'nba.com game id'),
  req('game_date', 'DATE', 'US-Eastern game date'),
  req('player_lookup', 'STRING', 'Normalized player key'),
  req('system_id', 'STRING', 'Prediction system'),
  req('line_key', 'INT64', 'ROUND(line_value*10), or -1'),
  opt('line_value', 'FLOAT64', 'Points line'),
  opt('predicted_points', 'FLOAT64', 'Predicted points'),
  opt('recommendation', 'STRING', 'OVER, UNDER, PASS or NO_LINE'),
  opt('actual_points', 'INT64', 'Points scored'),
  opt('minutes', 'FLOAT64', 'Minutes played (0 on a did-not-play row; null without a box-score row)'),
  opt('absolute_error', 'FLOAT64', '|predicted - actual|, points'),
  opt('signed_error', 'FLOAT64', 'predicted - actual, points'),
  opt('prediction_correct', 'BOOL', 'OVER/UNDER call right; null on a push, a void or PASS'),
  req('graded_at', 'TIMESTAMP', 'When graded'),
  // Columns added later go last (BigQuery appends new columns). A void (no box-score row with
  // minutes > 0) has actual_points, absolute_error and signed_error null.
  opt(
    'batch_id',
    'STRING',
    "The run graded: the player's newest consolidated run of the date (what was exported)",
  ),
  opt(
    'line_result',
    'STRING',
    'OVER, UNDER or PUSH: the actual points against line_value; null without a line or for a void',
  ),
  opt('result', 'STRING', 'Of an OVER/UNDER pick: win, loss, push or void; null for PASS and NO_LINE'),
  opt('price_odds', 'INT64', 'American odds the pick took (its best price); null without a pick'),
  opt(
    'profit_units',
    'FLOAT64',
    'Profit of one unit staked at price_odds: net payout on a win, -1 on a loss, 0 on a push or void; null without a pick',
  ),
];

/** player_prop_predictions: PARTITION BY game_date, CLUSTER BY system_id, player_lookup (DESIGN §3). */
export const PREDICTIONS_SPEC: TableSpec = {
  ref: TABLES.predictions,
  columns: PREDICTION_COLUMNS,
  partitionBy: 'game_date',
  clusterBy: ['system_id', 'player_lookup'],
};

/** prediction_batches. */
export const BATCHES_SPEC: TableSpec = {
  ref: TABLES.batches,
  columns: BATCH_COLUMNS,
  partitionBy: 'game_date',
  clusterBy: ['batch_id'],
};

/** prediction_batch_members: PARTITION BY game_date, CLUSTER BY batch_id (read per batch). */
export const MEMBERS_SPEC: TableSpec = {
  ref: TABLES.members,
  columns: MEMBER_COLUMNS,
  partitionBy: 'game_date',
  clusterBy: ['batch_id', 'player_lookup'],
};

/** prediction_accuracy: PARTITION BY game_date, CLUSTER BY system_id, player_lookup. */
export const ACCURACY_SPEC: TableSpec = {
  ref: TABLES.accuracy,
  columns: ACCURACY_COLUMNS,
  partitionBy: 'game_date',
  clusterBy: ['system_id', 'player_lookup'],
};

/**
 * `nba_raw.nbac_injury_report`: the official NBA injury report, one row per player per pull. An
 * upstream input (another phase loads it; locally lib/data/seed-local.ts loads data/injuries/).
 * Terraform declares it only where this stack owns the upstream datasets.
 */
export const INJURY_REPORT_SPEC: TableSpec = {
  ref: TABLES.injuryReport,
  columns: [
    req('game_date', 'DATE', 'US-Eastern date of the game the line of the report is for'),
    req('report_time', 'TIMESTAMP', 'When the report was published (UTC)'),
    req('team_abbr', 'STRING', "Player's team tricode in the report"),
    req('player_lookup', 'STRING', 'Normalized player key (lib/names.ts)'),
    opt('player_name', 'STRING', 'Name as printed in the report (Last, First)'),
    req('status', 'STRING', 'Out, Doubtful, Questionable, Probable or Available'),
    opt('reason', 'STRING', "The league's reason text (Injury/Illness - Left Ankle; Sprain, Rest ...)"),
  ],
  partitionBy: 'game_date',
  clusterBy: ['team_abbr', 'player_lookup'],
};

/** Upstream tables whose schema this product declares (Terraform creates them with the upstream datasets). */
export const UPSTREAM_TABLES: readonly TableSpec[] = [INJURY_REPORT_SPEC];

/** Every table the product owns (created by `ensureOwnedTables`). */
export const OWNED_TABLES: readonly TableSpec[] = [
  PREDICTIONS_SPEC,
  BATCHES_SPEC,
  MEMBERS_SPEC,
  ACCURACY_SPEC,
];

/** The staging table spec of a batch: prediction columns, expiring after `expirationHours`. */
export function stagingSpec(batchId: string, expirationHours: number): TableSpec {
  return { ref: stagingTable(batchId), columns: PREDICTION_COLUMNS, expirationHours };
}

/** A view this product owns: its name and its query (shared SQL with table tokens). */
export interface ViewSpec {
  ref: TableRef;
  sql: string;
}

/**
 * Views the product owns on Google Cloud (Terraform creates them from the generated query files).
 * Locally the same names are tables filled by the data loader.
 */
export const OWNED_VIEWS: readonly ViewSpec[] = [
  { ref: TABLES.teamGameSummary, sql: TEAM_GAME_SUMMARY_VIEW },
];
