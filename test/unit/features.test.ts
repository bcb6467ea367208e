import { computeFeatures } from '../../lib/model/features';
import { game, gamesEveryOtherDay, team, TWENTY_POINT_MIX } from '../helpers/fixtures';

const D = '2025-12-05';

describe('features', () => {
  it('computes L5, L10, season, std and rest from the history', () => {
    const history = gamesEveryOtherDay(D, [20, 20, 20, 20, 20, 10, 10, 10, 10, 10]);
    const f = computeFeatures(
      history,
      D,
      true,
      team('BOS', { recent_game_dates: history.map((g) => g.game_date) }),
    );
    expect(f.points_avg_last_5).toBe(20);
    expect(f.points_avg_last_10).toBe(15);
    expect(f.points_avg_season).toBe(15);
    expect(f.points_std_last_10).toBe(5);
    expect(f.days_rest).toBe(1); // last game on Dec 3
    expect(f.back_to_back).toBe(false);
    expect(f.games_last_7_days).toBe(3); // Dec 3, 1, Nov 29
    expect(f.availability_last_10).toBe(1);
    expect(f.last_10_points).toEqual([20, 20, 20, 20, 20, 10, 10, 10, 10, 10]);
  });

  it('leaves DNP / 0-minute games out of every average', () => {
    const history = [
      game(D, 1, 0, { minutes: 0 }), // DNP yesterday
      ...gamesEveryOtherDay(D, [10, 10, 10, 10, 10, 10]).map((g) => ({ ...g, game_date: g.game_date })),
    ];
    const f = computeFeatures(history, D, false, null);
    expect(f.points_avg_last_5).toBe(10);
    expect(f.points_avg_season).toBe(10);
    expect(f.minutes_avg_last_10).toBe(30);
    expect(f.games_played_window).toBe(6);
    expect(f.games_in_window).toBe(7);
    expect(f.days_rest).toBe(0); // he was with the team yesterday
  });

  it('ignores rows dated on or after the game date (point in time)', () => {
    const history = [game(D, 0, 50), game(D, -1, 50), ...gamesEveryOtherDay(D, [10, 10, 10, 10, 10])];
    const f = computeFeatures(history, D, true, null);
    expect(f.future_rows_dropped).toBe(2);
    expect(f.points_avg_last_5).toBe(10);
  });

  it("uses the whole window as 'season' in a season's first games", () => {
    const lastSeason = gamesEveryOtherDay('2025-10-25', [30, 30, 30, 30, 30, 30]).map((g) => ({
      ...g,
      season: '2024-25',
    }));
    const history = [game('2025-10-25', 2, 10), ...lastSeason];
    const f = computeFeatures(history, '2025-10-25', true, null);
    expect(f.season_source).toBe('window');
    expect(f.games_played_season).toBe(1);
    expect(f.points_avg_season).toBeCloseTo((10 + 6 * 30) / 7, 10);
    // what the export shows as season_ppg is this season only
    expect(f.points_avg_this_season).toBe(10);
  });

  it('splits the last 10 games into shares of points from threes, free throws and twos', () => {
    // per game: 2 threes (6), 4 free throws (4), 5 twos (10) = 20 points
    const history = gamesEveryOtherDay(D, Array<number>(10).fill(20), TWENTY_POINT_MIX);
    const f = computeFeatures(history, D, true, null);
    expect(f.share_points_three).toBeCloseTo(0.3, 10);
    expect(f.share_points_ft).toBeCloseTo(0.2, 10);
    expect(f.share_points_two).toBeCloseTo(0.5, 10);
    expect(f.fg3a_rate_last_10).toBeCloseTo(1 / 3, 10);
  });

  it('gives nulls, not NaN, without any played game', () => {
    const f = computeFeatures([game(D, 2, 0, { minutes: 0 })], D, true, null);
    expect(f.points_avg_last_5).toBeNull();
    expect(f.points_std_last_10).toBeNull();
    expect(f.points_per_minute_last_10).toBeNull();
    expect(f.share_points_three).toBeNull();
  });
});
