/**
 * Per-system accuracy over graded predictions: MAE, bias, and the hit rate of OVER/UNDER calls at
 * the main line against the break-even rate at -110 (110/210 = 52.38%), with 95% intervals from a
 * bootstrap over slates (dates), because players of one night share one game environment.
 */
import { breakEvenRate } from '../slate/odds';

/** Break-even hit rate at the standard -110 price: 0.5238. */
export const BREAK_EVEN_110 = breakEvenRate(-110);

/** Bootstrap resamples. */
export const BOOTSTRAP_SAMPLES = 2000;

/** A graded main-line (or no-line) prediction, the unit of the summary. */
export interface GradedPoint {
  game_date: string;
  system_id: string;
  /** |predicted - actual|; null when the system could not predict. */
  absolute_error: number | null;
  signed_error: number | null;
  /** OVER/UNDER call result; null when no call or a push. */
  prediction_correct: boolean | null;
  /** True when the row had a line (graded at the main line). */
  has_line: boolean;
  /** The main line, points (null without a line). */
  line_value: number | null;
  /** Points scored. */
  actual_points: number;
}

/** Accuracy of one system. Rates are 0-1; errors in points; null when there is nothing to measure. */
export interface SystemSummary {
  system_id: string;
  predictions: number;
  mae: number | null;
  bias: number | null;
  /** MAE on rows with a line (comparable across systems). */
  mae_lined: number | null;
  /** MAE of the consensus line itself on the same rows: the bar a system has to beat. */
  mae_of_line: number | null;
  calls: number;
  wins: number;
  hit_rate: number | null;
  hit_rate_ci95: [number, number] | null;
  slates: number;
}

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

const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Percentile interval of the hit rate from resampling whole slates with replacement; null under 2 slates. */
export function slateBootstrap(
  bySlate: ReadonlyArray<{ wins: number; calls: number }>,
  samples: number,
  seed = 42,
): [number, number] | null {
  const withCalls = bySlate.filter((s) => s.calls > 0);
  if (withCalls.length < 2) return null; // one slate has no slate-to-slate variation to resample
  const rand = mulberry32(seed);
  const rates: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    let w = 0;
    let c = 0;
    for (let j = 0; j < withCalls.length; j += 1) {
      const s = withCalls[Math.floor(rand() * withCalls.length)];
      w += s.wins;
      c += s.calls;
    }
    rates.push(w / c);
  }
  rates.sort((a, b) => a - b);
  return [rates[Math.floor(0.025 * samples)], rates[Math.min(samples - 1, Math.floor(0.975 * samples))]];
}

/** Summaries per system, in the order systems first appear. */
export function summarize(points: readonly GradedPoint[], samples = BOOTSTRAP_SAMPLES): SystemSummary[] {
  const systems = [...new Set(points.map((p) => p.system_id))];
  return systems.map((system_id) => {
    const ps = points.filter((p) => p.system_id === system_id);
    const errs = ps.filter((p) => p.absolute_error !== null);
    const calls = ps.filter((p) => p.prediction_correct !== null);
    const wins = calls.filter((p) => p.prediction_correct === true).length;
    const dates = [...new Set(ps.map((p) => p.game_date))];
    const bySlate = dates.map((d) => {
      const c = calls.filter((p) => p.game_date === d);
      return { calls: c.length, wins: c.filter((p) => p.prediction_correct === true).length };
    });
    return {
      system_id,
      predictions: errs.length,
      mae: meanOf(errs.map((p) => p.absolute_error ?? 0)),
      bias: meanOf(errs.map((p) => p.signed_error ?? 0)),
      mae_lined: meanOf(errs.filter((p) => p.has_line).map((p) => p.absolute_error ?? 0)),
      mae_of_line: meanOf(
        errs.filter((p) => p.line_value !== null).map((p) => Math.abs((p.line_value ?? 0) - p.actual_points)),
      ),
      calls: calls.length,
      wins,
      hit_rate: calls.length ? wins / calls.length : null,
      hit_rate_ci95: slateBootstrap(bySlate, samples),
      slates: dates.length,
    };
  });
}
