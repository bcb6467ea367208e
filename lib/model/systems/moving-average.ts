/**
 * `moving_average`: 0.5 * L5 + 0.3 * L10 + 0.2 * season average (in a player's first 10 games of a
 * season: this season's average shrunk toward last season's, lib/model/early-season-constants.ts),
 * adjusted for a back-to-back, home/away and the minutes trend.
 * Formula and constants: lib/model/constants.ts MOVING_AVERAGE (docs/seed-system.md §4.1).
 */
import { MOVING_AVERAGE as C, POINTS_MAX, POINTS_MIN } from '../constants';
import { EARLY_SEASON_GAMES } from '../early-season-constants';
import { clamp } from '../stats';
import type { BaseSystem, SystemInput, SystemResult } from '../types';

function predict({ features: f }: SystemInput): SystemResult {
  const base = { system_id: 'moving_average' as const, model_version: C.version };
  if (f.points_avg_last_5 === null || f.points_avg_last_10 === null || f.points_avg_season === null) {
    return { ...base, ok: false, reason: 'INSUFFICIENT_HISTORY', detail: 'no games with minutes > 0' };
  }
  // Early season: L5/L10 are mostly last season's games, so the shrunk season average is the baseline.
  const early = f.games_played_season < EARLY_SEASON_GAMES && f.points_avg_season_shrunk !== null;
  const baseline =
    early && f.points_avg_season_shrunk !== null
      ? f.points_avg_season_shrunk
      : C.weightL5 * f.points_avg_last_5 +
        C.weightL10 * f.points_avg_last_10 +
        C.weightSeason * f.points_avg_season;
  const rest = f.back_to_back ? C.backToBack : 0;
  const venue = f.is_home ? C.home : C.away;
  let minutes = 0;
  if (
    f.minutes_avg_last_5 !== null &&
    f.minutes_avg_last_10 !== null &&
    f.points_per_minute_last_10 !== null
  ) {
    const raw =
      (f.minutes_avg_last_5 - f.minutes_avg_last_10) * f.points_per_minute_last_10 * C.minutesTrendWeight;
    minutes = clamp(raw, -C.minutesTrendCap, C.minutesTrendCap);
  }
  return {
    ...base,
    ok: true,
    predicted: clamp(baseline + rest + venue + minutes, POINTS_MIN, POINTS_MAX),
    components: {
      baseline_points: baseline,
      rest_adjustment: rest,
      home_away_adjustment: venue,
      minutes_adjustment: minutes,
    },
  };
}

/** The moving_average system. */
export const movingAverage: BaseSystem = {
  id: 'moving_average',
  version: C.version,
  predict,
};
