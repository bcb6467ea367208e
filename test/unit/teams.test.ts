/**
 * The team maths of lib/slate/teams.ts on two hand-made games, worked out by hand:
 *
 * BOS game 1 (regulation, 240 team minutes): poss_for 98, poss_against 102 -> 100 possessions,
 *   110 points allowed, opponents' 12 threes, 18 free throws made, 50 two-point points.
 * BOS game 2 (one overtime, 265 team minutes): poss_for 104, poss_against 106 -> 105 possessions,
 *   126 points allowed, 15 threes, 21 free throws, 60 two-point points.
 * Totals: 205 possessions, 236 points allowed, 101 player-minutes per position (240/5 + 265/5).
 *   points_allowed_avg = 236 / 2 = 118; def_rating = 100 * 236 / 205 = 115.1219...;
 *   pace = 48 * 205 / 101 = 97.4257...; opp_fg3m_per100 = 100 * 27 / 205 = 13.1707...;
 *   opp_ftm_per100 = 100 * 39 / 205 = 19.0243...; opp_two_pt_points_per100 = 100 * 110 / 205 = 53.6585...
 */
import type { TeamContext } from '../../lib/messages';
import { leagueContext, teamContext, type TeamGameRow } from '../../lib/slate/teams';

const row = (over: Partial<TeamGameRow>): TeamGameRow => ({
  team_abbr: 'BOS',
  game_date: '2025-12-01',
  minutes: 240,
  pts_against: 110,
  poss_for: 98,
  poss_against: 102,
  opp_fg3m: 12,
  opp_ftm: 18,
  opp_two_pt_points: 50,
  ...over,
});
const rows: TeamGameRow[] = [
  row({
    game_date: '2025-12-03',
    minutes: 265,
    pts_against: 126,
    poss_for: 104,
    poss_against: 106,
    opp_fg3m: 15,
    opp_ftm: 21,
    opp_two_pt_points: 60,
  }),
  row({}),
  row({ team_abbr: 'NYK', pts_against: 90 }), // another team's row: not BOS's
];

describe('teamContext', () => {
  it("computes a team's per-possession numbers from its own rows only", () => {
    const c = teamContext('BOS', rows);
    expect(c.games).toBe(2);
    expect(c.points_allowed_avg).toBe(118);
    expect(c.def_rating).toBeCloseTo(115.12195, 4);
    expect(c.pace).toBeCloseTo(97.42574, 4);
    expect(c.opp_fg3m_per100).toBeCloseTo(13.17073, 4);
    expect(c.opp_ftm_per100).toBeCloseTo(19.02439, 4);
    expect(c.opp_two_pt_points_per100).toBeCloseTo(53.65854, 4);
    expect(c.recent_game_dates).toEqual(['2025-12-03', '2025-12-01']);
  });

  it('gives nulls, not NaN, for a team with no games', () => {
    expect(teamContext('MIA', rows)).toEqual({
      team_abbr: 'MIA',
      games: 0,
      points_allowed_avg: null,
      def_rating: null,
      pace: null,
      opp_fg3m_per100: null,
      opp_ftm_per100: null,
      opp_two_pt_points_per100: null,
      recent_game_dates: [],
    });
  });
});

describe('leagueContext', () => {
  const team = (abbr: string, def: number, pace: number): TeamContext => ({
    ...teamContext(abbr, []),
    games: 10,
    def_rating: def,
    pace,
    opp_fg3m_per100: 12,
    opp_ftm_per100: 20,
    opp_two_pt_points_per100: 50,
  });

  it('averages over the teams with games and ranks defenses from the fewest points per 100 possessions', () => {
    // ties break by team name: BOS and NYK both 110 -> BOS 1, NYK 2
    const l = leagueContext([
      team('NYK', 110, 98),
      team('DEN', 120, 100),
      team('BOS', 110, 96),
      teamContext('MIA', []),
    ]);
    expect(l.teams).toBe(3);
    expect(l.def_rating).toBeCloseTo(340 / 3, 10);
    expect(l.pace).toBeCloseTo(98, 10);
    expect(l.opp_fg3m_per100).toBe(12);
    expect(l.def_rank).toEqual({ BOS: 1, NYK: 2, DEN: 3 });
  });
});
