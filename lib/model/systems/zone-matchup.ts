/**
 * `zone_matchup_v1`: the season average (in a player's first 10 games of a season: shrunk toward
 * last season's, lib/model/features.ts points_avg_season_shrunk) adjusted by the player's scoring mix against what tonight's
 * opponent allows.
 *
 * mix = s3 * f3 + sFT * fFT + s2 * f2, where s* are the shares of the player's points (last 10
 * games) from threes, free throws and twos, and f* = opponent's allowance per 100 possessions /
 * league average (threes made, free throws made, two-point points). The prediction moves by
 * season_avg * (mix - 1) * matchupWeight, plus season_avg * (expected pace / league pace - 1) *
 * paceWeight, venue and back-to-back. The Python system had the sign inverted (docs/seed-system.md §9 item 8): here a
 * weak defense raises the prediction. Constants: lib/model/constants.ts ZONE_MATCHUP.
 */
import { POINTS_MAX, POINTS_MIN, ZONE_MATCHUP as C } from '../constants';
import { EARLY_SEASON_GAMES } from '../early-season-constants';
import { clamp } from '../stats';
import type { BaseSystem, SystemInput, SystemResult } from '../types';

const ratio = (x: number | null, avg: number | null): number | null =>
  x !== null && avg !== null && avg > 0 ? x / avg : null;

function predict({ features: f, opponent, team, league }: SystemInput): SystemResult {
  const base = { system_id: 'zone_matchup_v1' as const, model_version: C.version };
  if (f.points_avg_season === null) {
    return { ...base, ok: false, reason: 'INSUFFICIENT_HISTORY', detail: 'no games with minutes > 0' };
  }
  if (f.share_points_three === null || f.share_points_ft === null || f.share_points_two === null) {
    return { ...base, ok: false, reason: 'NO_SCORING_MIX', detail: 'no points in the last 10 games' };
  }
  const f3 = ratio(opponent.opp_fg3m_per100, league.opp_fg3m_per100);
  const fft = ratio(opponent.opp_ftm_per100, league.opp_ftm_per100);
  const f2 = ratio(opponent.opp_two_pt_points_per100, league.opp_two_pt_points_per100);
  if (opponent.games < C.minOpponentGames || f3 === null || fft === null || f2 === null) {
    return {
      ...base,
      ok: false,
      reason: 'NO_OPPONENT_CONTEXT',
      detail: `${opponent.team_abbr}: ${opponent.games} games of context; ${C.minOpponentGames} needed`,
    };
  }
  // Early season: this season's average shrunk toward last season's (lib/model/early-season-constants.ts).
  const early = f.games_played_season < EARLY_SEASON_GAMES && f.points_avg_season_shrunk !== null;
  const season =
    early && f.points_avg_season_shrunk !== null ? f.points_avg_season_shrunk : f.points_avg_season;
  const mix = f.share_points_three * f3 + f.share_points_ft * fft + f.share_points_two * f2;
  const matchup = season * (mix - 1) * C.matchupWeight;
  let pace = 0;
  const paces = [opponent.pace, team.pace].filter((p): p is number => p !== null);
  if (paces.length > 0 && league.pace !== null && league.pace > 0) {
    const expected = paces.reduce((a, b) => a + b, 0) / paces.length;
    pace = season * (expected / league.pace - 1) * C.paceWeight;
  }
  const venue = f.is_home ? C.home : C.away;
  const rest = f.back_to_back ? C.backToBack : 0;
  return {
    ...base,
    ok: true,
    predicted: clamp(season + matchup + pace + venue + rest, POINTS_MIN, POINTS_MAX),
    components: {
      baseline_points: season,
      matchup_adjustment: matchup,
      pace_adjustment: pace,
      home_away_adjustment: venue,
      rest_adjustment: rest,
    },
  };
}

/** The zone_matchup_v1 system. */
export const zoneMatchup: BaseSystem = {
  id: 'zone_matchup_v1',
  version: C.version,
  predict,
};
