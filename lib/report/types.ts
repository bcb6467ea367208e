/**
 * The backtest report as the charts read it: the document `nba-props backtest --out` writes
 * (lib/grading/report-markdown.ts BacktestReport), plus the one field a chart waits for: hit rate
 * and ROI of the picks by |edge| bucket (`systems[].picks_by_edge`), not in the report yet.
 */
import type { BacktestReport } from '../grading/report-markdown';
import type { SystemReport } from '../grading/report';

/** Picks whose |edge| (points) is in [edge_from, edge_to) (edge_to null: no upper bound). */
export interface EdgeBucket {
  edge_from: number;
  edge_to: number | null;
  picks: number;
  /** 0-1. */
  hit_rate: number | null;
  /** Return per unit staked at the prices taken (0.05 = +5%). */
  roi: number | null;
}

/** A system of the report, with the edge buckets when the report has them. */
export type ChartSystem = SystemReport & { picks_by_edge?: EdgeBucket[] | null };

/** The report the charts read. */
export type ChartReport = Omit<BacktestReport, 'systems'> & { systems: ChartSystem[] };
