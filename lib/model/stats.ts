/** Small numeric helpers shared by the features and systems. Empty input gives null, never NaN. */

/** Arithmetic mean, or null for an empty list. */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Population standard deviation, or null for an empty list. */
export function stdPop(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
}

/** Clamps `x` to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Rounds to `digits` decimals (half away from zero); null stays null, non-finite becomes null. */
export function round(x: number | null, digits: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
}

/** First step whose bound the value is at least (descending bounds), e.g. [[15, 20], [10, 15], [0, -15]]. */
export function stepAtLeast(value: number, steps: ReadonlyArray<readonly [number, number]>): number {
  for (const [bound, delta] of steps) if (value >= bound) return delta;
  return 0;
}

/** First step whose bound the value is below (ascending bounds), e.g. [[4, 15], [6, 8], [Infinity, -5]]. */
export function stepBelow(value: number, steps: ReadonlyArray<readonly [number, number]>): number {
  for (const [bound, delta] of steps) if (value < bound) return delta;
  return 0;
}
