/**
 * The backtest table of the performance page: one function per column, today's report fields and
 * the planned ones (Brier score, log loss, ROI), each shown only when the report has it. Pure.
 */
import type { Cell } from './fields.js';
import { DASH, fixed, isNum, percent, signed, signedPercent } from './format.js';
import type { BacktestSystemView } from './types.js';

/** A column of the backtest table. */
export interface BacktestColumn {
  label: string;
  title: string;
  cell: (s: BacktestSystemView) => Cell;
  /** Shown only when some system has a value. */
  has?: (s: BacktestSystemView) => boolean;
}

const interval = (ci: [number, number] | null | undefined, fmt: (x: number) => string) =>
  ci && isNum(ci[0]) && isNum(ci[1]) ? `${fmt(ci[0])}..${fmt(ci[1])}` : DASH;

/** Columns, in display order. */
export const BACKTEST_COLUMNS: readonly BacktestColumn[] = [
  { label: 'System', title: 'prediction system', cell: (s) => ({ text: s.system_id }) },
  {
    label: 'Preds',
    title: 'graded main-line predictions',
    cell: (s) => ({ text: String(s.predictions), cls: 'num' }),
  },
  {
    label: 'MAE (lined)',
    title: 'mean absolute error on rows with a line, points',
    cell: (s) => ({ text: fixed(s.mae_lined, 2), cls: 'num' }),
  },
  {
    label: 'Line MAE',
    title: "the line's own MAE on the same rows, points",
    cell: (s) => ({ text: fixed(s.mae_of_line, 2), cls: 'num' }),
  },
  {
    label: 'Bias',
    title: 'mean of predicted - actual, points',
    cell: (s) => ({ text: signed(s.bias, 2), cls: 'num' }),
  },
  { label: 'Calls', title: 'OVER/UNDER calls graded', cell: (s) => ({ text: String(s.calls), cls: 'num' }) },
  {
    label: 'Hit rate',
    title: 'share of calls won',
    cell: (s) => ({ text: percent(s.hit_rate), cls: 'num' }),
  },
  {
    label: '95% CI',
    title: 'slate-bootstrap 95% interval of the hit rate',
    cell: (s) => ({ text: interval(s.hit_rate_ci95, (x) => percent(x)), cls: 'num' }),
  },
  {
    label: 'Brier',
    title: "Brier score of P(over) (market's in brackets)",
    cell: (s) => ({
      text: `${fixed(s.brier, 4)}${isNum(s.market_brier) ? ` (${fixed(s.market_brier, 4)})` : ''}`,
      cls: 'num',
    }),
    has: (s) => isNum(s.brier),
  },
  {
    label: 'Log loss',
    title: 'log loss of P(over)',
    cell: (s) => ({ text: fixed(s.log_loss, 4), cls: 'num' }),
    has: (s) => isNum(s.log_loss),
  },
  {
    label: 'ROI',
    title: 'return on the stakes at the prices taken, with its 95% interval',
    cell: (s) => ({
      text: `${signedPercent(s.roi)} ${interval(s.roi_ci95, (x) => signedPercent(x))}`.trim(),
      cls: 'num',
    }),
    has: (s) => isNum(s.roi),
  },
];

/** The columns some system of the report has a value for. */
export function backtestColumns(systems: readonly BacktestSystemView[]): BacktestColumn[] {
  return BACKTEST_COLUMNS.filter((c) => !c.has || systems.some(c.has));
}
