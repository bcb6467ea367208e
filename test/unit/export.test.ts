import { nonFinitePaths, toFiniteJson } from '../../lib/export/finite';
import { buildPredictions } from '../../lib/export/predictions';
import type { ExportRow } from '../../lib/export/rows';
import { buildTonight } from '../../lib/export/tonight';
import { lastTenRecord, pastConsensus } from '../../lib/export/record';

const games = [
  { game_id: 'g1', home_team: 'BOS', away_team: 'LAL', commence_time: '2025-12-06T00:10:00.000Z' },
  { game_id: 'g2', home_team: 'OKC', away_team: 'DAL', commence_time: null },
];

function ens(player: string, over: Partial<ExportRow> = {}): ExportRow {
  return {
    game_id: 'g1',
    player_lookup: player,
    player_name: player.toUpperCase(),
    team_abbr: 'BOS',
    opponent_team_abbr: 'LAL',
    is_home: true,
    system_id: 'ensemble_v1',
    line_key: 205,
    line_value: 20.5,
    line_offset: 0,
    is_main_line: true,
    over_odds: -110,
    under_odds: -110,
    line_books: 8,
    predicted_points: 22.44,
    confidence_score: 0.712,
    recommendation: 'OVER',
    line_margin: 1.94,
    skip_reason: null,
    model_version: 'ensemble_v1-r3',
    batch_id: 'b',
    market_p_over: 0.5,
    best_over_odds: 105,
    best_over_book: 'fanduel',
    best_under_odds: -108,
    best_under_book: 'draftkings',
    market_prices_json: JSON.stringify([
      { book: 'draftkings', over_odds: -112, under_odds: -108 },
      { book: 'fanduel', over_odds: 105, under_odds: -125 },
    ]),
    p_over: 0.55,
    p_under: 0.45,
    p_push: 0,
    pass_reason: null,
    pass_detail: null,
    ev: 0.1275,
    price_side: 'OVER',
    price_odds: 105,
    price_book: 'fanduel',
    stake_fraction: 0.0357,
    availability_status: 'active',
    availability_reasons: '[]',
    feature_json: JSON.stringify({
      points_avg_season: 19.5, // the systems' season (may include last season); not exported
      points_avg_this_season: 21.06,
      minutes_avg_this_season: 33.33,
      points_avg_last_5: 24,
      last_10_points: [30, 20],
      games_played_season: 8,
      days_rest: 1,
    }),
    ...over,
  };
}

describe('all-players.json', () => {
  const rows = [
    ens('nolinelow', {
      line_key: -1,
      line_value: null,
      is_main_line: null,
      recommendation: 'NO_LINE',
      pass_reason: 'NO_LINE',
      ev: null,
      confidence_score: null,
    }),
    ens('linedlow', { ev: 0.04, confidence_score: 0.53 }),
    ens('linedhigh', { confidence_score: 0.55 }),
    ens('linedout', {
      ev: 0.2,
      recommendation: 'PASS',
      pass_reason: 'LIKELY_OUT',
      availability_status: 'likely_out',
      availability_reasons: '["missed the team\'s last 4 games"]',
    }),
    ens('linedhigh', { system_id: 'moving_average', feature_json: null, predicted_points: 1 }),
    ens('linedhigh', {
      line_key: 215,
      line_value: 21.5,
      is_main_line: false,
      line_offset: 1,
      confidence_score: 0.99,
      feature_json: null,
    }),
  ];
  const doc = buildTonight({ gameDate: '2025-12-05', generatedAt: 'now', batchId: 'b', games, rows });

  it('puts available players first, then those with a line, then by EV (ladder rows do not count)', () => {
    expect(doc.games[0].players.map((p) => p.player_lookup)).toEqual([
      'linedhigh',
      'linedlow',
      'nolinelow',
      'linedout',
    ]);
    const out = doc.games[0].players[3];
    expect(out.availability).toEqual({ status: 'likely_out', reasons: ["missed the team's last 4 games"] });
    expect(out.prediction).toMatchObject({
      recommendation: 'PASS',
      pass_reason: 'LIKELY_OUT',
      confidence: null,
    });
  });

  it('fills the front-end fields from the ensemble main-line row', () => {
    const p = doc.games[0].players[0];
    expect(p).toMatchObject({
      name: 'LINEDHIGH',
      has_line: true,
      season_ppg: 21.1,
      season_mpg: 33.3,
      last_5_ppg: 24,
      last_10_points: [30, 20],
      games_played: 8,
      limited_data: true,
      availability: { status: 'active', reasons: [] },
      props: [
        {
          stat_type: 'points',
          line: 20.5,
          books: 8,
          over_odds: 105,
          over_book: 'fanduel',
          under_odds: -108,
          under_book: 'draftkings',
          no_vig_p_over: 0.5,
          prices: [
            { book: 'draftkings', over_odds: -112, under_odds: -108 },
            { book: 'fanduel', over_odds: 105, under_odds: -125 },
          ],
        },
      ],
      prediction: {
        predicted: 22.44,
        edge: 1.94,
        p_over: 0.55,
        p_under: 0.45,
        p_push: null,
        recommendation: 'OVER',
        pass_reason: null,
        ev: 0.1275,
        price: { side: 'OVER', odds: 105, book: 'fanduel' },
        stake_fraction: 0.0357,
        confidence: 0.55,
      },
    });
    expect(doc.games[0].game_time).toBe('7:10 PM ET');
    expect(doc.games[1]).toMatchObject({ game_time: null, player_count: 0, players: [] });
    expect([doc.total_players, doc.total_with_lines]).toEqual([4, 3]);
  });

  it('gives totals 0 and no games when there are no games', () => {
    const empty = buildTonight({
      gameDate: '2025-11-27',
      generatedAt: 'now',
      batchId: null,
      games: [],
      rows: [],
    });
    expect([empty.total_players, empty.total_with_lines, empty.games]).toEqual([0, 0, []]);
  });
});

describe('predictions/<date>.json', () => {
  it('lists every system at the main line and counts recommendations', () => {
    const doc = buildPredictions({
      gameDate: '2025-12-05',
      generatedAt: 'now',
      batchId: 'b',
      games: games.slice(0, 1),
      rows: [
        ens('a'),
        ens('a', { system_id: 'moving_average', recommendation: 'PASS', pass_reason: 'NO_EDGE' }),
        ens('a', { line_key: 215, is_main_line: false }),
      ],
    });
    expect(doc.total_predictions).toBe(2);
    expect(doc.games[0].recommendation_breakdown).toEqual({ over: 1, under: 0, pass: 1, no_line: 0 });
    expect(doc.games[0].predictions[0]).toMatchObject({
      system_id: 'ensemble_v1',
      predicted: 22.44,
      edge: 1.94,
      line: 20.5,
      p_over: 0.55,
      ev: 0.1275,
      pass_reason: null,
    });
    expect(doc.games[0].predictions[1]).toMatchObject({
      system_id: 'moving_average',
      pass_reason: 'NO_EDGE',
    });
  });
});

describe('finite check', () => {
  it('finds NaN and Infinity by path and writes them as null', () => {
    const doc = { a: 1, b: [2, Number.NaN], c: { d: Infinity, e: null } };
    expect(nonFinitePaths(doc)).toEqual(['$.b[1]', '$.c.d']);
    const { text, replaced } = toFiniteJson(doc);
    expect(replaced).toEqual(['$.b[1]', '$.c.d']);
    expect(JSON.parse(text)).toEqual({ a: 1, b: [2, null], c: { d: null, e: null } });
  });
});

describe('last 10 over/under record', () => {
  it('compares each game with the consensus line of that date', () => {
    // 2025-12-03: books x and y posted 20.5, z posted 21.5
    const lines = pastConsensus([
      { game_date: '2025-12-03', event_id: 'e1', player_lookup: 'a', points_line: 20.5, books: 2 },
      { game_date: '2025-12-03', event_id: 'e1', player_lookup: 'a', points_line: 21.5, books: 1 },
      { game_date: '2025-12-01', event_id: 'e2', player_lookup: 'a', points_line: 19, books: 1 },
      { game_date: '2025-11-29', event_id: 'e3', player_lookup: 'a', points_line: 18.5, books: 1 },
    ]);
    expect(lines.get('a')?.get('2025-12-03')).toBe(20.5);
    // 21 > 20.5 over; 19 = 19 push; 10 < 18.5 under; no line on Nov 27
    const r = lastTenRecord(
      ['2025-12-03', '2025-12-01', '2025-11-29', '2025-11-27'],
      [21, 19, 10, 30],
      lines.get('a'),
    );
    expect(r).toEqual({ results: ['O', '-', 'U', '-'], record: '1-1' });
    expect(lastTenRecord(['2025-10-01'], [10], undefined)).toEqual({ results: ['-'], record: null });
  });
});
