/**
 * The results export of a real night on the embedded default: 2025-12-03 is run and graded (so the
 * next date's calibration has rows), 2025-12-04 and 2025-12-05 are run, then the daily-results message of the morning of 2025-12-05 grades 2025-12-04. Every line and
 * pick of v1/results/2025-12-04.json is checked against the shipped box scores themselves
 * (data/player_games_2025_26.csv.gz, read here without the warehouse): a player with a row and
 * minutes > 0 played and scored its points, anyone else is void; a pick wins, loses or pushes as
 * the points went against its line, at its price.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import '../../functions';
import type { ResultsDoc } from '../../lib/export/results';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { setRuntime } from '../../lib/runtime';
import { netPayout } from '../../lib/slate/prices';
import { TOPICS } from '../../lib/topics';
import { captureLogs, testConfig } from '../helpers/runtime';

const D = '2025-12-04';
let rt: LocalRuntime;
let now = new Date('2025-12-05T10:00:00Z');

/** name -> {points, minutes} of every box-score row of D, straight from the shipped CSV. */
function boxScoresOf(date: string): Map<string, { points: number; minutes: number }> {
  const text = gunzipSync(
    readFileSync(join(__dirname, '..', '..', 'data', 'player_games_2025_26.csv.gz')),
  ).toString('utf8');
  const [header, ...lines] = text.trim().split('\n');
  const col = header.split(',');
  const at = (name: string) => col.indexOf(name);
  const out = new Map<string, { points: number; minutes: number }>();
  for (const line of lines) {
    const f = line.split(','); // no field of these columns holds a comma
    if (f[at('game_date')] !== date) continue;
    out.set(f[at('player_name')], { points: Number(f[at('pts')]), minutes: Number(f[at('minutes')]) });
  }
  return out;
}

async function daily(): Promise<string> {
  await rt.bus.publish(TOPICS.export, {
    export_types: ['results', 'performance', 'best-bets'],
    target_date: 'YESTERDAY',
  });
  await rt.bus.drain();
  return readFileSync(join(rt.store.root, 'v1', 'results', `${D}.json`), 'utf8');
}

beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:', now: () => now });
  setRuntime(rt);
  // 2025-12-03 is run and graded first, so 2025-12-04's calibration has graded rows to fit on: on a
  // warehouse with nothing graded the calibration returns the market's probability, and no row is
  // a pick (its side must be rated above the market)
  await rt.bus.publish(TOPICS.trigger, { game_date: '2025-12-03', force: true });
  await rt.bus.drain();
  await rt.bus.publish(TOPICS.export, { export_types: ['results'], target_date: '2025-12-03' });
  await rt.bus.drain();
  for (const date of [D, '2025-12-05']) {
    await rt.bus.publish(TOPICS.trigger, { game_date: date, force: true });
    await rt.bus.drain();
  }
}, 120_000);
afterAll(() => rt.warehouse.close());

describe('the results of 2025-12-04 against the box scores', () => {
  let text = '';
  let doc: ResultsDoc;

  it('grades every published line: played players scored their box-score points, the others are void', async () => {
    text = await daily();
    doc = JSON.parse(text) as ResultsDoc;
    expect(rt.bus.deadLetters).toEqual([]);
    expect([doc.game_date, doc.status, doc.games.length, doc.missing_games]).toEqual([D, 'complete', 5, []]);
    const box = boxScoresOf(D);
    expect(box.size).toBe(110);
    expect(doc.lines.length).toBeGreaterThan(70);
    for (const l of doc.lines) {
      const b = box.get(l.name);
      const played = b !== undefined && b.minutes > 0;
      expect([l.name, l.played, l.actual_points]).toEqual([l.name, played, played ? b.points : null]);
      if (!played) continue;
      const went = b.points > (l.line ?? 0) ? 'OVER' : b.points < (l.line ?? 0) ? 'UNDER' : 'PUSH';
      expect([l.name, l.line_result, l.minutes]).toEqual([l.name, went, b.minutes]);
    }
    // by hand: Kyle Filipowski scored 15 in 31.05 minutes (UTA at BKN), Jared McCain 7 in 21.09
    // (GSW at PHI); Jimmy Butler III (GSW) has no row that night: void
    const line = (name: string) => doc.lines.find((l) => l.name === name);
    expect(line('Kyle Filipowski')).toMatchObject({ actual_points: 15, minutes: 31.05, played: true });
    expect(line('Jared McCain')).toMatchObject({ actual_points: 7, minutes: 21.09, played: true });
    expect(line('Jimmy Butler III')).toMatchObject({ actual_points: null, minutes: null, played: false });
  }, 60_000);

  it('gives every pick the result and profit its line, side and price imply', () => {
    const box = boxScoresOf(D);
    expect(doc.picks.length).toBeGreaterThan(0);
    for (const p of doc.picks) {
      const b = box.get(p.name);
      const played = b !== undefined && b.minutes > 0;
      const want = !played
        ? 'void'
        : b.points === p.line
          ? 'push'
          : b.points > (p.line ?? 0) === (p.pick === 'OVER')
            ? 'win'
            : 'loss';
      const profit = want === 'win' ? netPayout(p.price_odds ?? 0) : want === 'loss' ? -1 : 0;
      expect([p.name, p.system_id, p.line, p.result]).toEqual([p.name, p.system_id, p.line, want]);
      expect(p.profit_units).toBeCloseTo(profit, 4);
    }
    for (const t of doc.totals) {
      const own = doc.picks.filter((p) => p.system_id === t.system_id);
      const count = (r: string) => own.filter((p) => p.result === r).length;
      expect([
        t.system_id,
        t.all_lines.wins,
        t.all_lines.losses,
        t.all_lines.pushes,
        t.all_lines.voids,
      ]).toEqual([t.system_id, count('win'), count('loss'), count('push'), count('void')]);
    }
  });

  it('writes the same file when the message comes again, hours later', async () => {
    now = new Date('2025-12-05T14:05:00Z');
    expect(await daily()).toBe(text);
    expect(await rt.store.get('v1/results/latest.json')).toBe(text);
  }, 60_000);

  it('has no number to replace in the results, performance and best-bets documents (every number finite or null)', async () => {
    const logs = captureLogs();
    await daily();
    logs.restore();
    const written = logs
      .entries()
      .filter((e) => e.event === 'daily_exported' || e.event === 'results_exported');
    expect(written).toHaveLength(3);
    expect(logs.entries().filter((e) => e.event === 'non_finite_numbers')).toEqual([]);
  });
});
