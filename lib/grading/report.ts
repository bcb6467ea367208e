/**
 * The backtest report: every system and the market itself measured on the same graded rows, each
 * figure with a slate-bootstrap 95% interval (lib/grading/bootstrap.ts). Pure: graded rows in,
 * report out. Definitions:
 * - Lined MAE |predicted - actual| next to the line's own |line - actual| on the same main-line rows;
 *   unlined rows (no line that night) in their own column.
 * - Brier score mean (p - y)^2 and log loss -mean(y log p + (1-y) log(1-p)) of p_over at the main
 *   line, y = 1 when the points went over, against the market's no-vig P(over) on the same rows
 *   (rows where a book priced the line; pushes left out). G. W. Brier, "Verification of forecasts
 *   expressed in terms of probability", Monthly Weather Review 78(1), 1950.
 * - Reliability: rows grouped by p_over in tenths (0.0-0.1, ..., 0.9-1.0), mean p against the
 *   observed rate (A. H. Murphy, R. L. Winkler, "Reliability of subjective probability forecasts",
 *   JRSS C 26(1), 1977).
 * - Picks (OVER/UNDER): hit rate (pushes out) next to the break-even implied by the prices taken
 *   (mean implied probability of those prices), flat one-unit ROI at the price taken (the best
 *   price) and at the consensus (median) price of that line. A hit rate above LEAKAGE_HIT_RATE on
 *   LEAKAGE_MIN_PICKS or more picks raises a warning: no honest points model wins that often.
 * Probabilities 0-1, points per game, ROI per unit staked.
 */
import { impliedProbability } from '../slate/odds';
import { isAmericanOdds, netPayout } from '../slate/prices';
import { estimate } from './bootstrap';
import type { MarketReport, PickBucket, PickResults, ProbabilityScores, SystemReport } from './report-schema';

/** A hit rate above this on enough picks is reported as likely leakage. */
export const LEAKAGE_HIT_RATE = 0.7;
/** Picks needed before the leakage warning applies. */
export const LEAKAGE_MIN_PICKS = 30;

/** One graded prediction (lib/warehouse/sql/grading.ts REPORT_ROWS). */
export interface ReportRow {
  game_date: string;
  system_id: string;
  line_value: number | null;
  is_main_line: boolean | null;
  actual_points: number;
  predicted_points: number | null;
  p_over: number | null;
  market_p_over: number | null;
  recommendation: string;
  pass_reason: string | null;
  price_side: string | null;
  price_odds: number | null;
  /** Consensus (median) prices of the row's line. */
  over_odds: number | null;
  under_odds: number | null;
  /** EV per unit of the row's pick (or better side) at its price; the best-bets export bands picks by it. */
  ev?: number | null;
}

export type {
  MarketReport,
  PickBucket,
  PickResults,
  ProbabilityScores,
  ReliabilityBin,
  SystemReport,
} from './report-schema';

/** |edge| buckets of the picks, points: what the points gap to the line was worth. */
export const EDGE_BUCKETS: ReadonlyArray<readonly [number, number | null]> = [
  [0, 1],
  [1, 2],
  [2, 4],
  [4, null],
];

/**
 * EV buckets of the picks, per unit. The first starts at the decision threshold; the buckets show
 * in sample what a higher threshold would have kept (the threshold itself was fixed beforehand).
 */
export const EV_BUCKETS: ReadonlyArray<readonly [number, number | null]> = [
  [0.03, 0.06],
  [0.06, 0.12],
  [0.12, null],
];

const P_EPS = 1e-6;
const clampP = (p: number) => Math.min(1 - P_EPS, Math.max(P_EPS, p));
const went = (r: ReportRow) => (r.actual_points > (r.line_value ?? 0) ? 1 : 0);
const isPush = (r: ReportRow) => r.line_value !== null && r.actual_points === r.line_value;
const brierOf = (p: number, y: number) => (p - y) ** 2;
const logLossOf = (p: number, y: number) => -(y * Math.log(clampP(p)) + (1 - y) * Math.log(1 - clampP(p)));

/** Brier, log loss and reliability of `p(row)` on rows (pushes must already be out). */
export function probabilityScores(
  rows: readonly ReportRow[],
  p: (r: ReportRow) => number,
): ProbabilityScores {
  if (rows.length === 0) return { n: 0, brier: null, log_loss: null, reliability: [] };
  let b = 0;
  let l = 0;
  const bins = new Map<number, { n: number; p: number; y: number }>();
  for (const r of rows) {
    const pr = p(r);
    const y = went(r);
    b += brierOf(pr, y);
    l += logLossOf(pr, y);
    const bin = Math.min(9, Math.floor(pr * 10));
    const cur = bins.get(bin) ?? { n: 0, p: 0, y: 0 };
    bins.set(bin, { n: cur.n + 1, p: cur.p + pr, y: cur.y + y });
  }
  return {
    n: rows.length,
    brier: b / rows.length,
    log_loss: l / rows.length,
    reliability: [...bins.entries()]
      .sort(([a], [z]) => a - z)
      .map(([bin, s]) => ({ bin: bin / 10, n: s.n, mean_p: s.p / s.n, observed: s.y / s.n })),
  };
}

/** Profit of one unit on a pick at `odds`: the net payout on a win, -1 on a loss, 0 on a push. */
export function pickProfit(r: ReportRow, odds: number): number {
  if (isPush(r)) return 0;
  const won = r.recommendation === 'OVER' ? went(r) === 1 : went(r) === 0;
  return won ? netPayout(odds) : -1;
}

/** Results of the OVER/UNDER rows among `rows`. */
export function pickResults(rows: readonly ReportRow[]): PickResults {
  const picks = rows.filter(
    (r) => (r.recommendation === 'OVER' || r.recommendation === 'UNDER') && isAmericanOdds(r.price_odds),
  );
  const decided = picks.filter((r) => !isPush(r));
  const wins = decided.filter((r) => pickProfit(r, r.price_odds as number) > 0).length;
  const consensus = (r: ReportRow) => (r.recommendation === 'OVER' ? r.over_odds : r.under_odds);
  const withConsensus = picks.filter((r) => isAmericanOdds(consensus(r)));
  const hit = estimate(decided, (r) => (pickProfit(r, r.price_odds as number) > 0 ? 1 : 0));
  const warn =
    hit.value !== null && hit.value > LEAKAGE_HIT_RATE && decided.length >= LEAKAGE_MIN_PICKS
      ? `hit rate ${(100 * hit.value).toFixed(1)}% on ${decided.length} picks is above ${100 * LEAKAGE_HIT_RATE}%: check for leakage (data dated on or after the game feeding the prediction)`
      : null;
  return {
    picks: picks.length,
    wins,
    losses: decided.length - wins,
    pushes: picks.length - decided.length,
    hit_rate: hit,
    break_even:
      picks.length > 0
        ? picks.reduce((a, r) => a + impliedProbability(r.price_odds as number), 0) / picks.length
        : null,
    roi_best_price: estimate(picks, (r) => pickProfit(r, r.price_odds as number)),
    roi_consensus_price: estimate(withConsensus, (r) => pickProfit(r, consensus(r) as number)),
    leakage_warning: warn,
  };
}

/** The picks among `rows` grouped by `measure` into `buckets` (rows outside every bucket are left out). */
export function pickBuckets(
  rows: readonly ReportRow[],
  measure: (r: ReportRow) => number,
  buckets: ReadonlyArray<readonly [number, number | null]>,
): PickBucket[] {
  return buckets.map(([from, to]) => {
    const p = pickResults(rows.filter((r) => measure(r) >= from && (to === null || measure(r) < to)));
    return {
      from,
      to,
      picks: p.picks,
      hit_rate: p.hit_rate.value,
      hit_rate_ci95: p.hit_rate.ci95,
      break_even: p.break_even,
      roi: p.roi_best_price.value,
      roi_ci95: p.roi_best_price.ci95,
    };
  });
}

const isMain = (r: ReportRow) => r.is_main_line === true;

/** The report of one system from its graded rows (every line). */
export function systemReport(systemId: string, rows: readonly ReportRow[]): SystemReport {
  const mainRows = rows.filter((r) => isMain(r) || r.line_value === null);
  const lined = mainRows.filter((r) => r.line_value !== null && r.predicted_points !== null);
  const unlined = mainRows.filter((r) => r.line_value === null && r.predicted_points !== null);
  const err = (r: ReportRow) => Math.abs((r.predicted_points as number) - r.actual_points);
  const lineErr = (r: ReportRow) => Math.abs((r.line_value as number) - r.actual_points);
  const scored = lined.filter((r) => r.p_over !== null && r.market_p_over !== null && !isPush(r));
  const pm = (r: ReportRow) => r.p_over as number;
  const mk = (r: ReportRow) => r.market_p_over as number;
  const passReasons: Record<string, number> = {};
  for (const r of mainRows) {
    if (r.recommendation === 'OVER' || r.recommendation === 'UNDER') continue;
    const k = r.pass_reason ?? r.recommendation;
    passReasons[k] = (passReasons[k] ?? 0) + 1;
  }
  return {
    system_id: systemId,
    lined: {
      n: lined.length,
      mae: estimate(lined, err),
      mae_of_line: estimate(lined, lineErr),
      mae_minus_line: estimate(lined, (r) => err(r) - lineErr(r)),
    },
    unlined: { n: unlined.length, mae: estimate(unlined, err) },
    probability: {
      model: probabilityScores(scored, pm),
      market: probabilityScores(scored, mk),
      brier_minus_market: estimate(scored, (r) => brierOf(pm(r), went(r)) - brierOf(mk(r), went(r))),
      log_loss_minus_market: estimate(scored, (r) => logLossOf(pm(r), went(r)) - logLossOf(mk(r), went(r))),
    },
    picks_main: pickResults(mainRows),
    picks_all_lines: pickResults(rows.filter((r) => r.line_value !== null)),
    picks_by_edge: pickBuckets(
      rows.filter((r) => r.line_value !== null && r.predicted_points !== null),
      (r) => Math.abs((r.predicted_points as number) - (r.line_value as number)),
      EDGE_BUCKETS,
    ),
    picks_by_ev: pickBuckets(
      rows.filter((r) => r.line_value !== null && typeof r.ev === 'number'),
      (r) => r.ev as number,
      EV_BUCKETS,
    ),
    pass_reasons: Object.fromEntries(Object.entries(passReasons).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The market's own scores on one row per player-game (the ensemble's main-line rows). */
export function marketReport(rows: readonly ReportRow[], systemId = 'ensemble_v1'): MarketReport {
  const main = rows.filter((r) => r.system_id === systemId && isMain(r) && r.line_value !== null);
  const priced = main.filter((r) => r.market_p_over !== null && !isPush(r));
  return {
    n: main.length,
    mae_of_line: estimate(main, (r) => Math.abs((r.line_value as number) - r.actual_points)),
    scores: probabilityScores(priced, (r) => r.market_p_over as number),
  };
}

/** The whole report body: the market, then each system in first-seen order. */
export function buildReport(rows: readonly ReportRow[]): { market: MarketReport; systems: SystemReport[] } {
  const ids = [...new Set(rows.map((r) => r.system_id))];
  return {
    market: marketReport(rows),
    systems: ids.map((id) =>
      systemReport(
        id,
        rows.filter((r) => r.system_id === id),
      ),
    ),
  };
}
