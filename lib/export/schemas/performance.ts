/**
 * `v1/performance/systems.json`: every system and the market over the last 7 days, the last 30
 * days and the season, each window the backtest report's own figures (lib/grading/report-schema.ts).
 */
import { z } from 'zod';
import { MarketReport, SystemReport } from '../../grading/report-schema';
import { count, isoDate, isoInstant } from './common';

/** One window. */
export const PerformanceWindow = z
  .strictObject({
    from: isoDate(),
    to: isoDate(),
    first_graded_date: isoDate().nullable(),
    last_graded_date: isoDate().nullable(),
    slates: count().describe('dates with graded rows in the window'),
    rows: count().describe('graded rows (every system, every line; voids are not graded rows)'),
    market: MarketReport,
    systems: z.array(SystemReport),
  })
  .meta({ id: 'PerformanceWindow' });
export type PerformanceWindow = z.infer<typeof PerformanceWindow>;

/** The document. */
export const PerformanceDoc = z.strictObject({
  generated_at: isoInstant(),
  through: isoDate().describe('last date the windows include'),
  season: z.string().describe('e.g. 2025-26'),
  interval: z.strictObject({ level: z.number(), method: z.string(), samples: count() }),
  windows: z.strictObject({
    last_7_days: PerformanceWindow,
    last_30_days: PerformanceWindow,
    season: PerformanceWindow,
  }),
});
export type PerformanceDoc = z.infer<typeof PerformanceDoc>;
