/**
 * Hand-made inputs for the xgboost_v1 tests: a player with six games before 2025-01-10 whose
 * features can be worked out on paper (see the expected values in system.test.ts).
 */
import type { Game, LeagueContext, PredictionRequest, TeamContext } from '../../lib/messages';
import { priorModelState, team as teamFixture } from '../helpers/fixtures';

/** Tonight's date in these tests. */
export const GAME_DATE = '2025-01-10';

/** Points of the six games, newest first: L5 = 18, L10 (six games) = 20. */
export const POINTS = [20, 10, 30, 20, 10, 30];
const DATES = ['2025-01-08', '2025-01-06', '2025-01-04', '2025-01-02', '2024-12-31', '2024-12-29'];

/**
 * Six games for BOS: 30 minutes, 15 FGA (5 threes attempted, 2 made), 4 FTA (3 made) each; home
 * on even positions (newest is home). Overrides apply to every game.
 */
export function history(over: Partial<Game> = {}): Game[] {
  return DATES.map((game_date, i) => ({
    game_date,
    game_id: `g${i}`,
    season: '2024-25',
    team_abbr: 'BOS',
    opponent_team_abbr: 'NYK',
    is_home: i % 2 === 0,
    minutes: 30,
    points: POINTS[i],
    fgm: 6,
    fga: 15,
    fg3m: 2,
    fg3a: 5,
    ftm: 3,
    fta: 4,
    tov: 2,
    ...over,
  }));
}

/**
 * A team context (test/helpers/fixtures.ts `team` with these numbers): def rating 115, 14 threes and
 * 52 two-point points allowed per 100; the player's team played 10 games, 6 of them with him.
 */
export function teamContext(team: string, over: Partial<TeamContext> = {}): TeamContext {
  return teamFixture(team, {
    games: 10,
    def_rating: 115,
    opp_fg3m_per100: 14,
    opp_two_pt_points_per100: 52,
    recent_game_dates: [...DATES, '2024-12-27', '2024-12-25', '2024-12-23', '2024-12-21'],
    ...over,
  });
}

/** League averages: def rating 112, pace 99, threes 12 and free throws 18 per 100 possessions. */
export const LEAGUE: LeagueContext = {
  teams: 30,
  def_rating: 112,
  pace: 99,
  opp_fg3m_per100: 12,
  opp_ftm_per100: 18,
  opp_two_pt_points_per100: 52,
  def_rank: { NYK: 25, BOS: 5 },
};

/** A prediction-request for the hand-made player (BOS at home vs NYK) with a 19.5-point line. */
export function request(): PredictionRequest {
  return {
    batch_id: 'batch_test',
    game_date: GAME_DATE,
    game_id: 'g_tonight',
    player_lookup: 'handmadeplayer',
    player_name: 'Hand Made',
    team_abbr: 'BOS',
    opponent_team_abbr: 'NYK',
    is_home: true,
    line: { points: 19.5, over_odds: -110, under_odds: -110, books: 5, books_total: 6 },
    line_ladder: [17.5, 18.5, 19.5, 20.5, 21.5],
    market: [{ line: 19.5, prices: [{ book: 'draftkings', over_odds: -110, under_odds: -110 }] }],
    model_state: priorModelState(GAME_DATE),
    availability: { status: 'active', reasons: [] },
    history: history(),
    opponent: teamContext('NYK'),
    team: teamContext('BOS', { pace: 98 }),
    league: LEAGUE,
    correlation_id: 'test',
  };
}
