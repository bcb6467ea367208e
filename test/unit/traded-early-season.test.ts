/**
 * A traded player is predicted for his new team against that team's opponent (lib/slate/select.ts,
 * lib/slate/team-evidence.ts), and a player before his fifth game of the season gets the
 * early-season shrinkage (lib/model/features.ts, lib/model/early-season-constants.ts).
 */
import { computeFeatures, shrunkAverage } from '../../lib/model/features';
import { movingAverage } from '../../lib/model/systems/moving-average';
import { MINUTES_WINDOW, selectPlayers, type PlayerLine, type PlayerSummary } from '../../lib/slate/select';
import { systemInputOf } from '../../lib/pipeline/predict-player';
import { game, request } from '../helpers/fixtures';

const D = '2025-11-10';
const games = [
  { game_id: 'g-phx', home_team: 'PHX', away_team: 'MEM', commence_time: null },
  { game_id: 'g-hou', home_team: 'HOU', away_team: 'DAL', commence_time: null },
];
const line = (home: string, away: string): PlayerLine => ({
  player_lookup: 'jalengreen',
  player_name: 'Jalen Green',
  home_team: home,
  away_team: away,
  line: { points: 18.5, over_odds: -110, under_odds: -110, books: 6, books_total: 8 },
  prices: [],
});
/** Ten 2024-25 games for HOU, his team before the trade, newest first. */
const games10 = Array.from({ length: 10 }, (_, i) =>
  game(D, 200 + 2 * i, 20, { season: '2024-25', team_abbr: 'HOU', opponent_team_abbr: 'SAS' }),
);
/** What the candidate query returns for him: his latest game's team and date, ten games' minutes. */
const hist: PlayerSummary = {
  player_lookup: 'jalengreen',
  player_name: 'Jalen Green',
  team_abbr: games10[0].team_abbr,
  last_game_date: games10[0].game_date,
  recent_minutes: games10.slice(0, MINUTES_WINDOW).map((g) => g.minutes),
  played_games: games10.filter((g) => g.minutes > 0).length,
};
const opts = { minMinutes: 15, minGames: 5 };

describe('a traded player', () => {
  it('is dropped as TEAM_NOT_IN_EVENT when nothing places him on either team', () => {
    const s = selectPlayers(
      games,
      new Map([['jalengreen', line('PHX', 'MEM')]]),
      new Map([['jalengreen', hist]]),
      new Map(),
      opts,
    );
    expect(s.candidates).toEqual([]);
    expect(s.ineligible[0].reason).toBe('TEAM_NOT_IN_EVENT');
    expect(s.ineligible[0].detail).toContain('no lined event since his last game');
  });

  it('is predicted for his new team against its opponent when his earlier lined events were all PHX games', () => {
    const past = [
      { game_date: '2025-11-06', player_lookup: 'jalengreen', home_team: 'PHX', away_team: 'LAL' },
      { game_date: '2025-10-29', player_lookup: 'jalengreen', home_team: 'PHX', away_team: 'MEM' },
    ];
    const s = selectPlayers(
      games,
      new Map([['jalengreen', line('PHX', 'MEM')]]),
      new Map([['jalengreen', hist]]),
      new Map(),
      opts,
      {
        reportTeams: new Map(),
        pastEvents: new Map([['jalengreen', past]]),
      },
    );
    expect(s.ineligible).toEqual([]);
    expect(s.candidates).toHaveLength(1);
    expect(s.candidates[0]).toMatchObject({
      team_abbr: 'PHX',
      opponent_team_abbr: 'MEM',
      is_home: true,
      game_id: 'g-phx',
      team_source: 'lined_events',
    });
  });

  it("takes his team from tonight's injury report", () => {
    const s = selectPlayers(
      games,
      new Map([['jalengreen', line('PHX', 'MEM')]]),
      new Map([['jalengreen', hist]]),
      new Map(),
      opts,
      {
        reportTeams: new Map([['jalengreen', 'PHX']]),
        pastEvents: new Map(),
      },
    );
    expect(s.candidates[0]).toMatchObject({
      team_abbr: 'PHX',
      opponent_team_abbr: 'MEM',
      team_source: 'injury_report',
    });
  });
});

describe('early-season shrinkage', () => {
  it('weights this season n/(n+8) against last season', () => {
    expect(shrunkAverage(30, 2, 20)).toBe(22); // (2*30 + 8*20) / 10
    expect(shrunkAverage(30, 0, 20)).toBe(20);
    expect(shrunkAverage(30, 3, null)).toBe(30);
    expect(shrunkAverage(null, 0, null)).toBeNull();
  });

  it("is the baseline of moving_average before the player's fifth game of the season", () => {
    const gameDate = '2025-10-30';
    // 2 games this season at 30 points, 8 games last season at 20 points.
    const history = [
      game(gameDate, 2, 30),
      game(gameDate, 4, 30),
      ...Array.from({ length: 8 }, (_, i) => game(gameDate, 200 + 2 * i, 20, { season: '2024-25' })),
    ];
    const f = computeFeatures(history, gameDate, true, null);
    expect(f.games_played_season).toBe(2);
    expect(f.points_avg_this_season).toBe(30);
    expect(f.points_avg_last_season).toBe(20);
    expect(f.points_avg_season_shrunk).toBe(22);
    const r = movingAverage.predict(systemInputOf(request({ game_date: gameDate, history })));
    if (!r.ok) throw new Error(r.detail);
    expect(r.components.baseline_points).toBe(22);
  });
});
