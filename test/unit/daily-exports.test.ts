/**
 * The export topic's new messages: what they parse to, what they run, and the performance and
 * best-bets exports on the hand-made night (test/helpers/grading.ts) and the next one.
 */
import { evBand, buildBestBets, type BestBetsDoc } from '../../lib/export/best-bets';
import { EXPORT_PATHS } from '../../lib/export/paths';
import { buildPerformance, windowRanges, type PerformanceDoc } from '../../lib/export/performance';
import type { ExportRow } from '../../lib/export/rows';
import type { HandlerContext } from '../../lib/handler';
import { buildReport, type ReportRow } from '../../lib/grading/report';
import { createLogger } from '../../lib/log';
import { describeIssues, ExportTriggerMessage } from '../../lib/messages';
import { BoxScoresPendingError } from '../../lib/data/grading';
import { planExports, runExports } from '../../lib/pipeline/exports';
import { REPORT_ROWS } from '../../lib/warehouse/sql/grading';
import { D, NEXT, addNextSlate, gradingRuntime } from '../helpers/grading';

const ctx: HandlerContext = { messageId: 'm', attributes: {}, log: createLogger() };
const DAILY = { export_types: ['results', 'performance', 'best-bets'], target_date: 'YESTERDAY' };
const MORNING_AFTER = new Date('2025-12-05T10:00:00Z'); // 05:00 ET on 2025-12-05

describe('the export topic messages', () => {
  const parse = (m: unknown) => ExportTriggerMessage.safeParse(m);
  const why = (m: unknown) => {
    const r = parse(m);
    return r.success ? 'ok' : describeIssues(r.error, m);
  };

  it('accepts the daily message, a dated one and the re-export of a date', () => {
    expect(why(DAILY)).toBe('ok');
    expect(why({ export_types: ['tonight'], target_date: 'TODAY', batch_id: 'batch_1' })).toBe('ok');
    expect(why({ export_types: ['results', 'performance'], target_date: '2025-12-04' })).toBe('ok');
    expect(why({ game_date: '2025-12-05', batch_id: 'batch_2025_12_05_1' })).toBe('ok');
  });

  it('names the field of a bad message', () => {
    expect(why({ export_types: ['results'], target_date: 'LASTWEEK' })).toContain(
      'target_date: must be YYYY-MM-DD, TODAY or YESTERDAY',
    );
    expect(why({ export_types: ['pdf'], target_date: 'TODAY' })).toContain('export_types.0:');
    expect(why({ export_types: [], target_date: 'TODAY' })).toContain('export_types:');
    expect(why({ export_types: ['results', 'results'], target_date: 'TODAY' })).toContain(
      'export_types: must not repeat a type',
    );
    expect(why({ export_types: ['results'] })).toContain('target_date: required with export_types (missing)');
    expect(why({ export_types: ['results'], target_date: 'TODAY', game_date: '2025-12-05' })).toContain(
      'game_date: not with export_types',
    );
    expect(why({ export_types: ['results'], target_date: 'TODAY', batch_id: 'b' })).toContain(
      'batch_id: only with the tonight export',
    );
    expect(why({ target_date: 'TODAY' })).toContain('game_date: required');
    expect(why({ export_types: Array(5).fill('results'), target_date: 'TODAY' })).toContain('export_types:');
  });

  it('plans results and performance of yesterday and the best bets of today at 05:00 ET', () => {
    expect(planExports(ExportTriggerMessage.parse(DAILY), MORNING_AFTER)).toEqual([
      { type: 'results', date: '2025-12-04' },
      { type: 'performance', date: '2025-12-04' },
      { type: 'best-bets', date: '2025-12-05' },
    ]);
    // order of the message does not matter: results run before the exports that read the grades
    expect(
      planExports(
        ExportTriggerMessage.parse({
          export_types: ['best-bets', 'tonight', 'results'],
          target_date: '2025-11-05',
          batch_id: 'b1',
        }),
        MORNING_AFTER,
      ),
    ).toEqual([
      { type: 'tonight', date: '2025-11-05', batch_id: 'b1' },
      { type: 'results', date: '2025-11-05' },
      { type: 'best-bets', date: '2025-11-06' },
    ]);
    expect(planExports(ExportTriggerMessage.parse({ game_date: 'TODAY' }), MORNING_AFTER)).toEqual([
      { type: 'tonight', date: '2025-12-05' },
    ]);
  });
});

describe('v1/performance/systems.json', () => {
  it('covers the last 7 days, the last 30 days and the season, clipped to the season', () => {
    expect(windowRanges('2025-12-05')).toEqual([
      { id: 'last_7_days', from: '2025-11-29', to: '2025-12-05' },
      { id: 'last_30_days', from: '2025-11-06', to: '2025-12-05' },
      { id: 'season', from: '2025-10-01', to: '2025-12-05' },
    ]);
    expect(windowRanges('2025-10-22').map((w) => w.from)).toEqual(['2025-10-16', '2025-10-01', '2025-10-01']);
  });

  it('is the backtest report of each window, on the same rows', async () => {
    const rt = await gradingRuntime(() => MORNING_AFTER);
    await runExports(rt, ExportTriggerMessage.parse(DAILY), ctx);
    const doc = JSON.parse((await rt.store.get(EXPORT_PATHS.performance.path)) ?? '{}') as PerformanceDoc;
    const rows = await rt.warehouse.query<ReportRow>(REPORT_ROWS, { from_date: '2025-10-01', to_date: D });
    const report = JSON.parse(JSON.stringify(buildReport(rows))) as ReturnType<typeof buildReport>;
    for (const w of ['last_7_days', 'last_30_days', 'season'] as const) {
      expect({ market: doc.windows[w].market, systems: doc.windows[w].systems }).toEqual(report);
    }
    expect([doc.through, doc.season, doc.windows.season.slates, doc.windows.season.rows]).toEqual([
      D,
      '2025-26',
      1,
      8,
    ]);
    const ensemble = doc.windows.season.systems.find((s) => s.system_id === 'ensemble_v1');
    // the 6 played main-line picks: 4 wins, 1 loss, 1 push; one slate, so no interval
    expect(ensemble?.picks_main).toMatchObject({ picks: 6, wins: 4, losses: 1, pushes: 1 });
    expect(ensemble?.picks_main.hit_rate).toEqual({ value: 0.8, ci95: null, n: 5 });
  });

  it('builds windows from the rows of their dates only', () => {
    const row = (game_date: string): ReportRow => ({
      game_date,
      system_id: 'ensemble_v1',
      line_value: 20.5,
      is_main_line: true,
      actual_points: 25,
      predicted_points: 22,
      p_over: 0.55,
      market_p_over: 0.5,
      recommendation: 'OVER',
      pass_reason: null,
      price_side: 'OVER',
      price_odds: 100,
      over_odds: -110,
      under_odds: -110,
    });
    const doc = buildPerformance({
      through: '2025-12-05',
      generatedAt: 'x',
      rows: ['2025-10-25', '2025-11-20', '2025-12-01'].map(row),
    });
    expect([doc.windows.last_7_days.rows, doc.windows.last_30_days.rows, doc.windows.season.rows]).toEqual([
      1, 2, 3,
    ]);
    expect(doc.windows.season.first_graded_date).toBe('2025-10-25');
  });
});

describe('v1/best-bets/<date>.json', () => {
  it('bands EV from the pick threshold up', () => {
    expect([0.01, 0.03, 0.0599, 0.06, 0.12, 0.3, null].map(evBand)).toEqual([
      '<0.03',
      '0.03-0.06',
      '0.03-0.06',
      '0.06-0.12',
      '0.12-0.24',
      '0.24+',
      null,
    ]);
  });

  it("ranks tonight's picks by EV with how similar picks did on the graded nights before", async () => {
    const rt = await gradingRuntime(() => MORNING_AFTER);
    await addNextSlate(rt);
    await runExports(rt, ExportTriggerMessage.parse(DAILY), ctx);
    const doc = JSON.parse(
      (await rt.store.get(EXPORT_PATHS.bestBetsOfDate(NEXT).path)) ?? '{}',
    ) as BestBetsDoc;
    expect([doc.game_date, doc.similar_from, doc.similar_to, doc.total_picks]).toEqual([
      NEXT,
      '2025-10-01',
      D,
      2,
    ]);
    expect(doc.picks.map((p) => [p.rank, p.system_id, p.pick, p.ev, p.ev_band])).toEqual([
      [1, 'moving_average', 'UNDER', 0.25, '0.24+'],
      [2, 'ensemble_v1', 'OVER', 0.05, '0.03-0.06'],
    ]);
    // similar to the ensemble's EV 0.05 pick: the night before's 6 played ensemble picks at EV 0.05
    expect(doc.picks[1].similar).toMatchObject({
      system_id: 'ensemble_v1',
      picks: 6,
      wins: 4,
      losses: 1,
      pushes: 1,
    });
    expect(doc.picks[1].similar.hit_rate.value).toBe(0.8);
    expect(doc.picks[1].similar.roi.value).toBeCloseTo(3.335714 / 6, 5);
    // nothing graded yet in the moving average's 0.24+ band
    expect(doc.picks[0].similar).toMatchObject({ picks: 0, hit_rate: { value: null } });
  });

  it('never counts a graded pick of the slate itself', () => {
    const pick = { recommendation: 'OVER', system_id: 'ensemble_v1', ev: 0.05 } as ExportRow;
    const history = (game_date: string): ReportRow => ({
      game_date,
      system_id: 'ensemble_v1',
      line_value: 20.5,
      is_main_line: true,
      actual_points: 25,
      predicted_points: 22,
      p_over: 0.55,
      market_p_over: 0.5,
      recommendation: 'OVER',
      pass_reason: null,
      price_side: 'OVER',
      price_odds: 100,
      over_odds: -110,
      under_odds: -110,
      ev: 0.05,
    });
    const doc = buildBestBets({
      gameDate: NEXT,
      generatedAt: 'x',
      similarFrom: '2025-10-01',
      similarTo: D,
      games: [],
      rows: [{ ...pick, player_lookup: 'a', line_key: 205, batch_id: 'b' }],
      history: [history(D), history(NEXT)],
    });
    expect(doc.picks[0].similar.picks).toBe(1);
  });
});

describe('the daily message', () => {
  it('still writes performance and best bets while the results wait for box scores, then asks for a retry', async () => {
    const rt = await gradingRuntime(() => MORNING_AFTER, ['g1']);
    await addNextSlate(rt);
    await expect(runExports(rt, ExportTriggerMessage.parse(DAILY), ctx)).rejects.toBeInstanceOf(
      BoxScoresPendingError,
    );
    expect(await rt.store.list('v1/')).toEqual([
      EXPORT_PATHS.bestBetsOfDate(NEXT).path,
      EXPORT_PATHS.performance.path,
    ]);
  });
});
