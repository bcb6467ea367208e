/**
 * The bound that lets onBatchComplete skip counting: from a staging row count, the most distinct
 * players that can be in staging. Checked by hand on small cases, then on the real shape of a
 * slate (2025-12-05: 175 players with a line write 25 rows, 73 without write 5) in many random
 * arrival orders with redeliveries: it never skips a message at which a milestone was reached.
 */
import { mulberry32 } from '../../lib/grading/bootstrap';
import { thresholdCount } from '../../lib/pipeline/batch-complete';
import {
  histogramJson,
  maxPlayersWithin,
  parseHistogram,
  playersBound,
  rowsHistogram,
  shouldCount,
  type LastCount,
} from '../../lib/data/completion-bound';

const SLATE = rowsHistogram([...Array<number>(175).fill(25), ...Array<number>(73).fill(5)]);

describe('rows histogram', () => {
  it('counts players per row count, ascending, and round-trips through JSON', () => {
    expect(rowsHistogram([25, 5, 25])).toEqual([
      [5, 1],
      [25, 2],
    ]);
    expect(histogramJson(SLATE)).toBe('{"5":73,"25":175}');
    expect(parseHistogram('{"5":73,"25":175}')).toEqual(SLATE);
  });

  it('refuses what is not a histogram (the bound is then off and every message counts)', () => {
    for (const bad of [null, '', '{', '[]', '{}', '{"5":0}', '{"x":3}', '{"5":1.5}', '{"-5":2}']) {
      expect(parseHistogram(bad)).toBeNull();
    }
    expect(playersBound(null, 10, null)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('players bound', () => {
  it('fills the row count with the smallest per-player counts first', () => {
    // 73 x 5 = 365 rows hold 73 players; the next player needs 25 more rows
    expect(maxPlayersWithin(SLATE, 364)).toBe(72);
    expect(maxPlayersWithin(SLATE, 365)).toBe(73);
    expect(maxPlayersWithin(SLATE, 389)).toBe(73);
    expect(maxPlayersWithin(SLATE, 390)).toBe(74);
    expect(maxPlayersWithin(SLATE, 4740)).toBe(248); // the whole slate: 73*5 + 175*25
    expect(maxPlayersWithin(SLATE, 100_000)).toBe(248);
  });

  it('adds to the last count only the players the new rows can hold', () => {
    const last: LastCount = { players: 150, rows: 3000 };
    expect(playersBound(SLATE, 3000, last)).toBe(150);
    expect(playersBound(SLATE, 3024, last)).toBe(154); // 24 new rows: at most 4 players of 5 rows
    // never above the bound from the row count alone
    expect(playersBound(SLATE, 3024, { players: 0, rows: 0 })).toBe(maxPlayersWithin(SLATE, 3024));
  });

  it('skips the count only while the milestone is out of reach', () => {
    const need = thresholdCount(248, 0.8); // 199
    expect(shouldCount(need, SLATE, 3514, null)).toBe(false); // 73*5 + 125*25 = 3490 < 3514 < 3515
    expect(shouldCount(need, SLATE, 3515, null)).toBe(true);
  });
});

interface Event {
  player: number;
  kind: 'load' | 'ready';
}

/** Loads and ready messages of a batch: each player loads then reports, some twice. */
function arrival(rowsOf: number[], seed: number): Event[] {
  const rand = mulberry32(seed);
  const order = rowsOf.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const events: Event[] = [];
  for (const p of order) {
    events.push({ player: p, kind: 'load' }, { player: p, kind: 'ready' });
    if (rand() < 0.02) events.push({ player: p, kind: 'load' }, { player: p, kind: 'ready' }); // redelivered
    if (rand() < 0.02) events.push({ player: p, kind: 'ready' }); // ready redelivered alone
  }
  return events;
}

/** Replays a batch through the decision the way onBatchComplete does; returns the counts run. */
function replay(rowsOf: number[], events: Event[]): { counts: number; missed: number } {
  const h = rowsHistogram(rowsOf);
  const expected = rowsOf.length;
  let rows = 0;
  const staged = new Set<number>();
  let last: LastCount | null = null;
  let thresholdFired = false;
  let completeFired = false;
  let counts = 0;
  let missed = 0;
  for (const e of events) {
    if (e.kind === 'load') {
      rows += rowsOf[e.player];
      staged.add(e.player);
      continue;
    }
    if (completeFired) continue;
    const need = thresholdFired ? expected : thresholdCount(expected, 0.8);
    const reachable = staged.size >= need;
    if (!shouldCount(need, h, rows, last)) {
      if (reachable) missed += 1;
      continue;
    }
    counts += 1;
    last = { players: staged.size, rows };
    if (staged.size >= thresholdCount(expected, 0.8)) thresholdFired = true;
    if (staged.size >= expected) completeFired = true;
  }
  if (!completeFired) missed += 1;
  return { counts, missed };
}

describe('a realistic batch', () => {
  const rowsOf = [...Array<number>(175).fill(25), ...Array<number>(73).fill(5)];

  it('never skips a message at which a milestone was reached, in 200 random orders', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      expect([seed, replay(rowsOf, arrival(rowsOf, seed)).missed]).toEqual([seed, 0]);
    }
  });

  it('counts 8 to 16 times a batch (median 12) instead of once per message (about 250)', () => {
    const counts = Array.from({ length: 200 }, (_, i) => replay(rowsOf, arrival(rowsOf, i + 1)).counts);
    counts.sort((a, b) => a - b);
    expect([counts[0], counts[100], counts[199]]).toEqual([8, 12, 16]);
  });

  it('stays correct when every lined player comes first', () => {
    const events = rowsOf.flatMap((_, p): Event[] => [
      { player: p, kind: 'load' },
      { player: p, kind: 'ready' },
    ]);
    expect(replay(rowsOf, events)).toEqual({ counts: 7, missed: 0 });
  });
});
