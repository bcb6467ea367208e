/**
 * player_game_summary rows of one player with one game held twice, as an upstream table can hold
 * it: the same game (same game_id and date) under the NFC and the NFD spelling of "Nikola Jokić",
 * both mapped to player_lookup `nikolajokic` by lib/names.ts. Three games, four rows.
 */
import { playerLookup } from '../../lib/names';

/** Columns of the rows, in order, with their BigQuery types. */
export const PGS_COLUMNS = [
  ['player_lookup', 'STRING'],
  ['player_name', 'STRING'],
  ['game_id', 'STRING'],
  ['game_date', 'DATE'],
  ['season', 'STRING'],
  ['team_abbr', 'STRING'],
  ['opponent_team_abbr', 'STRING'],
  ['is_home', 'BOOL'],
  ['minutes_played', 'FLOAT64'],
  ['points', 'INT64'],
  ['fgm', 'INT64'],
  ['fga', 'INT64'],
  ['fg3m', 'INT64'],
  ['fg3a', 'INT64'],
  ['ftm', 'INT64'],
  ['fta', 'INT64'],
  ['oreb', 'INT64'],
  ['tov', 'INT64'],
] as const;

const NFC = 'Nikola Jokić';
const NFD = NFC.normalize('NFD');

const game = (name: string, id: string, date: string, minutes: number, points: number) => ({
  player_lookup: playerLookup(name),
  player_name: name,
  game_id: id,
  game_date: date,
  season: '2025-26',
  team_abbr: 'DEN',
  opponent_team_abbr: 'ATL',
  is_home: true,
  minutes_played: minutes,
  points,
  fgm: 10,
  fga: 20,
  fg3m: 2,
  fg3a: 5,
  ftm: 6,
  fta: 8,
  oreb: 3,
  tov: 4,
});

/** The four rows (the second game twice, once per spelling). */
export const DUPLICATE_GAME_ROWS = [
  game(NFC, '0022500301', '2025-12-01', 35, 30),
  game(NFC, '0022500315', '2025-12-03', 36, 32),
  game(NFD, '0022500315', '2025-12-03', 36, 32),
  game(NFC, '0022500329', '2025-12-04', 34, 28),
];

/** Parameters of CANDIDATE_SUMMARIES for 2025-12-05 and DEN. */
export const SUMMARY_PARAMS = {
  game_date: '2025-12-05',
  history_start: '2024-12-05',
  max_games: 30,
  minutes_window: 10,
  teams: ['DEN'],
  lined_lookups: [] as string[],
};

/** Parameters of HISTORY_OF_PLAYERS for 2025-12-05 and Jokić. */
export const HISTORY_PARAMS = {
  game_date: '2025-12-05',
  history_start: '2024-12-05',
  max_games: 30,
  players: ['nikolajokic'],
};
