/**
 * Where every export is written and its Cache-Control max-age (DESIGN §5; the Python system's
 * paths and ages, docs/seed-system.md §7): dated files long, latest/today files short.
 */

/** Cache-Control max-age, seconds: dated files change rarely, latest/today files often. */
export const MAX_AGE = { dated: 3600, latest: 300 } as const;

/** Folder of the per-player cards; it holds tonight's players only. */
export const PLAYER_PREFIX = 'v1/tonight/player/';

/** Content type of every export. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** An object path and its max-age, seconds. */
export interface ExportPath {
  path: string;
  maxAge: number;
}

/** Object paths of every JSON export. */
export const EXPORT_PATHS = {
  tonight: { path: 'v1/tonight/all-players.json', maxAge: MAX_AGE.latest },
  player: (lookup: string): ExportPath => ({
    path: `${PLAYER_PREFIX}${lookup}.json`,
    maxAge: MAX_AGE.latest,
  }),
  predictionsOfDate: (date: string): ExportPath => ({
    path: `v1/predictions/${date}.json`,
    maxAge: MAX_AGE.dated,
  }),
  predictionsToday: { path: 'v1/predictions/today.json', maxAge: MAX_AGE.latest },
  resultsOfDate: (date: string): ExportPath => ({ path: `v1/results/${date}.json`, maxAge: MAX_AGE.dated }),
  resultsLatest: { path: 'v1/results/latest.json', maxAge: MAX_AGE.latest },
  performance: { path: 'v1/performance/systems.json', maxAge: MAX_AGE.latest },
  bestBetsOfDate: (date: string): ExportPath => ({
    path: `v1/best-bets/${date}.json`,
    maxAge: MAX_AGE.dated,
  }),
} as const;
