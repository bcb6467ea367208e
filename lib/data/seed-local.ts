/**
 * Loads the shipped real NBA data (data/*.csv.gz) into the local DuckDB warehouse as the upstream
 * tables of DESIGN §3. Upstream tables belong to other phases in production; locally this loader
 * stands in for them. It runs on first use and again whenever a shipped file changes.
 *
 * player_lookup is computed here by lib/names.ts from each source's own spelling of the name, so
 * box scores and sportsbook lines join on the product's key, not on the CSVs' `player_key`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { aliasMapFromRows, playerLookup, reportNameToDisplay } from '../names';
import { dataFile } from '../paths';
import type { DuckDbWarehouse } from '../warehouse/duckdb';
import { toDuckSql } from '../warehouse/duckdb-sql';
import { TEAM_GAME_SUMMARY_VIEW } from '../warehouse/sql/team-games';
import { physicalTable, TABLES, type TableRef } from '../warehouse/tables';
import { ALIASES, INJURY_REPORT, PLAYER_GAMES, POINTS_LINES, SCHEDULE, TEAM_GAMES, readCsv } from './csv-files';

/** The official injury report pulls (data/injuries/, data/SOURCE.md section 8). */
export const INJURY_REPORT_FILE = 'injuries/injury_reports_2025_26_official.csv.gz';

/**
 * The report pulls carry a day, not a time: the collector asked for the 5:30 PM ET report first
 * (data/SOURCE.md section 8), so each pull is stamped `report_date` 17:30 US-Eastern.
 */
export const INJURY_REPORT_TIME_ET = '17:30:00';

/** Files the loader reads, relative to data/. */
export const SHIPPED_FILES = [
  'player_games_2024_25.csv.gz',
  'player_games_2025_26.csv.gz',
  'team_games_2024_25.csv.gz',
  'points_lines_2025_26_oddsapi.csv.gz',
  'schedule_results_2025_26.csv.gz',
  'player_aliases.csv',
  INJURY_REPORT_FILE,
] as const;

/** Bump to force a reload when the loader's SQL changes. */
const LOADER_VERSION = 7;

/** Options of {@link seedLocalWarehouse}. */
export interface SeedOptions {
  /** Folder holding the {@link SHIPPED_FILES} (default: the package's data/). */
  dataDir?: string;
}

/** A CSV row the loader did not load, and why. */
export interface RejectedRow {
  /** File name under the data folder. */
  file: string;
  /** Line in the (decompressed) file, the header being line 1. */
  line: number;
  column: string | null;
  reason: string;
}

/** What {@link seedLocalWarehouse} did. */
export interface SeedReport {
  /** True when it loaded, false when the warehouse was already current. */
  loaded: boolean;
  /** Rows of the shipped files that were rejected (empty when nothing was loaded). */
  rejected: RejectedRow[];
}

function fileOf(name: string, opts: SeedOptions): string {
  return opts.dataDir ? join(opts.dataDir, name) : dataFile(name);
}

/** Hash of the loader version and every shipped file. */
export function shippedDataVersion(opts: SeedOptions = {}): string {
  const h = createHash('sha256').update(String(LOADER_VERSION));
  for (const f of SHIPPED_FILES) h.update(f).update(readFileSync(fileOf(f, opts)));
  return h.digest('hex').slice(0, 16);
}

/** A cell of a row read back from DuckDB as a string ('' for NULL or a non-string). */
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function q(ref: TableRef, prefix: string): string {
  const t = physicalTable(ref, prefix);
  return `"${t.dataset}"."${t.table}"`;
}

/** Reject tables of each read (temp tables of the loader's connection). */
const REJECTS = ['rej_pg', 'rej_odds', 'rej_team', 'rej_sched', 'rej_alias', 'rej_inj'] as const;

async function loadNameMap(conn: DuckDBConnection, schema: string, aliasFile: string): Promise<void> {
  const aliasRows = await conn.runAndReadAll(`SELECT alias_key, canonical_key FROM ${readCsv([aliasFile], ALIASES, 'rej_alias')}`);
  const aliases = aliasMapFromRows(
    aliasRows
      .getRowObjectsJson()
      .map((r) => ({ alias_key: str(r.alias_key), canonical_key: str(r.canonical_key) }))
      .filter((r) => r.alias_key !== '' && r.canonical_key !== ''),
  );
  const names = await conn.runAndReadAll(
    'SELECT DISTINCT player_name FROM (SELECT player_name FROM raw_pg UNION ALL SELECT player_name FROM raw_odds UNION ALL SELECT player_name FROM raw_inj)',
  );
  await conn.run(`CREATE OR REPLACE TABLE "${schema}".name_map (player_name VARCHAR, player_lookup VARCHAR)`);
  const appender = await conn.createAppender('name_map', schema);
  for (const row of names.getRowObjectsJson()) {
    const name = typeof row.player_name === 'string' ? row.player_name : '';
    if (name === '') continue;
    appender.appendVarchar(name);
    appender.appendVarchar(playerLookup(reportNameToDisplay(name), aliases));
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

/** Every rejected row of the reads, with its file name, line and DuckDB's reason. */
async function rejectedRows(conn: DuckDBConnection): Promise<RejectedRow[]> {
  const out: RejectedRow[] = [];
  for (const r of REJECTS) {
    const rows = await conn.runAndReadAll(
      `SELECT s.file_path, e.line, e.column_name, e.error_type, e.error_message, e.csv_line
       FROM ${r}_errors e JOIN ${r}_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id
       ORDER BY s.file_path, e.line`,
    );
    for (const row of rows.getRowObjectsJson()) {
      const message = str(row.error_message).trim();
      const column = typeof row.column_name === 'string' ? row.column_name : null;
      out.push({
        file: str(row.file_path).split(/[\\/]/).pop() ?? '',
        line: Number(row.line),
        column,
        reason: /\.$/.test(message) && column ? `${message} The ${column} cell is empty.` : message || str(row.error_type),
      });
    }
  }
  return out;
}

/**
 * Creates and fills the upstream tables when they are missing or the shipped data changed. A row
 * that does not fit its file's layout (lib/data/csv-files.ts: "DNP" in minutes, a bad date, an
 * empty required cell, a negative count) is not loaded and is reported with file, line and reason;
 * the rest loads.
 */
export async function seedLocalWarehouse(wh: DuckDbWarehouse, opts: SeedOptions = {}): Promise<SeedReport> {
  const version = shippedDataVersion(opts);
  const prefix = wh.datasetPrefix;
  const meta = `"${prefix}nba_local"."data_version"`;
  const file = (name: string) => fileOf(name, opts);
  return wh.withConnection(async (conn) => {
    await conn.run(`CREATE SCHEMA IF NOT EXISTS "${prefix}nba_local"`);
    await conn.run(`CREATE TABLE IF NOT EXISTS ${meta} (version VARCHAR, loaded_at TIMESTAMP)`);
    const cur = await conn.runAndReadAll(`SELECT version FROM ${meta} ORDER BY loaded_at DESC LIMIT 1`);
    if (cur.getRowObjectsJson()[0]?.version === version) return { loaded: false, rejected: [] };

    for (const ds of ['nba_analytics', 'nba_raw', 'nba_predictions']) {
      await conn.run(`CREATE SCHEMA IF NOT EXISTS "${prefix}${ds}"`);
    }
    for (const r of REJECTS) {
      await conn.run(`DROP TABLE IF EXISTS ${r}_errors`);
      await conn.run(`DROP TABLE IF EXISTS ${r}_scans`);
    }
    const playerGames = [file('player_games_2024_25.csv.gz'), file('player_games_2025_26.csv.gz')];
    await conn.run(`CREATE OR REPLACE TEMP TABLE raw_pg AS SELECT * FROM ${readCsv(playerGames, PLAYER_GAMES, 'rej_pg')}`);
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE raw_odds AS SELECT * FROM ${readCsv([file('points_lines_2025_26_oddsapi.csv.gz')], POINTS_LINES, 'rej_odds')}`,
    );
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE raw_team AS SELECT * FROM ${readCsv([file('team_games_2024_25.csv.gz')], TEAM_GAMES, 'rej_team')}`,
    );
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE raw_sched AS SELECT * FROM ${readCsv([file('schedule_results_2025_26.csv.gz')], SCHEDULE, 'rej_sched')}`,
    );
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE raw_inj AS SELECT * FROM ${readCsv([file(INJURY_REPORT_FILE)], INJURY_REPORT, 'rej_inj')}`,
    );
    await loadNameMap(conn, `${prefix}nba_local`, file('player_aliases.csv'));
    const nameMap = `"${prefix}nba_local".name_map`;

    // One row per player per game: the same game under two spellings of a name (NFC and NFD, say)
    // maps to one player_lookup and is kept once (the row with the most minutes).
    const pgs = q(TABLES.playerGameSummary, prefix);
    await conn.run(`
      CREATE OR REPLACE TABLE ${pgs} AS
      SELECT m.player_lookup, r.player_name, NULLIF(r.player_id, '') AS player_id,
        COALESCE(NULLIF(r.game_id, ''),
          strftime(r.game_date, '%Y%m%d') || '_' || least(r.team, r.opponent) || '_' || greatest(r.team, r.opponent)) AS game_id,
        r.game_date, r.season, r.team AS team_abbr, r.opponent AS opponent_team_abbr,
        CASE r.home WHEN '1' THEN TRUE WHEN '0' THEN FALSE ELSE NULL END AS is_home,
        r.minutes AS minutes_played, CAST(r.pts AS BIGINT) AS points,
        CAST(r.fgm AS BIGINT) AS fgm, CAST(r.fga AS BIGINT) AS fga, CAST(r.fg3m AS BIGINT) AS fg3m,
        CAST(r.fg3a AS BIGINT) AS fg3a, CAST(r.ftm AS BIGINT) AS ftm, CAST(r.fta AS BIGINT) AS fta,
        CAST(r.oreb AS BIGINT) AS oreb, CAST(r.dreb AS BIGINT) AS dreb, CAST(r.reb AS BIGINT) AS reb,
        CAST(r.ast AS BIGINT) AS ast, CAST(r.stl AS BIGINT) AS stl, CAST(r.blk AS BIGINT) AS blk,
        CAST(r.tov AS BIGINT) AS tov, CAST(r.pf AS BIGINT) AS pf, TRY_CAST(r.plus_minus AS BIGINT) AS plus_minus
      FROM raw_pg r JOIN ${nameMap} m ON m.player_name = r.player_name
      QUALIFY ROW_NUMBER() OVER (PARTITION BY m.player_lookup, r.game_date ORDER BY r.minutes DESC, r.player_name) = 1`);

    await conn.run(`
      CREATE OR REPLACE TABLE ${q(TABLES.teamGameSummary, prefix)} AS
      SELECT game_id, game_date, season, team AS team_abbr, opponent AS opponent_team_abbr,
        home = '1' AS is_home, minutes, CAST(pts AS BIGINT) AS pts,
        CAST(fgm AS BIGINT) AS fgm, CAST(fga AS BIGINT) AS fga, CAST(fg3m AS BIGINT) AS fg3m,
        CAST(fg3a AS BIGINT) AS fg3a, CAST(ftm AS BIGINT) AS ftm, CAST(fta AS BIGINT) AS fta,
        CAST(oreb AS BIGINT) AS oreb, CAST(tov AS BIGINT) AS tov
      FROM raw_team
      UNION ALL
      SELECT * FROM (${toDuckSql(TEAM_GAME_SUMMARY_VIEW, prefix).sql}) AS v WHERE season = '2025-26'`);

    const odds = q(TABLES.odds, prefix);
    await conn.run(`
      CREATE OR REPLACE TABLE ${odds} AS
      SELECT r.game_date, r.commence_time_utc AS commence_time,
        r.event_id, r.home_team, r.away_team, m.player_lookup, r.player_name, r.bookmaker,
        r.line AS points_line, r.over_odds, r.under_odds, r.is_main = '1' AS is_main,
        r.snapshot_utc AS snapshot_time
      FROM raw_odds r JOIN ${nameMap} m ON m.player_name = r.player_name`);

    await conn.run(`
      CREATE OR REPLACE TABLE ${q(TABLES.schedule, prefix)} AS
      WITH tips AS (
        SELECT game_date, home_team, away_team, MIN(commence_time) AS commence_time
        FROM ${odds} GROUP BY game_date, home_team, away_team)
      SELECT s.game_id, s.game_date, '2025-26' AS season, 'regular' AS season_type,
        s.home_team, s.away_team, t.commence_time,
        CAST(s.home_pts AS BIGINT) AS home_pts, CAST(s.away_pts AS BIGINT) AS away_pts
      FROM raw_sched s
      LEFT JOIN tips t ON t.game_date = s.game_date AND t.home_team = s.home_team AND t.away_team = s.away_team
      UNION ALL
      SELECT h.game_id, h.game_date, h.season, h.season_type, h.team, h.opponent,
        CAST(NULL AS TIMESTAMP), CAST(h.pts AS BIGINT), CAST(a.pts AS BIGINT)
      FROM raw_team h
      JOIN raw_team a ON a.game_id = h.game_id AND a.team = h.opponent
      WHERE h.home = '1'`);

    // report_time: the pull's day (source_row `report_date=YYYY-MM-DD`) at 17:30 ET, stored as UTC.
    await conn.run(`
      CREATE OR REPLACE TABLE ${q(TABLES.injuryReport, prefix)} AS
      SELECT CAST(r.game_date AS DATE) AS game_date,
        CAST(timezone('America/New_York', CAST(regexp_extract(r.source_row, 'report_date=(\\d{4}-\\d{2}-\\d{2})', 1) || ' ${INJURY_REPORT_TIME_ET}' AS TIMESTAMP)) AT TIME ZONE 'UTC' AS TIMESTAMP) AS report_time,
        r.team AS team_abbr, m.player_lookup, r.player_name, r.status, NULLIF(r.reason, '') AS reason
      FROM raw_inj r JOIN ${nameMap} m ON m.player_name = r.player_name`);

    const rejected = await rejectedRows(conn);
    await conn.run(`INSERT INTO ${meta} VALUES ($v, CAST($t AS TIMESTAMP))`, {
      v: version,
      t: new Date().toISOString(),
    });
    await conn.run('CHECKPOINT');
    return { loaded: true, rejected };
  });
}
