/**
 * Training rows on the shipped data (in-memory DuckDB): real values a person can check in
 * data/player_games_2024_25.csv.gz, and the point-in-time rule: a row for date D reads no game dated
 * D or later (changing every box score and team game from D on changes the labels, never the
 * features).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { XGB_FEATURE_NAMES } from '../../lib/model/xgboost/feature-spec';
import { buildTrainingRows, trainingRowsCsv, type TrainingRow } from '../../lib/training/rows';

const D = '2025-01-10';
const config = parseConfig({ NBA_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'xgb-rows-')) });
let rt: LocalRuntime;
let rows: TrainingRow[];

const feature = (r: TrainingRow, name: string) => r.features[XGB_FEATURE_NAMES.indexOf(name)];

beforeAll(async () => {
  rt = await createLocalRuntime(config, { databasePath: ':memory:' });
  rows = (await buildTrainingRows(rt.warehouse, config, D, D)).rows;
}, 120_000);

afterAll(async () => {
  await rt.warehouse.close();
});

describe(`training rows of ${D}`, () => {
  it('has one row per player who played that day for the team he was selected with', () => {
    expect(rows).toHaveLength(146);
    expect(new Set(rows.map((r) => r.player_lookup)).size).toBe(146);
    for (const r of rows) {
      expect(r.game_date).toBe(D);
      expect(r.actual_minutes).toBeGreaterThan(0);
      expect(r.features).toHaveLength(XGB_FEATURE_NAMES.length);
    }
  });

  it("has Jayson Tatum's real game and the features of his previous games", () => {
    // Box scores (BOS): 12-31 23 pts, 01-02 33, 01-03 20, 01-05 26, 01-07 29 (38 min); 01-10 vs SAC: 15 pts, 35 min.
    const t = rows.find((r) => r.player_lookup === 'jaysontatum');
    if (!t) throw new Error('jaysontatum has no training row on 2025-01-10');
    expect([t.team_abbr, t.opponent_team_abbr]).toEqual(['BOS', 'SAC']);
    expect(t.actual_points).toBe(15);
    expect(t.actual_minutes).toBe(35);
    expect(t.history_last_date).toBe('2025-01-07');
    expect(feature(t, 'is_home')).toBe(1);
    expect(feature(t, 'days_rest')).toBe(2);
    expect(feature(t, 'games_last_7_days')).toBe(3); // 01-07, 01-05, 01-03
    expect(feature(t, 'points_last_game')).toBe(29);
    expect(feature(t, 'minutes_last_game')).toBe(38);
    expect(feature(t, 'points_avg_last_5')).toBeCloseTo(131 / 5, 10);
    // moving_average: 0.5*26.2 + 0.3*28.1 + 0.2*28.1 = 27.15, home +0.5, minutes trend -0.42
    expect(t.moving_average_pred).toBeCloseTo(27.2266, 4);
    expect(t.line_points).toBeNull(); // no sportsbook lines in 2024-25
  });

  it('uses only games dated before D', () => {
    for (const r of rows) {
      expect(r.history_last_date).not.toBeNull();
      expect(String(r.history_last_date) < D).toBe(true);
    }
  });

  it('does not change when every game dated D or later changes (only the labels do)', async () => {
    const wh = rt.warehouse;
    await wh.execute(
      `UPDATE {{nba_analytics.player_game_summary}}
       SET points = points + 100, minutes_played = minutes_played + 5, fga = fga + 20, fg3a = fg3a + 10
       WHERE game_date >= CAST(@d AS DATE)`,
      { d: D },
    );
    await wh.execute(
      `UPDATE {{nba_predictions.team_game_summary}}
       SET pts = pts + 50, fga = fga + 30, tov = tov + 10
       WHERE game_date >= CAST(@d AS DATE)`,
      { d: D },
    );
    const again = (await buildTrainingRows(wh, config, D, D)).rows;
    expect(again.map((r) => r.player_lookup)).toEqual(rows.map((r) => r.player_lookup));
    again.forEach((r, i) => {
      expect(r.features).toEqual(rows[i].features);
      expect(r.moving_average_pred).toBe(rows[i].moving_average_pred);
      expect(r.history_last_date).toBe(rows[i].history_last_date);
      expect(r.actual_points).toBe(rows[i].actual_points + 100);
    });
  });
});

describe('trainingRowsCsv', () => {
  it('writes ids, labels and features in order, nulls as empty cells', () => {
    const features = XGB_FEATURE_NAMES.map((_, i) => (i === 1 ? null : i + 0.5));
    const csv = trainingRowsCsv([
      {
        game_date: D,
        game_id: 'g1',
        player_lookup: 'someone',
        team_abbr: 'BOS',
        opponent_team_abbr: 'SAC',
        history_games: 30,
        history_last_date: '2025-01-07',
        line_points: null,
        moving_average_pred: 12.25,
        actual_points: 15,
        actual_minutes: 35,
        features,
      },
    ]);
    const [header, line, end] = csv.split('\n');
    expect(
      header.startsWith('game_date,game_id,player_lookup,team_abbr,opponent_team_abbr,history_games,'),
    ).toBe(true);
    expect(header.endsWith(`actual_minutes,${XGB_FEATURE_NAMES.join(',')}`)).toBe(true);
    expect(line.startsWith('2025-01-10,g1,someone,BOS,SAC,30,2025-01-07,,12.25,15,35,0.5,,2.5,3.5,')).toBe(
      true,
    );
    expect(end).toBe('');
  });
});
