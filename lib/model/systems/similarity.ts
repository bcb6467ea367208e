/**
 * `similarity_balanced_v1`: a weighted mean of the player's past games most like tonight.
 *
 * Each past game (minutes > 0) is scored on four traits against tonight (constants:
 * lib/model/constants.ts SIMILARITY, docs/seed-system.md §4.3): the opponent's defensive tier (by tonight's
 * league ranks of points allowed per 100 possessions: top third elite, middle average, bottom weak),
 * the rest bucket (0 = back-to-back, 1, 2, 3+ days), the venue, and the recent-form label. Unlike the
 * Python system (docs/seed-system.md §9 item 8), every past game gets its own opponent tier, venue and rest, and its form looks only at
 * older games. Games scoring >= 70 are kept (best 20); fewer than 5 -> INSUFFICIENT_SIMILAR_GAMES.
 */
import { daysBetween } from '../../dates';
import type { Game, LeagueContext } from '../../messages';
import { POINTS_MAX, POINTS_MIN, SIMILARITY as C } from '../constants';
import { clamp, mean } from '../stats';
import type { BaseSystem, SystemInput, SystemResult } from '../types';

/** 0 = elite, 1 = average, 2 = weak defense; 1 when the team has no rank. */
export function defensiveTier(team: string, league: LeagueContext): number {
  const rank = league.def_rank[team];
  const n = league.teams;
  if (rank === undefined || n === 0) return 1;
  if (rank <= n / 3) return 0;
  if (rank <= (2 * n) / 3) return 1;
  return 2;
}

/** Rest bucket: 0 (back-to-back), 1, 2 or 3 (3+ days); 1 when unknown. */
export function restBucket(daysRest: number | null): number {
  if (daysRest === null) return 1;
  return Math.min(3, Math.max(0, daysRest));
}

/** -1 cold, 0 normal, +1 hot: recent average minus baseline beyond +/-3 points. */
export function formLabel(recent: number | null, baseline: number | null): number {
  if (recent === null || baseline === null) return 0;
  const d = recent - baseline;
  if (d >= C.formDelta) return 1;
  if (d <= -C.formDelta) return -1;
  return 0;
}

/** Traits of a game situation. */
export interface Situation {
  tier: number;
  rest: number;
  home: boolean | null;
  form: number;
}

/** Similarity score 0-100 of a past situation to tonight's. */
export function similarityScore(past: Situation, now: Situation): number {
  const tierDiff = Math.abs(past.tier - now.tier);
  const restDiff = Math.abs(past.rest - now.rest);
  return (
    (tierDiff === 0 ? C.tierSame : tierDiff === 1 ? C.tierAdjacent : 0) +
    (restDiff === 0 ? C.restSame : restDiff === 1 ? C.restAdjacent : 0) +
    (past.home !== null && past.home === now.home ? C.venueSame : 0) +
    (past.form === now.form ? C.formSame : C.formDifferent)
  );
}

/** The situation of each played game in `history` (newest first), using only older games. */
export function pastSituations(
  history: readonly Game[],
  league: LeagueContext,
): Array<{ game: Game; s: Situation }> {
  const played = history.filter((g) => g.minutes > 0);
  const baseline = mean(played.map((g) => g.points));
  return played.map((game, i) => {
    const older = played.slice(i + 1);
    const prev = older[0];
    const formGames = older.slice(0, C.formWindow);
    const recent = formGames.length >= C.formMinGames ? mean(formGames.map((g) => g.points)) : null;
    return {
      game,
      s: {
        tier: defensiveTier(game.opponent_team_abbr, league),
        rest: restBucket(prev ? daysBetween(prev.game_date, game.game_date) - 1 : null),
        home: game.is_home,
        form: formLabel(recent, baseline),
      },
    };
  });
}

function predict({ features: f, history, opponent, league }: SystemInput): SystemResult {
  const base = { system_id: 'similarity_balanced_v1' as const, model_version: C.version };
  const past = pastSituations(history, league);
  const baselineAll = mean(past.map((p) => p.game.points));
  const now: Situation = {
    tier: defensiveTier(opponent.team_abbr, league),
    rest: restBucket(f.days_rest),
    home: f.is_home,
    form: formLabel(f.points_avg_last_5, baselineAll),
  };
  const matches = past
    .map((p, i) => ({ ...p, i, score: similarityScore(p.s, now) }))
    .filter((m) => m.score >= C.minScore)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, C.maxMatches);
  if (matches.length < C.minMatches) {
    return {
      ...base,
      ok: false,
      reason: 'INSUFFICIENT_SIMILAR_GAMES',
      detail: `${matches.length} past games score >= ${C.minScore}; ${C.minMatches} needed`,
    };
  }
  const weight = matches.reduce((a, m) => a + m.score, 0);
  const baseline = matches.reduce((a, m) => a + m.game.points * m.score, 0) / weight;
  return {
    ...base,
    ok: true,
    predicted: clamp(baseline, POINTS_MIN, POINTS_MAX),
    components: { baseline_points: baseline },
    similar_games_count: matches.length,
  };
}

/** The similarity_balanced_v1 system. */
export const similarityBalanced: BaseSystem = {
  id: 'similarity_balanced_v1',
  version: C.version,
  predict,
};
