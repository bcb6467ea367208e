/** Small hand-made inputs for unit tests: games, team contexts, requests. */
import { addDays } from '../../lib/dates';
import type { Game, LeagueContext, ModelState, PredictionRequest, TeamContext } from '../../lib/messages';
import { fitModelState } from '../../lib/model/model-state';
import { systemVersions } from '../../lib/model/registry';

/** A game `daysBefore` days before `gameDate`, newest-first helpers build on this. */
export function game(gameDate: string, daysBefore: number, points: number, extra: Partial<Game> = {}): Game {
  return {
    game_date: addDays(gameDate, -daysBefore),
    game_id: `g${daysBefore}`,
    season: '2025-26',
    team_abbr: 'BOS',
    opponent_team_abbr: 'NYK',
    is_home: true,
    minutes: 30,
    points,
    fgm: 0,
    fga: 10,
    fg3m: 0,
    fg3a: 0,
    ftm: 0,
    fta: 0,
    tov: 1,
    ...extra,
  };
}

/** Box-score counts of a 20-point game: 2 threes (6), 4 free throws (4), 5 twos (10). */
export const TWENTY_POINT_MIX: Partial<Game> = { fgm: 7, fg3m: 2, ftm: 4, fga: 15, fg3a: 5, fta: 5 };

/** Games every other day before `gameDate` (1 day of rest), newest first, with these points. */
export function gamesEveryOtherDay(gameDate: string, points: number[], extra: Partial<Game> = {}): Game[] {
  return points.map((p, i) => game(gameDate, 2 * (i + 1), p, extra));
}

/** A team context with every number set. */
export function team(abbr: string, over: Partial<TeamContext> = {}): TeamContext {
  return {
    team_abbr: abbr,
    games: 15,
    points_allowed_avg: 112,
    def_rating: 112,
    pace: 100,
    opp_fg3m_per100: 12,
    opp_ftm_per100: 18,
    opp_two_pt_points_per100: 50,
    recent_game_dates: [],
    ...over,
  };
}

/** A league whose averages are the `team()` defaults, with these ranks. */
export function league(ranks: Record<string, number> = { BOS: 1, NYK: 2, MIA: 3 }): LeagueContext {
  return {
    teams: Object.keys(ranks).length,
    def_rating: 112,
    pace: 100,
    opp_fg3m_per100: 12,
    opp_ftm_per100: 18,
    opp_two_pt_points_per100: 50,
    def_rank: ranks,
  };
}

/** The model state of a date with nothing graded before it: every system at the prior. */
export function priorModelState(gameDate: string): ModelState {
  return fitModelState([], gameDate, systemVersions());
}

/**
 * A valid prediction request for BOS (home) vs NYK on 2025-12-05 with a 15.5 line (one book at
 * -110/-110), a 17.5 ladder line posted by one book (+120/-150), and nothing graded before.
 */
export function request(over: Partial<PredictionRequest> = {}): PredictionRequest {
  const gameDate = over.game_date ?? '2025-12-05';
  const history = gamesEveryOtherDay(gameDate, [20, 20, 20, 20, 20, 10, 10, 10, 10, 10]);
  return {
    batch_id: 'batch_test',
    game_date: gameDate,
    game_id: '0022500999',
    player_lookup: 'testplayer',
    player_name: 'Test Player',
    team_abbr: 'BOS',
    opponent_team_abbr: 'NYK',
    is_home: true,
    line: { points: 15.5, over_odds: -110, under_odds: -110, books: 6, books_total: 8 },
    line_ladder: [13.5, 14.5, 15.5, 16.5, 17.5],
    market: [
      { line: 15.5, prices: [{ book: 'draftkings', over_odds: -110, under_odds: -110 }] },
      { line: 17.5, prices: [{ book: 'bovada', over_odds: 120, under_odds: -150 }] },
    ],
    model_state: priorModelState(gameDate),
    availability: { status: 'active', reasons: [] },
    history,
    opponent: team('NYK'),
    team: team('BOS', { recent_game_dates: history.map((g) => g.game_date) }),
    league: league(),
    correlation_id: 'test',
    ...over,
  };
}
