/**
 * The shipped CSV files (data/) as DuckDB's CSV reader reads them: every column typed, required
 * cells not nullable, and rows that do not fit kept aside in DuckDB's reject tables instead of
 * failing the load (https://duckdb.org/docs/data/csv/reading_faulty_csv_files). So one "DNP" in a
 * minutes column rejects that row, with its file, line and reason, and the rest loads.
 */

/** A column and its DuckDB type. */
type Columns = ReadonlyArray<readonly [name: string, type: string]>;

/** One CSV layout: typed columns (in file order) and the columns an empty cell is refused in. */
export interface CsvLayout {
  columns: Columns;
  /** Columns whose empty cell is an error (DuckDB `force_not_null` on a typed column). */
  required: readonly string[];
}

/** Counts (points, makes, attempts...) are never negative: UBIGINT refuses "-3" with its line. */
const COUNT = 'UBIGINT';

const BOX_COUNTS = ['pts', 'fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'dreb', 'reb', 'ast', 'stl', 'blk', 'tov', 'pf'];

/** data/player_games_<season>.csv.gz: one box-score row per player per game (data/README.md). */
export const PLAYER_GAMES: CsvLayout = {
  columns: [
    ['season', 'VARCHAR'],
    ['game_date', 'DATE'],
    ['game_id', 'VARCHAR'],
    ['player_id', 'VARCHAR'],
    ['player_name', 'VARCHAR'],
    ['player_key', 'VARCHAR'],
    ['team', 'VARCHAR'],
    ['opponent', 'VARCHAR'],
    ['home', 'VARCHAR'],
    ['result', 'VARCHAR'],
    ['minutes', 'DOUBLE'],
    ...BOX_COUNTS.map((c) => [c, COUNT] as const),
    ['plus_minus', 'VARCHAR'],
    ['source', 'VARCHAR'],
  ],
  required: ['game_date', 'minutes', 'pts', 'fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'tov'],
};

/** data/team_games_2024_25.csv.gz: one row per team per game. */
export const TEAM_GAMES: CsvLayout = {
  columns: [
    ['season', 'VARCHAR'],
    ['season_type', 'VARCHAR'],
    ['game_id', 'VARCHAR'],
    ['game_date', 'DATE'],
    ['team', 'VARCHAR'],
    ['team_id', 'VARCHAR'],
    ['opponent', 'VARCHAR'],
    ['home', 'VARCHAR'],
    ['result', 'VARCHAR'],
    ['minutes', 'DOUBLE'],
    ...BOX_COUNTS.map((c) => [c, COUNT] as const),
    ['plus_minus', 'VARCHAR'],
  ],
  required: ['game_date', 'minutes', 'pts', 'fgm', 'fga', 'fg3m', 'fg3a', 'ftm', 'fta', 'oreb', 'tov'],
};

/** data/points_lines_2025_26_oddsapi.csv.gz: one row per book, player and snapshot. */
export const POINTS_LINES: CsvLayout = {
  columns: [
    ['game_date', 'DATE'],
    ['commence_time_utc', 'TIMESTAMP'],
    ['event_id', 'VARCHAR'],
    ['home_team', 'VARCHAR'],
    ['away_team', 'VARCHAR'],
    ['player_name', 'VARCHAR'],
    ['player_key', 'VARCHAR'],
    ['bookmaker', 'VARCHAR'],
    ['line', 'DOUBLE'],
    ['over_odds', 'BIGINT'],
    ['under_odds', 'BIGINT'],
    ['is_main', 'VARCHAR'],
    ['snapshot_utc', 'TIMESTAMP'],
  ],
  required: ['game_date', 'commence_time_utc', 'line', 'snapshot_utc'],
};

/** data/schedule_results_2025_26.csv.gz: one row per game with the final score. */
export const SCHEDULE: CsvLayout = {
  columns: [
    ['game_id', 'VARCHAR'],
    ['game_date', 'DATE'],
    ['home_team', 'VARCHAR'],
    ['away_team', 'VARCHAR'],
    ['home_pts', COUNT],
    ['away_pts', COUNT],
    ['home_result', 'VARCHAR'],
    ['home_fg_pct', 'DOUBLE'],
    ['home_fg3_pct', 'DOUBLE'],
    ['away_fg_pct', 'DOUBLE'],
    ['away_fg3_pct', 'DOUBLE'],
  ],
  required: ['game_date'],
};

/** data/injuries/injury_reports_2025_26_official.csv.gz: one row per player listed in a report pull. */
export const INJURY_REPORT: CsvLayout = {
  columns: [
    ['game_date', 'DATE'],
    ['report_time_utc', 'VARCHAR'],
    ['team', 'VARCHAR'],
    ['player_name', 'VARCHAR'],
    ['player_key', 'VARCHAR'],
    ['status', 'VARCHAR'],
    ['reason', 'VARCHAR'],
    ['source_row', 'VARCHAR'],
  ],
  required: ['game_date'],
};

/** data/player_aliases.csv: spaced alias key -> spaced canonical key (lib/names.ts). */
export const ALIASES: CsvLayout = {
  columns: [
    ['alias_key', 'VARCHAR'],
    ['canonical_key', 'VARCHAR'],
  ],
  required: [],
};

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The `read_csv(...)` call of files with a layout: header row, typed columns, `%Y-%m-%d` dates,
 * required columns refused when empty, and rejected rows stored in the temp tables `<rejects>_errors`
 * and `<rejects>_scans`.
 */
export function readCsv(paths: readonly string[], layout: CsvLayout, rejects: string): string {
  const columns = layout.columns.map(([n, t]) => `${lit(n)}: ${lit(t)}`).join(', ');
  const required = layout.required.length > 0 ? `, force_not_null = [${layout.required.map(lit).join(', ')}]` : '';
  return `read_csv([${paths.map(lit).join(', ')}], header = true, dateformat = '%Y-%m-%d', columns = {${columns}}${required}, store_rejects = true, rejects_table = ${lit(`${rejects}_errors`)}, rejects_scan = ${lit(`${rejects}_scans`)})`;
}
