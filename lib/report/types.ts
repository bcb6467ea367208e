/**
 * The backtest report as the charts read it: the document `nba-props backtest --out` writes
 * (lib/grading/report-markdown.ts BacktestReport). `picks_by_edge` may be missing from a report
 * written before it existed; the edge chart is then left out.
 */
import type { BacktestReport } from '../grading/report-markdown';
import type { PickBucket, SystemReport } from '../grading/report';

/** Picks whose |edge| (points) is in [from, to) (to null: no upper bound). */
export type EdgeBucket = PickBucket;

/** A system of the report (older reports may lack the edge buckets). */
export type ChartSystem = Omit<SystemReport, 'picks_by_edge'> & { picks_by_edge?: EdgeBucket[] | null };

/** The report the charts read. */
export type ChartReport = Omit<BacktestReport, 'systems'> & { systems: ChartSystem[] };
