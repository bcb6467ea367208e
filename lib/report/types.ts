/**
 * The backtest report as the charts and the Markdown read it: what `nba-props backtest --out`
 * writes today (per system: MAE, bias, lined MAE against the line's own MAE, calls, hit rate with a
 * slate-bootstrap 95% interval) and the fields the report is gaining, all optional: a reliability
 * table by decile of P(over), hit rate and ROI by edge, Brier score, log loss and ROI.
 */
import type { SystemSummary } from '../grading/summary';

/** One bin of a reliability table: predictions with P(over) in the bin, their mean P and the observed over rate (0-1). */
export interface ReliabilityBin {
  bin: number;
  n: number;
  mean_p: number | null;
  observed: number | null;
}

/** Calls whose |edge| (points) is in [edge_from, edge_to) (edge_to null: no upper bound). */
export interface EdgeBucket {
  edge_from: number;
  edge_to: number | null;
  calls: number;
  hit_rate: number | null;
  /** Return per unit staked at the prices taken (0.05 = +5%). */
  roi: number | null;
}

/** One system (or the market) in the report. */
export interface ReportSystem extends Partial<Omit<SystemSummary, 'system_id'>> {
  system_id: string;
  reliability?: ReliabilityBin[] | null;
  by_edge?: EdgeBucket[] | null;
  brier?: number | null;
  log_loss?: number | null;
  roi?: number | null;
}

/** `reports/backtest-<from>_<to>.json`. */
export interface BacktestReport {
  from: string;
  to: string;
  /** Break-even hit rate at -110 (0.5238). */
  break_even_110?: number | null;
  systems: ReportSystem[];
  /** The market's own row (no-vig P(over)), when the report has it. */
  market?: ReportSystem | null;
}
