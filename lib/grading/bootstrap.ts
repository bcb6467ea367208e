/**
 * Slate bootstrap: 95% intervals of a ratio (sum of numerators / sum of denominators) from
 * resampling whole slates (dates) with replacement, because the players of one night share one
 * game environment and one market (B. Efron, R. Tibshirani, "An Introduction to the Bootstrap",
 * 1993, ch. 13 percentile intervals; resampling clusters, not rows). Deterministic: a fixed seed.
 */
import type { Estimate } from './report-schema';

/** Bootstrap resamples. */
export const BOOTSTRAP_SAMPLES = 2000;

/** Deterministic PRNG (mulberry32) so a report can be rerun to the same interval. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One slate's contribution to a ratio. */
export interface SlateTotals {
  num: number;
  den: number;
}

/**
 * Percentile 95% interval of sum(num) / sum(den) over resampled slates; null with fewer than 2
 * slates that have a denominator (one slate has no slate-to-slate variation to resample).
 */
export function slateInterval(
  slates: readonly SlateTotals[],
  samples = BOOTSTRAP_SAMPLES,
  seed = 42,
): [number, number] | null {
  const used = slates.filter((s) => s.den > 0);
  if (used.length < 2) return null;
  const rand = mulberry32(seed);
  const stats: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    let n = 0;
    let d = 0;
    for (let j = 0; j < used.length; j += 1) {
      const s = used[Math.floor(rand() * used.length)];
      n += s.num;
      d += s.den;
    }
    stats.push(n / d);
  }
  stats.sort((a, b) => a - b);
  return [stats[Math.floor(0.025 * samples)], stats[Math.min(samples - 1, Math.floor(0.975 * samples))]];
}

/** Sums `num(row)` and `den(row)` per slate (key = game_date), in date order. */
export function bySlate<T extends { game_date: string }>(
  rows: readonly T[],
  num: (r: T) => number,
  den: (r: T) => number = () => 1,
): SlateTotals[] {
  const m = new Map<string, SlateTotals>();
  for (const r of rows) {
    const s = m.get(r.game_date) ?? { num: 0, den: 0 };
    s.num += num(r);
    s.den += den(r);
    m.set(r.game_date, s);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s);
}

export type { Estimate };

/** The estimate of sum(num) / sum(den) over `rows`, with its interval. */
export function estimate<T extends { game_date: string }>(
  rows: readonly T[],
  num: (r: T) => number,
  den: (r: T) => number = () => 1,
): Estimate {
  const slates = bySlate(rows, num, den);
  const n = slates.reduce((a, s) => a + s.num, 0);
  const d = slates.reduce((a, s) => a + s.den, 0);
  return { value: d > 0 ? n / d : null, ci95: slateInterval(slates), n: rows.length };
}
