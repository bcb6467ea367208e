import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeFeatures } from '../../lib/model/features';
import { systemVersions } from '../../lib/model/registry';
import { ensemble } from '../../lib/model/systems/ensemble';
import { movingAverage } from '../../lib/model/systems/moving-average';
import { similarityBalanced } from '../../lib/model/systems/similarity';
import { zoneMatchup } from '../../lib/model/systems/zone-matchup';
import type { Prediction, SystemInput, SystemResult } from '../../lib/model/types';
import type { Game } from '../../lib/messages';
import { gamesEveryOtherDay, league, team, TWENTY_POINT_MIX } from '../helpers/fixtures';

const D = '2025-12-05';

function input(history: Game[], over: Partial<SystemInput> = {}): SystemInput {
  const t = team('BOS', { recent_game_dates: history.map((g) => g.game_date) });
  return {
    features: computeFeatures(history, D, true, t),
    history,
    opponent: team('NYK'),
    team: t,
    league: league(),
    ...over,
  };
}

const ok = (r: SystemResult): Prediction => {
  if (!r.ok) throw new Error(`expected a prediction, got ${r.reason}: ${r.detail}`);
  return r;
};

/** The shipped model's meta (scripts/train_xgboost.py writes its model_sha256 and model_version). */
const XGB_META = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'models', 'xgboost_v1.meta.json'), 'utf8'),
) as { model_sha256: string };

describe('moving_average', () => {
  const history = gamesEveryOtherDay(D, [20, 20, 20, 20, 20, 10, 10, 10, 10, 10]);

  it('is 0.5*L5 + 0.3*L10 + 0.2*season plus the home bonus', () => {
    // 0.5*20 + 0.3*15 + 0.2*15 = 17.5; home +0.5; no back-to-back; flat minutes
    const r = ok(movingAverage.predict(input(history)));
    expect(r.predicted).toBeCloseTo(18.0, 10);
    expect(r.components.baseline_points).toBeCloseTo(17.5, 10);
  });

  it('takes 1.5 points off on a back-to-back and 0.5 on the road', () => {
    const b2b = history.map((g, i) => ({ ...g, game_date: i === 0 ? '2025-12-04' : g.game_date }));
    const f = computeFeatures(b2b, D, false, null);
    const r = ok(movingAverage.predict({ ...input(b2b), features: f }));
    expect(f.back_to_back).toBe(true);
    expect(r.predicted).toBeCloseTo(17.5 - 1.5 - 0.5, 10);
  });

  it('returns a reason instead of a number without played games', () => {
    const r = movingAverage.predict(input(gamesEveryOtherDay(D, [0, 0], { minutes: 0 })));
    expect(r).toMatchObject({ ok: false, reason: 'INSUFFICIENT_HISTORY' });
  });
});

describe('zone_matchup_v1', () => {
  // 20 points a game: 30% from threes, 20% free throws, 50% twos
  const history = gamesEveryOtherDay(D, Array<number>(10).fill(20), TWENTY_POINT_MIX);

  it('moves the season average by the opponent three-point allowance weighted by the shot mix', () => {
    // opponent allows 14 threes per 100 vs league 12: mix = 0.3*14/12 + 0.2 + 0.5 = 1.05
    // matchup = 20 * 0.05 * 0.5 = 0.5; pace (102 + 98) / 2 = league 100 -> 0; home +0.4
    const r = ok(
      zoneMatchup.predict(
        input(history, {
          opponent: team('NYK', { opp_fg3m_per100: 14, pace: 102 }),
          team: team('BOS', { pace: 98, recent_game_dates: history.map((g) => g.game_date) }),
        }),
      ),
    );
    expect(r.components.matchup_adjustment).toBeCloseTo(0.5, 10);
    expect(r.components.pace_adjustment).toBeCloseTo(0, 10);
    expect(r.predicted).toBeCloseTo(20.9, 10);
  });

  it('raises the prediction against a fast opponent and lowers it against a stingy one', () => {
    const fast = ok(zoneMatchup.predict(input(history, { opponent: team('NYK', { pace: 110 }) })));
    // expected pace (110 + 100) / 2 = 105 -> 20 * 0.05 * 0.5 = +0.5
    expect(fast.components.pace_adjustment).toBeCloseTo(0.5, 10);
    const stingy = ok(
      zoneMatchup.predict(input(history, { opponent: team('NYK', { opp_two_pt_points_per100: 40 }) })),
    );
    // twos 40/50 = 0.8: mix = 0.3 + 0.2 + 0.5*0.8 = 0.9 -> 20 * -0.1 * 0.5 = -1
    expect(stingy.components.matchup_adjustment).toBeCloseTo(-1, 10);
  });

  it('needs 5 games of opponent context', () => {
    const r = zoneMatchup.predict(input(history, { opponent: team('NYK', { games: 3 }) }));
    expect(r).toMatchObject({ ok: false, reason: 'NO_OPPONENT_CONTEXT' });
  });
});

describe('similarity_balanced_v1', () => {
  // 8 home games vs NYK (average tier), 1 day of rest each, points alternating 14 and 16 (form normal)
  const similar = gamesEveryOtherDay(D, [14, 16, 14, 16, 14, 16, 14, 16]);

  it('averages past games scoring 100 on every trait', () => {
    const r = ok(similarityBalanced.predict(input(similar)));
    expect(r.similar_games_count).toBe(8);
    expect(r.predicted).toBeCloseTo(15, 10);
  });

  it('drops away games against another tier: they score at most 20 + 30 + 0 + 15 = 65 < 70', () => {
    const unlike = ['2025-11-03', '2025-11-02', '2025-11-01'].map((d, i) => ({
      ...similar[0],
      game_id: `u${i}`,
      game_date: d,
      points: 15,
      opponent_team_abbr: 'MIA',
      is_home: false,
    }));
    const r = ok(similarityBalanced.predict(input([...similar.slice(0, 6), ...unlike])));
    expect(r.similar_games_count).toBe(6);
  });

  it('needs 5 similar games', () => {
    const r = similarityBalanced.predict(input(similar.slice(0, 4)));
    expect(r).toMatchObject({ ok: false, reason: 'INSUFFICIENT_SIMILAR_GAMES' });
  });
});

describe('ensemble_v1', () => {
  const p = (system_id: Prediction['system_id'], predicted: number): Prediction => ({
    ok: true,
    system_id,
    model_version: 't',
    predicted,
    components: {},
  });
  const noLine = { mainLine: null, weight: 0.1 };

  it('is the plain mean of the valid systems without a line', () => {
    const r = ok(
      ensemble([p('moving_average', 18), p('zone_matchup_v1', 20), p('similarity_balanced_v1', 22)], noLine),
    );
    expect(r.predicted).toBeCloseTo(20, 10);
    expect(r.components.baseline_points).toBeCloseTo(20, 10);
    expect(r.prediction_spread).toBeCloseTo(Math.sqrt(8 / 3), 10);
    expect(r.contributing_systems).toBe(3);
  });

  it('moves the mean toward the line by the anchor weight: 24.5 + 0.1 * (20 - 24.5) = 24.05', () => {
    const r = ok(
      ensemble([p('moving_average', 18), p('zone_matchup_v1', 22)], { mainLine: 24.5, weight: 0.1 }),
    );
    expect(r.predicted).toBeCloseTo(24.05, 10);
    expect(r.components.baseline_points).toBeCloseTo(20, 10);
  });

  it('needs two valid systems and names the ones it could not use', () => {
    const failed: SystemResult = {
      ok: false,
      system_id: 'similarity_balanced_v1',
      model_version: 't',
      reason: 'INSUFFICIENT_SIMILAR_GAMES',
      detail: '',
    };
    const r = ensemble([p('moving_average', 10), failed], noLine);
    expect(r).toMatchObject({ ok: false, reason: 'INSUFFICIENT_SYSTEMS' });
    expect(r.ok ? '' : r.detail).toContain(
      'could not use similarity_balanced_v1 (INSUFFICIENT_SIMILAR_GAMES)',
    );
  });
});

describe('model_version', () => {
  it('is <system_id>-r<revision> for the formula systems and <system_id>-<model hash> for xgboost_v1', () => {
    expect(Object.fromEntries(systemVersions())).toEqual({
      moving_average: 'moving_average-r3',
      zone_matchup_v1: 'zone_matchup_v1-r3',
      similarity_balanced_v1: 'similarity_balanced_v1-r2',
      xgboost_v1: `xgboost_v1-${XGB_META.model_sha256.slice(0, 12)}`,
      ensemble_v1: 'ensemble_v1-r3',
    });
  });
});
