/**
 * The xgboost_v1 system: its feature vector on a hand-made player, INCOMPLETE_FEATURES with the
 * missing features named, MODEL_UNAVAILABLE for missing or invalid model files, and its place in
 * predictPlayer (5 systems x 5 lines = 25 rows carrying the model's version).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XGBOOST } from '../../lib/model/constants';
import { SYSTEM_IDS } from '../../lib/model/registry';
import { createXgboostSystem, xgboost } from '../../lib/model/systems/xgboost';
import type { NoPrediction, Prediction, SystemInput } from '../../lib/model/types';
import {
  defaultXgboostPaths,
  loadXgboostArtifacts,
  type XgboostPaths,
} from '../../lib/model/xgboost/artifacts';
import { featureVector, XGB_FEATURE_NAMES } from '../../lib/model/xgboost/feature-spec';
import { predictRequest, systemInputOf } from '../../lib/pipeline/predict-player';
import { history, request, teamContext } from './inputs';

const named = (input: SystemInput): Record<string, number | null> =>
  Object.fromEntries(featureVector(input).map((v, i) => [XGB_FEATURE_NAMES[i], v]));

describe('xgboost_v1 features of the hand-made player (BOS at home vs NYK, 2025-01-10)', () => {
  const f = named(systemInputOf(request()));

  it('reads the player features from computeFeatures', () => {
    expect(f.is_home).toBe(1);
    expect(f.days_rest).toBe(1); // last game 2025-01-08: 2 days before, minus one
    expect(f.games_last_7_days).toBe(3); // 01-08, 01-06, 01-04 (01-02 is 8 days back)
    expect(f.games_played_season).toBe(6);
    expect(f.points_last_game).toBe(20);
    expect(f.points_avg_last_5).toBe(18); // (20+10+30+20+10)/5
    expect(f.points_avg_last_10).toBe(20); // 120/6
    expect(f.points_avg_season).toBe(20);
    expect(f.points_std_last_10).toBeCloseTo(Math.sqrt(200 / 3), 10); // deviations 0,-10,10,0,-10,10
    expect(f.minutes_avg_last_10).toBe(30);
    expect(f.points_per_minute_last_10).toBeCloseTo(120 / 180, 12);
    expect(f.fga_avg_last_10).toBe(15);
    expect(f.fg3a_rate_last_10).toBeCloseTo(1 / 3, 12); // 30 of 90 FGA
    expect(f.fta_rate_last_10).toBeCloseTo(24 / 90, 12);
    expect(f.share_points_three).toBeCloseTo(36 / 120, 12); // 12 threes
    expect(f.share_points_ft).toBeCloseTo(18 / 120, 12); // 18 free throws
    expect(f.availability_last_10).toBe(0.6); // 6 of the team's last 10 games
    expect(f.venue_ppg).toBe(20); // home games: 20, 30, 10
  });

  it('reads the opponent and team context relative to the league', () => {
    expect(f.opp_def_rating_diff).toBe(3); // 115 - 112
    expect(f.opp_pace_diff).toBe(1); // 100 - 99
    expect(f.team_pace_diff).toBe(-1); // 98 - 99
    expect(f.opp_fg3m_ratio).toBeCloseTo(14 / 12, 12);
    expect(f.opp_ftm_ratio).toBe(1);
  });
});

describe('xgboost_v1 predictions', () => {
  const { meta } = loadXgboostArtifacts();

  it('scores a complete player with the model', () => {
    const input = systemInputOf(request());
    const r = xgboost.predict(input) as Prediction;
    expect(r.ok).toBe(true);
    expect(r.system_id).toBe('xgboost_v1');
    expect(r.model_version).toBe(meta.model_version);
    expect(r.model_version).toMatch(/^xgboost_v1-[0-9a-f]{12}$/);
    // What XGBoost itself predicts for this player's feature vector (Debian python3-xgboost 1.7.4,
    // the version the model was trained with): Booster(model_file='models/xgboost_v1.json')
    // .predict(DMatrix([featureVector(input)], missing=NaN)) = 20.546464920043945.
    expect(r.predicted).toBeCloseTo(20.546465, 5);
  });

  it('predicts with an optional feature missing (venue_ppg: no away game yet, playing away)', () => {
    const req = { ...request(), is_home: false, history: history({ is_home: true }) };
    const input = systemInputOf(req);
    expect(named(input).venue_ppg).toBeNull();
    const r = xgboost.predict(input);
    expect(r.ok).toBe(true);
  });

  it('refuses a player whose required features are missing, naming them', () => {
    // No field-goal attempts in his games, and an opponent with no context.
    const req = {
      ...request(),
      history: history({ fga: 0, fg3a: 0, fta: 0, fgm: 0, fg3m: 0 }),
      opponent: teamContext('NYK', {
        games: 0,
        def_rating: null,
        pace: null,
        opp_fg3m_per100: null,
        opp_ftm_per100: null,
      }),
    };
    const r = xgboost.predict(systemInputOf(req)) as NoPrediction;
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('INCOMPLETE_FEATURES');
    // fga_avg_last_10 is 0 (known), so only the rates per attempt are missing.
    expect(r.detail).toBe(
      'missing required features: fg3a_rate_last_10, fta_rate_last_10, opp_def_rating_diff, opp_pace_diff, opp_fg3m_ratio, opp_ftm_ratio',
    );
    expect(r.model_version).toBe(meta.model_version);
  });

  it('refuses a player with only 0-minute games (every scoring feature missing)', () => {
    const req = { ...request(), history: history({ minutes: 0 }) };
    const r = xgboost.predict(systemInputOf(req)) as NoPrediction;
    expect(r.reason).toBe('INCOMPLETE_FEATURES');
    // days_rest still counts 0-minute games (the player was on the roster); scoring features do not.
    expect(r.detail).toBe(
      'missing required features: points_last_game, points_avg_last_5, points_avg_last_10, points_avg_season, ' +
        'points_std_last_10, minutes_last_game, minutes_avg_last_5, minutes_avg_last_10, minutes_avg_season, ' +
        'points_per_minute_last_10, fga_avg_last_10, fg3a_rate_last_10, fta_rate_last_10',
    );
  });
});

describe('xgboost_v1 without a usable model: MODEL_UNAVAILABLE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xgb-test-'));
  const shipped = defaultXgboostPaths();
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const unavailable = (paths: XgboostPaths): NoPrediction => {
    const sys = createXgboostSystem(() => loadXgboostArtifacts(paths));
    return sys.predict(systemInputOf(request())) as NoPrediction;
  };
  /** Writes a meta that describes `modelPath` (right sha256), from the shipped meta. */
  const metaFor = (
    modelPath: string,
    name: string,
    edit: (m: Record<string, unknown>) => void = () => {},
  ) => {
    const m = JSON.parse(readFileSync(shipped.meta, 'utf8')) as Record<string, unknown>;
    m.model_sha256 = sha(modelPath);
    edit(m);
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(m));
    return p;
  };

  it('when the model file is missing', () => {
    const r = unavailable({ model: join(dir, 'nope.json'), meta: shipped.meta });
    expect(r.reason).toBe('MODEL_UNAVAILABLE');
    expect(r.detail).toContain(`cannot read ${join(dir, 'nope.json')}`);
    expect(r.model_version).toBe(XGBOOST.unavailableVersion);
  });

  it('when the model file is not the one the meta describes (sha256)', () => {
    const model = join(dir, 'changed.json');
    // Same JSON content, one trailing space more: a different file than the meta describes.
    writeFileSync(model, readFileSync(shipped.model, 'utf8') + ' ');
    const r = unavailable({ model, meta: shipped.meta });
    expect(r.reason).toBe('MODEL_UNAVAILABLE');
    expect(r.detail).toMatch(
      /describes a model with sha256 [0-9a-f]{12}, but .*changed\.json has [0-9a-f]{12}/,
    );
  });

  it('when the objective is not supported', () => {
    const model = join(dir, 'logistic.json');
    const json = JSON.parse(readFileSync(shipped.model, 'utf8')) as {
      learner: { objective: { name: string } };
    };
    json.learner.objective.name = 'binary:logistic';
    writeFileSync(model, JSON.stringify(json));
    const r = unavailable({ model, meta: metaFor(model, 'logistic.meta.json') });
    expect(r.reason).toBe('MODEL_UNAVAILABLE');
    expect(r.detail).toContain('unsupported objective "binary:logistic" (supported: reg:squarederror)');
  });

  it('when the model was trained on other features', () => {
    const model = join(dir, 'tiny.json');
    copyFileSync(join(__dirname, '..', 'fixtures', 'xgboost_tiny.json'), model);
    const r = unavailable({ model, meta: metaFor(model, 'tiny.meta.json') });
    expect(r.reason).toBe('MODEL_UNAVAILABLE');
    expect(r.detail).toContain('feature names of');
    expect(r.detail).toContain('(a,b) differ from the feature spec');
  });

  it('when the meta is not valid', () => {
    const meta = metaFor(shipped.model, 'bad.meta.json', (m) => {
      m.required_features = 'all of them';
    });
    const r = unavailable({ model: shipped.model, meta });
    expect(r.reason).toBe('MODEL_UNAVAILABLE');
    expect(r.detail).toContain('required_features');
  });
});

describe('xgboost_v1 in predictPlayer', () => {
  const { meta } = loadXgboostArtifacts();

  it('is one of the five systems, before the ensemble', () => {
    expect(SYSTEM_IDS).toEqual([
      'moving_average',
      'zone_matchup_v1',
      'similarity_balanced_v1',
      'xgboost_v1',
      'ensemble_v1',
    ]);
  });

  it('writes 25 rows for a lined player, 5 of them xgboost_v1 over the ladder with its version', () => {
    const rows = predictRequest(request(), '2025-01-10T12:00:00.000Z');
    expect(rows).toHaveLength(25);
    const x = rows.filter((r) => r.system_id === 'xgboost_v1');
    expect(x.map((r) => r.line_value)).toEqual([17.5, 18.5, 19.5, 20.5, 21.5]);
    for (const r of x) {
      expect(r.model_version).toBe(meta.model_version);
      expect(r.skip_reason).toBeNull();
      expect(typeof r.predicted_points).toBe('number');
    }
    // The ensemble averages xgboost_v1 with the other valid systems.
    const ens = rows.find((r) => r.system_id === 'ensemble_v1' && r.line_value === 19.5);
    const valid = rows.filter(
      (r) => r.line_value === 19.5 && r.system_id !== 'ensemble_v1' && r.skip_reason === null,
    );
    expect(valid.map((r) => r.system_id)).toContain('xgboost_v1');
    expect(ens?.contributing_systems).toBe(valid.length);
  });
});
