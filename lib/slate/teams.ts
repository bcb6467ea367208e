/**
 * Team and league context from team-game rows (one query for all teams; DESIGN §4 "History").
 *
 * Possessions per team-game use Dean Oliver's estimate FGA - OREB + TOV + 0.44 * FTA, averaged over
 * both teams; pace is possessions per 48 minutes (team minutes / 5); defensive rating is points
 * allowed per 100 possessions. Source: Oliver, "Basketball on Paper" (2004), ch. 2.
 */
import type { LeagueContext, TeamContext } from '../messages';
import { mean } from '../model/stats';

/** One team-game with the opponent's totals (a row of the team-context query). */
export interface TeamGameRow {
  team_abbr: string;
  game_date: string;
  /** Team minutes (240 in regulation). */
  minutes: number;
  pts_against: number;
  poss_for: number;
  poss_against: number;
  opp_fg3m: number;
  opp_ftm: number;
  opp_two_pt_points: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Context of one team from its rows (newest first); numbers are null when it has no games. */
export function teamContext(team: string, rows: readonly TeamGameRow[]): TeamContext {
  const games = rows.filter((r) => r.team_abbr === team);
  const poss = sum(games.map((g) => (g.poss_for + g.poss_against) / 2));
  const minutes = sum(games.map((g) => g.minutes / 5));
  const per100 = (xs: number[]) => (poss > 0 ? (100 * sum(xs)) / poss : null);
  return {
    team_abbr: team,
    games: games.length,
    points_allowed_avg: games.length > 0 ? sum(games.map((g) => g.pts_against)) / games.length : null,
    def_rating: per100(games.map((g) => g.pts_against)),
    pace: minutes > 0 ? (48 * poss) / minutes : null,
    opp_fg3m_per100: per100(games.map((g) => g.opp_fg3m)),
    opp_ftm_per100: per100(games.map((g) => g.opp_ftm)),
    opp_two_pt_points_per100: per100(games.map((g) => g.opp_two_pt_points)),
    recent_game_dates: games.map((g) => g.game_date),
  };
}

/** Mean of the known values, or null when none is known. */
const meanOf = (xs: Array<number | null>): number | null => mean(xs.filter((x): x is number => x !== null));

/** League averages (mean over teams) and defensive ranks (1 = lowest points per 100 possessions). */
export function leagueContext(teams: readonly TeamContext[]): LeagueContext {
  const withGames = teams.filter((t) => t.games > 0 && t.def_rating !== null);
  const ranked = [...withGames].sort(
    (a, b) => (a.def_rating ?? 0) - (b.def_rating ?? 0) || a.team_abbr.localeCompare(b.team_abbr),
  );
  return {
    teams: withGames.length,
    def_rating: meanOf(withGames.map((t) => t.def_rating)),
    pace: meanOf(withGames.map((t) => t.pace)),
    opp_fg3m_per100: meanOf(withGames.map((t) => t.opp_fg3m_per100)),
    opp_ftm_per100: meanOf(withGames.map((t) => t.opp_ftm_per100)),
    opp_two_pt_points_per100: meanOf(withGames.map((t) => t.opp_two_pt_points_per100)),
    def_rank: Object.fromEntries(ranked.map((t, i) => [t.team_abbr, i + 1])),
  };
}
