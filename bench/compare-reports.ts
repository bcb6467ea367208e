/**
 * Compares two backtest reports (the JSON `nba-props backtest --out` writes) and says whether they
 * are the same: same keys, same strings and integers (predictions, calls, wins, slates ...), and
 * the same real numbers up to floating-point summation order.
 *
 * Why a tolerance on reals: a mean is a sum over thousands of graded rows, and a sum of doubles
 * depends on the order it is taken in. The code before the performance work summed in whatever
 * order the warehouse returned rows within a date, which is not fixed: two runs of that same code
 * differ in the 15th-16th significant digit (e.g. an MAE of 5.108224872829332 vs
 * 5.1082248728293305). Reals are therefore equal when |a - b| <= 1e-12 * max(1, |a|, |b|), nine
 * orders of magnitude below the 0.01-point rounding of a prediction. Anything else must match
 * exactly. Keys named like timings (`*_ms`, `elapsed*`, `generated_at`) are ignored, and the
 * report's `command` is compared without its `--out <file>` (two runs write two files).
 *
 *   node dist/bench/compare-reports.js reports/backtest-2025-10-21_2025-12-06.json /tmp/after.json
 *
 * Exit code 0 when the same, 1 when not (each difference printed with its path), 2 on bad usage.
 */
import { readFileSync } from 'node:fs';

/** Relative tolerance on real numbers (see the file comment). */
export const REAL_TOLERANCE = 1e-12;

const TIMING_KEY = /(_ms|^elapsed.*|^generated_at)$/;

/** Differences between two JSON values, as `path: a vs b` lines (empty when the same). */
export function reportDifferences(a: unknown, b: unknown, path = '$'): string[] {
  if (path === '$.command' && typeof a === 'string' && typeof b === 'string') {
    const bare = (c: string) => c.replace(/ --out \S+/, '');
    return bare(a) === bare(b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b ? [] : [`${path}: ${a} vs ${b}`];
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= REAL_TOLERANCE * scale ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items vs ${b.length}`];
    return a.flatMap((x, i) => reportDifferences(x, b[i], `${path}[${i}]`));
  }
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].filter((k) => !TIMING_KEY.test(k));
    return keys.flatMap((k) => {
      if (!(k in ao)) return [`${path}.${k}: missing in the first`];
      if (!(k in bo)) return [`${path}.${k}: missing in the second`];
      return reportDifferences(ao[k], bo[k], `${path}.${k}`);
    });
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** Largest relative difference between the reals of two reports (0 when bit-identical). */
export function largestRealDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b))
    return Math.max(0, ...a.map((x, i) => largestRealDifference(x, b[i])));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const bo = b as Record<string, unknown>;
    return Math.max(
      0,
      ...Object.entries(a as Record<string, unknown>).map(([k, v]) => largestRealDifference(v, bo[k])),
    );
  }
  return 0;
}

function main(): number {
  const [first, second] = process.argv.slice(2);
  if (!first || !second) {
    process.stderr.write('usage: compare-reports <report.json> <report.json>\n');
    return 2;
  }
  const a = JSON.parse(readFileSync(first, 'utf8')) as unknown;
  const b = JSON.parse(readFileSync(second, 'utf8')) as unknown;
  const diffs = reportDifferences(a, b);
  const largest = largestRealDifference(a, b);
  if (diffs.length > 0) {
    process.stdout.write(`DIFFERENT: ${diffs.length} differences\n${diffs.join('\n')}\n`);
    return 1;
  }
  process.stdout.write(
    largest === 0
      ? 'SAME: bit-identical\n'
      : `SAME: every count equal; reals equal to within ${largest.toExponential(1)} (summation order)\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main();
