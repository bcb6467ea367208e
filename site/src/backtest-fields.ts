/**
 * The backtest table of the performance page: one function per column of the report
 * (lib/grading/report.ts): lined MAE against the line, Brier score against the market, and the
 * main-line picks' hit rate, break-even and ROI, each with its slate-bootstrap 95% interval. Pure.
 */
import type { Cell } from './fields.js';
import { DASH, fixed, isNum, percent, signed, signedPercent } from './format.js';
import type { BacktestReportView, BacktestSystemView, EstimateView } from './types.js';

/** A column of the backtest table. */
export interface BacktestColumn {
  label: string;
  title: string;
  cell: (s: BacktestSystemView) => Cell;
}

/** "a..b" of an interval, each end formatted; "-" without one. */
export function interval(e: EstimateView | null | undefined, fmt: (x: number) => string): string {
  const c = e?.ci95;
  return c && isNum(c[0]) && isNum(c[1]) ? `${fmt(c[0])}..${fmt(c[1])}` : DASH;
}

/** A value with its interval: "45.9% (31.7%..57.1%)". */
export function withInterval(
  e: EstimateView | null | undefined,
  fmt: (x: number | null | undefined) => string,
): Cell {
  const text = fmt(e?.value);
  const ci = interval(e, (x) => fmt(x));
  return { text: ci === DASH ? text : `${text} (${ci})`, cls: 'num' };
}

const p1 = (x: number | null | undefined) => percent(x, 1);
const sp1 = (x: number | null | undefined) => signedPercent(x, 1);
const f2 = (x: number | null | undefined) => fixed(x, 2);
const s2 = (x: number | null | undefined) => signed(x, 2);
const s4 = (x: number | null | undefined) => signed(x, 4);

/** Columns, in display order. */
export const BACKTEST_COLUMNS: readonly BacktestColumn[] = [
  { label: 'System', title: 'prediction system', cell: (s) => ({ text: s.system_id }) },
  {
    label: 'Lined rows',
    title: 'graded main-line rows with a line',
    cell: (s) => ({ text: String(s.lined.n), cls: 'num' }),
  },
  {
    label: 'MAE',
    title: 'mean absolute error on the lined rows, points',
    cell: (s) => ({ text: f2(s.lined.mae.value), cls: 'num' }),
  },
  {
    label: 'Line MAE',
    title: "the line's own MAE on the same rows",
    cell: (s) => ({ text: f2(s.lined.mae_of_line.value), cls: 'num' }),
  },
  {
    label: 'MAE - line',
    title: 'MAE minus the line’s MAE (negative: better than the line)',
    cell: (s) => withInterval(s.lined.mae_minus_line, s2),
  },
  {
    label: 'Brier',
    title: 'Brier score of P(over) at the main line',
    cell: (s) => ({ text: fixed(s.probability.model.brier, 4), cls: 'num' }),
  },
  {
    label: 'Brier - market',
    title: "Brier minus the market's no-vig Brier on the same rows (negative: better than the market)",
    cell: (s) => withInterval(s.probability.brier_minus_market, s4),
  },
  {
    label: 'Picks',
    title: 'OVER/UNDER picks at the main line',
    cell: (s) => ({ text: String(s.picks_main.picks), cls: 'num' }),
  },
  { label: 'Hit rate', title: 'share of picks won', cell: (s) => withInterval(s.picks_main.hit_rate, p1) },
  {
    label: 'Break-even',
    title: 'mean implied probability of the prices taken',
    cell: (s) => ({ text: p1(s.picks_main.break_even), cls: 'num' }),
  },
  {
    label: 'ROI (best price)',
    title: 'return per unit staked at the prices taken',
    cell: (s) => withInterval(s.picks_main.roi_best_price, sp1),
  },
  {
    label: 'ROI (consensus)',
    title: 'return per unit staked at the consensus price of the line',
    cell: (s) => withInterval(s.picks_main.roi_consensus_price, sp1),
  },
];

/** One sentence on the market itself: its Brier score, log loss and MAE on the report's rows. */
export function marketSummary(r: BacktestReportView): string | null {
  const m = r.market;
  if (!m) return null;
  return `The market itself (no-vig P(over), the consensus line): Brier ${fixed(m.scores.brier, 4)}, log loss ${fixed(m.scores.log_loss, 4)} on ${m.scores.n} rows; the line's MAE ${f2(m.mae_of_line.value)} points on ${m.n} rows.`;
}
