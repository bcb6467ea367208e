/**
 * Point-in-time features of one player for one game date, computed from the history carried in the
 * prediction request (DESIGN §4). One source of truth: the systems, the export and the XGBoost
 * training rows all read these.
 *
 * Rules:
 * - Only games dated before `game_date` count (rows on or after it are dropped and counted).
 * - 0-minute rows (DNP) never count toward scoring or minutes averages.
 * - "Season" = games of the game date's season; when fewer than `minSeasonGames` were played
 *   (the first week of a season) the whole history window is used (`season_source = "window"`).
 */
import { daysBetween, seasonOf } from '../dates';
import type { Game, TeamContext } from '../messages';
import { EARLY_SEASON_PRIOR_GAMES } from './early-season-constants';
import { mean, stdPop } from './stats';

/** Games of the current season needed before the season average stops using the window. Ours. */
export const MIN_SEASON_GAMES = 5;

/** Features of a player for a game date. Points and minutes are per game; rates are 0-1. */
export interface PlayerFeatures {
  game_date: string;
  season: string;
  is_home: boolean;
  /** History rows used (dated before game_date), including 0-minute rows. */
  games_in_window: number;
  /** Rows with minutes > 0. */
  games_played_window: number;
  /** Rows with minutes > 0 in the game date's season. */
  games_played_season: number;
  /** Rows dropped because they were dated on or after game_date (point-in-time guard). */
  future_rows_dropped: number;
  season_source: 'season' | 'window';
  points_avg_last_5: number | null;
  points_avg_last_10: number | null;
  points_avg_season: number | null;
  points_std_last_10: number | null;
  minutes_avg_last_5: number | null;
  minutes_avg_last_10: number | null;
  minutes_avg_season: number | null;
  /** Points and minutes over this season's games only (null before the first): what a reader calls "season" averages. */
  points_avg_this_season: number | null;
  minutes_avg_this_season: number | null;
  /** Points per game over the previous season's games in the window (null without any). */
  points_avg_last_season: number | null;
  /**
   * This season's points average shrunk toward last season's: (n x this + k x last) / (n + k) with
   * n = games_played_season and k = EARLY_SEASON_PRIOR_GAMES; this season's average without a last
   * season, last season's before the first game (lib/model/early-season-constants.ts).
   */
  points_avg_season_shrunk: number | null;
  /** Points per minute over the last 10 games played. */
  points_per_minute_last_10: number | null;
  /** Days between the last game and game_date minus one (0 = back-to-back); null without games. */
  days_rest: number | null;
  back_to_back: boolean;
  /** Games played in the 7 days before game_date. */
  games_last_7_days: number;
  /** Share of the team's last 10 games the player played (0-1); null when unknown. */
  availability_last_10: number | null;
  home_ppg: number | null;
  away_ppg: number | null;
  /** Shares of the player's points (last 10 games) from threes, free throws and twos (0-1). */
  share_points_three: number | null;
  share_points_ft: number | null;
  share_points_two: number | null;
  /** Three-point attempts per field-goal attempt, last 10 games (0-1). */
  fg3a_rate_last_10: number | null;
  /** Free-throw attempts per field-goal attempt, last 10 games. */
  fta_rate_last_10: number | null;
  /** Field-goal attempts per game, last 10 games. */
  fga_avg_last_10: number | null;
  /** Points of the last 10 games played, newest first. */
  last_10_points: number[];
  /** Minutes of the last 10 games played, newest first. */
  last_10_minutes: number[];
  /** Dates of the last 10 games played, newest first. */
  last_10_dates: string[];
}

const pts = (g: Game) => g.points;
const mins = (g: Game) => g.minutes;

/** Newest game first: by game_date, then game_id, both descending (the history query's order). */
export function newestFirst(a: Game, b: Game): number {
  if (a.game_date !== b.game_date) return a.game_date < b.game_date ? 1 : -1;
  return a.game_id === b.game_id ? 0 : a.game_id < b.game_id ? 1 : -1;
}

/** The games dated before `gameDate`, newest first (the point-in-time view every system reads). */
export function historyBefore(history: readonly Game[], gameDate: string): Game[] {
  return history.filter((g) => g.game_date < gameDate).sort(newestFirst);
}

/**
 * Computes {@link PlayerFeatures}.
 * @param history the player's games, any order; only rows before `gameDate` are used.
 * @param team the player's team context (for availability); null when unknown.
 */
export function computeFeatures(
  history: readonly Game[],
  gameDate: string,
  isHome: boolean,
  team: TeamContext | null,
): PlayerFeatures {
  const past = historyBefore(history, gameDate);
  const played = past.filter((g) => g.minutes > 0);
  const season = seasonOf(gameDate);
  const seasonGames = played.filter((g) => g.season === season);
  const seasonBase = seasonGames.length >= MIN_SEASON_GAMES ? seasonGames : played;
  const previous = previousSeason(season);
  const lastSeasonGames = played.filter((g) => g.season === previous);
  const l5 = played.slice(0, 5);
  const l10 = played.slice(0, 10);

  const sumOf = (gs: Game[], f: (g: Game) => number) => gs.reduce((a, g) => a + f(g), 0);
  const l10Points = sumOf(l10, pts);
  const l10Minutes = sumOf(l10, mins);
  const l10Fga = sumOf(l10, (g) => g.fga);
  const threes = sumOf(l10, (g) => 3 * g.fg3m);
  const fts = sumOf(l10, (g) => g.ftm);

  const last = past[0];
  const daysRest = last ? daysBetween(last.game_date, gameDate) - 1 : null;
  const teamDates = team?.recent_game_dates.slice(0, 10) ?? [];
  const playedDates = new Set(played.map((g) => g.game_date));

  return {
    game_date: gameDate,
    season,
    is_home: isHome,
    games_in_window: past.length,
    games_played_window: played.length,
    games_played_season: seasonGames.length,
    future_rows_dropped: history.length - past.length,
    season_source: seasonBase === seasonGames ? 'season' : 'window',
    points_avg_last_5: mean(l5.map(pts)),
    points_avg_last_10: mean(l10.map(pts)),
    points_avg_season: mean(seasonBase.map(pts)),
    points_std_last_10: stdPop(l10.map(pts)),
    minutes_avg_last_5: mean(l5.map(mins)),
    minutes_avg_last_10: mean(l10.map(mins)),
    minutes_avg_season: mean(seasonBase.map(mins)),
    points_avg_this_season: mean(seasonGames.map(pts)),
    points_avg_last_season: mean(lastSeasonGames.map(pts)),
    points_avg_season_shrunk: shrunkAverage(
      mean(seasonGames.map(pts)),
      seasonGames.length,
      mean(lastSeasonGames.map(pts)),
    ),
    minutes_avg_this_season: mean(seasonGames.map(mins)),
    points_per_minute_last_10: l10Minutes > 0 ? l10Points / l10Minutes : null,
    days_rest: daysRest,
    back_to_back: daysRest === 0,
    games_last_7_days: played.filter((g) => daysBetween(g.game_date, gameDate) <= 7).length,
    availability_last_10:
      teamDates.length > 0 ? teamDates.filter((d) => playedDates.has(d)).length / teamDates.length : null,
    home_ppg: mean(played.filter((g) => g.is_home === true).map(pts)),
    away_ppg: mean(played.filter((g) => g.is_home === false).map(pts)),
    share_points_three: l10Points > 0 ? threes / l10Points : null,
    share_points_ft: l10Points > 0 ? fts / l10Points : null,
    share_points_two: l10Points > 0 ? (l10Points - threes - fts) / l10Points : null,
    fg3a_rate_last_10: l10Fga > 0 ? sumOf(l10, (g) => g.fg3a) / l10Fga : null,
    fta_rate_last_10: l10Fga > 0 ? sumOf(l10, (g) => g.fta) / l10Fga : null,
    fga_avg_last_10: l10.length > 0 ? l10Fga / l10.length : null,
    last_10_points: l10.map(pts),
    last_10_minutes: l10.map(mins),
    last_10_dates: l10.map((g) => g.game_date),
  };
}

/** The season before `season` (`2025-26` -> `2024-25`). */
export function previousSeason(season: string): string {
  const start = Number(season.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Empirical-Bayes average of this season: (n x thisSeason + k x lastSeason) / (n + k), k =
 * {@link EARLY_SEASON_PRIOR_GAMES}. Null when neither is known; this season's average when there is
 * no last season; last season's when n = 0.
 */
export function shrunkAverage(
  thisSeason: number | null,
  n: number,
  lastSeason: number | null,
): number | null {
  if (lastSeason === null) return thisSeason;
  if (thisSeason === null || n === 0) return lastSeason;
  const k = EARLY_SEASON_PRIOR_GAMES;
  return (n * thisSeason + k * lastSeason) / (n + k);
}
