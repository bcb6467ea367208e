/**
 * The results export of the hand-made night (test/helpers/grading.ts): what a results page shows,
 * with values a person can add up, its reruns, and its failures.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PermanentError } from '../../lib/errors';
import { EXPORT_PATHS } from '../../lib/export/paths';
import type { ResultsDoc } from '../../lib/export/results';
import { createLogger } from '../../lib/log';
import { BoxScoresPendingError } from '../../lib/data/grading';
import { exportResults } from '../../lib/pipeline/export/results';
import { D, gradingRuntime } from '../helpers/grading';
import { captureLogs } from '../helpers/runtime';

const log = createLogger();
const MORNING_AFTER = () => new Date('2025-12-05T10:00:00Z'); // 05:00 ET, before the 09:00 due time

async function readDoc(
  rt: Awaited<ReturnType<typeof gradingRuntime>>,
  path = EXPORT_PATHS.resultsOfDate(D).path,
) {
  return JSON.parse((await rt.store.get(path)) ?? 'null') as ResultsDoc;
}

describe('v1/results/<date>.json', () => {
  it('totals each system: wins, losses, pushes, voids and the profit at the prices taken', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    await exportResults(rt, D, log);
    const doc = await readDoc(rt);
    expect([doc.game_date, doc.status, doc.missing_games]).toEqual([D, 'complete', []]);
    const ensemble = doc.totals.find((t) => t.system_id === 'ensemble_v1');
    // picks: +150 win, -120 win, loss, push, 2 voids, cut +105 win, onlya -105 win
    expect(ensemble?.main_line).toEqual({
      picks: 8,
      wins: 4,
      losses: 1,
      pushes: 1,
      voids: 2,
      profit_units: 3.3357, // 1.5 + 0.8333 - 1 + 0 + 0 + 0 + 1.05 + 0.9524
      roi: 0.556, // per unit staked: 6 stakes (the 2 voids were refunded)
      hit_rate: 0.8, // 4 / (4 + 1)
      break_even: 0.4988, // mean implied probability of +150, -120, -110, -110, +105, -105
    });
    expect(doc.totals.find((t) => t.system_id === 'moving_average')).toEqual({
      system_id: 'moving_average',
      main_line: {
        picks: 0,
        wins: 0,
        losses: 0,
        pushes: 0,
        voids: 0,
        profit_units: 0,
        roi: null,
        hit_rate: null,
        break_even: null,
      },
      all_lines: {
        picks: 1,
        wins: 1,
        losses: 0,
        pushes: 0,
        voids: 0,
        profit_units: 1.2,
        roi: 1.2,
        hit_rate: 1,
        break_even: 0.4545,
      },
    });
    expect(doc.players).toEqual({ graded: 9, played: 7, did_not_play: 2 });
  });

  it('lists every published line and every pick with the actual points, minutes and result', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    await exportResults(rt, D, log);
    const doc = await readDoc(rt);
    const line = (p: string) => doc.lines.find((l) => l.player_lookup === p);
    expect(doc.lines).toHaveLength(9);
    expect(line('minustwenty')).toMatchObject({
      line: 20.5,
      recommendation: 'UNDER',
      actual_points: 18,
      minutes: 30.5,
      played: true,
      line_result: 'UNDER',
      result: 'win',
      profit_units: 0.8333,
    });
    expect(line('passer')).toMatchObject({
      recommendation: 'PASS',
      actual_points: 25,
      line_result: 'OVER',
      result: null,
    });
    expect(line('dnp')).toMatchObject({
      played: false,
      actual_points: null,
      minutes: null,
      result: 'void',
      profit_units: 0,
    });
    expect(line('zeromin')).toMatchObject({ played: false, minutes: 0, result: 'void' });
    const picks = doc.picks.filter((p) => p.player_lookup === 'plusonefifty');
    expect(
      picks.map((p) => [
        p.system_id,
        p.headline,
        p.main_line,
        p.line,
        p.price_odds,
        p.result,
        p.profit_units,
      ]),
    ).toEqual([
      ['ensemble_v1', true, true, 20.5, 150, 'win', 1.5],
      ['moving_average', false, false, 22.5, 120, 'win', 1.2],
    ]);
    expect(doc.picks).toHaveLength(9);
    expect(doc.picks.filter((p) => p.headline)).toHaveLength(8);
  });

  it('writes the same results when rerun, and leaves the objects untouched', async () => {
    let now = MORNING_AFTER();
    const rt = await gradingRuntime(() => now);
    const first = await exportResults(rt, D, log);
    expect(first.outcomes.map((o) => [o.path, o.written])).toEqual([
      [EXPORT_PATHS.resultsOfDate(D).path, true],
      [EXPORT_PATHS.resultsLatest.path, true],
    ]);
    const file = join(rt.store.root, EXPORT_PATHS.resultsOfDate(D).path);
    const bytes = readFileSync(file, 'utf8');
    const mtime = statSync(file).mtimeMs;
    now = new Date('2025-12-05T14:30:00Z');
    const second = await exportResults(rt, D, log);
    expect(second.outcomes.map((o) => o.written)).toEqual([false, false]);
    expect(second.grade?.changed_rows).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(await rt.store.get(EXPORT_PATHS.resultsLatest.path)).toBe(bytes);
  });

  it('moves latest.json forward only', async () => {
    const rt = await gradingRuntime(MORNING_AFTER);
    const later = JSON.stringify({ game_date: '2025-12-10' });
    await rt.store.put(EXPORT_PATHS.resultsLatest.path, later, {
      contentType: 'application/json',
      cacheControl: 'x',
    });
    const r = await exportResults(rt, D, log);
    expect(r.outcomes.map((o) => o.path)).toEqual([EXPORT_PATHS.resultsOfDate(D).path]);
    expect(await rt.store.get(EXPORT_PATHS.resultsLatest.path)).toBe(later);
  });

  it('retries while box scores are missing, and logs results_overdue once 09:00 ET has passed', async () => {
    let now = MORNING_AFTER();
    const rt = await gradingRuntime(() => now, ['g1']);
    const logs = captureLogs();
    await expect(exportResults(rt, D, log)).rejects.toBeInstanceOf(BoxScoresPendingError);
    expect(logs.entries().filter((e) => e.event === 'results_overdue')).toEqual([]);
    now = new Date('2025-12-05T14:00:00Z'); // 09:00 ET
    await expect(exportResults(rt, D, log)).rejects.toThrow(
      'box scores of 1 game(s) of 2025-12-04 are not loaded yet (g2)',
    );
    logs.restore();
    const overdue = logs.entries().filter((e) => e.event === 'results_overdue');
    expect(overdue.map((e) => [e.severity, e.code, e.game_date])).toEqual([
      ['ERROR', 'BOX_SCORES_PENDING', D],
    ]);
    expect(await rt.store.get(EXPORT_PATHS.resultsOfDate(D).path)).toBeNull();
  });

  it('past the deadline exports the games that are in, then fails permanently as BOX_SCORES_MISSING', async () => {
    const rt = await gradingRuntime(() => new Date('2025-12-06T16:00:00Z'), ['g1']);
    const logs = captureLogs();
    const err = await exportResults(rt, D, log).catch((e: unknown) => e);
    logs.restore();
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('BOX_SCORES_MISSING');
    const doc = await readDoc(rt);
    expect([doc.status, doc.missing_games, doc.games.map((g) => [g.game_id, g.box_score_loaded])]).toEqual([
      'partial',
      ['g2'],
      [
        ['g1', true],
        ['g2', false],
      ],
    ]);
    expect(doc.picks.some((p) => p.player_lookup === 'cut')).toBe(false);
    expect(logs.entries().find((e) => e.event === 'results_overdue')?.code).toBe('BOX_SCORES_MISSING');
  });

  it('fails permanently for a game day nothing was exported for, and writes nothing on an off day', async () => {
    const rt = await gradingRuntime(() => new Date('2025-12-06T15:00:00Z'));
    const logs = captureLogs();
    const err = await exportResults(rt, '2025-12-05', log).catch((e: unknown) => e);
    expect((err as PermanentError).code).toBe('NO_PREDICTIONS');
    expect(logs.entries().find((e) => e.event === 'results_overdue')?.code).toBe('NO_PREDICTIONS');
    expect((await exportResults(rt, '2025-12-07', log)).status).toBe('no_games');
    logs.restore();
    expect(await rt.store.list('v1/')).toEqual([]);
  });
});
