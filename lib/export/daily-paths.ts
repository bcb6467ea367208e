/**
 * Objects of the daily exports (results, performance, best bets) and their Cache-Control max-age:
 * dated files long, latest files short, as for tonight's exports (DESIGN §5).
 */
import { MAX_AGE } from './write';

/** Where each daily export is written. */
export const DAILY_PATHS = {
  resultsOfDate: (date: string) => ({ path: `v1/results/${date}.json`, maxAge: MAX_AGE.dated }),
  resultsLatest: { path: 'v1/results/latest.json', maxAge: MAX_AGE.latest },
  performance: { path: 'v1/performance/systems.json', maxAge: MAX_AGE.latest },
  bestBetsOfDate: (date: string) => ({ path: `v1/best-bets/${date}.json`, maxAge: MAX_AGE.dated }),
} as const;
