/**
 * The batch loader of startBatch: who could be selected (minutes and team only) and the box scores
 * of the players it publishes, each in ONE query read by column (lib/warehouse/port.ts `Columns`).
 * Rows become objects straight from the columns, one per row and none per cell, whatever columns
 * the query selects, so a column added to the SQL costs one more assignment per row.
 */
import { addDays } from '../dates';
import type { Config } from '../config';
import type { Game } from '../messages';
import { newestFirst } from '../model/features';
import { MINUTES_WINDOW, type PlayerSummary } from '../slate/select';
import type { Cell, Columns, Warehouse } from '../warehouse/port';
import * as sql from '../warehouse/sql/slate';

/**
 * Each column but `key` of rows grouped by `key` (keys and rows in result order): one object per
 * row with the columns' names.
 */
export function groupRowsBy<T>(cols: Columns, key: string): Map<string, T[]> {
  const names = cols.names.filter((n) => n !== key);
  const arrays: Cell[][] = names.map((n) => cols.columns[n]);
  const keys = cols.columns[key] ?? [];
  const out = new Map<string, T[]>();
  let last: string | undefined;
  let list: T[] = [];
  for (let i = 0; i < cols.rowCount; i += 1) {
    const k = keys[i] as string;
    if (k !== last) {
      list = out.get(k) ?? [];
      out.set(k, list);
      last = k;
    }
    const o: Record<string, Cell> = {};
    for (let j = 0; j < names.length; j += 1) o[names[j]] = arrays[j][i];
    list.push(o as T);
  }
  return out;
}

/**
 * The selection facts of each player from CANDIDATE_SUMMARIES's columns: rows in any order, each
 * placed by its rn (1 = newest); the rn = 1 row carries the player's name, team, date and count.
 */
export function summariesOf(cols: Columns): Map<string, PlayerSummary> {
  const c = cols.columns;
  const out = new Map<string, PlayerSummary>();
  for (let i = 0; i < cols.rowCount; i += 1) {
    const lookup = c.player_lookup[i] as string;
    let s = out.get(lookup);
    if (!s) {
      s = {
        player_lookup: lookup,
        player_name: '',
        team_abbr: '',
        last_game_date: '',
        recent_minutes: [],
        played_games: 0,
      };
      out.set(lookup, s);
    }
    const rn = c.rn[i] as number;
    s.recent_minutes[rn - 1] = c.minutes[i] as number;
    if (rn === 1) {
      s.player_name = c.player_name[i] as string;
      s.team_abbr = c.team_abbr[i] as string;
      s.last_game_date = c.last_game_date[i] as string;
      s.played_games = c.played_games[i] as number;
    }
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Query settings of the loader (lib/config.ts). */
export type HistorySettings = Pick<Config, 'historyGames' | 'historyDays'>;

/**
 * Who could be selected on `gameDate`: players whose latest game was for one of `teams`, plus
 * `linedLookups`, with their newest MINUTES_WINDOW games' minutes (see lib/slate/select.ts).
 */
export async function loadSummaries(
  wh: Warehouse,
  gameDate: string,
  teams: readonly string[],
  linedLookups: readonly string[],
  config: HistorySettings,
): Promise<Map<string, PlayerSummary>> {
  return summariesOf(
    await wh.queryColumns(sql.CANDIDATE_SUMMARIES, {
      game_date: gameDate,
      history_start: addDays(gameDate, -config.historyDays),
      max_games: config.historyGames,
      minutes_window: MINUTES_WINDOW,
      teams,
      lined_lookups: linedLookups,
    }),
  );
}

/**
 * Histories of `players`: each his newest `historyGames` games before `gameDate` within
 * `historyDays`, newest first, in ONE query. Players without games are absent (the others in the
 * order the query returned them); `rows` is the number of games returned.
 */
export async function loadHistories(
  wh: Warehouse,
  gameDate: string,
  players: readonly string[],
  config: HistorySettings,
): Promise<{ histories: Map<string, Game[]>; rows: number }> {
  if (players.length === 0) return { histories: new Map(), rows: 0 };
  const cols = await wh.queryColumns(sql.HISTORY_OF_PLAYERS, {
    game_date: gameDate,
    history_start: addDays(gameDate, -config.historyDays),
    max_games: config.historyGames,
    players,
  });
  const histories = groupRowsBy<Game>(cols, 'player_lookup');
  for (const games of histories.values()) games.sort(newestFirst);
  return { histories, rows: cols.rowCount };
}

