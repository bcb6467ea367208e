/**
 * When onBatchComplete needs to count (pure). Counting the distinct players in staging is a query
 * (on BigQuery a billed job, 10 MiB minimum), but the staging table's row count is free metadata,
 * and startBatch knows how many staging rows each expected player writes (5 systems x the ladder).
 * So the row count bounds the players in staging from above: with R rows, at most as many players
 * as the smallest per-player row counts fit in R. A milestone that needs N players cannot have
 * been reached while that bound is below N, and the count is skipped.
 *
 * The bound only assumes that an expected player's load holds at least his expected rows (a
 * redelivery adds rows, which only raises R). startBatch computes the expected rows with the
 * function predictPlayer's rows come from (lib/model/rows.ts `stagingRowCount`).
 */

/** How many expected players write each number of staging rows, ascending by rows. */
export type RowsHistogram = ReadonlyArray<readonly [rows: number, players: number]>;

/** The histogram of per-player row counts, e.g. [25, 5, 25] -> [[5, 1], [25, 2]]. */
export function rowsHistogram(rowsPerPlayer: readonly number[]): RowsHistogram {
  const by = new Map<number, number>();
  for (const r of rowsPerPlayer) by.set(r, (by.get(r) ?? 0) + 1);
  return [...by.entries()].sort((a, b) => a[0] - b[0]);
}

/** JSON of a histogram as stored in prediction_batches.expected_rows_json: `{"5":73,"25":175}`. */
export function histogramJson(h: RowsHistogram): string {
  return JSON.stringify(Object.fromEntries(h.map(([rows, players]) => [String(rows), players])));
}

/** Parses {@link histogramJson}; null for null, bad JSON or any count that is not a positive integer. */
export function parseHistogram(json: string | null): RowsHistogram | null {
  if (json === null) return null;
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch {
    return null;
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return null;
  const out: Array<[number, number]> = [];
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const rows = Number(k);
    if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(v) || (v as number) < 1) return null;
    out.push([rows, v as number]);
  }
  return out.length === 0 ? null : out.sort((a, b) => a[0] - b[0]);
}

/** Most players whose staging rows fit in `rows`: the smallest per-player counts first. */
export function maxPlayersWithin(h: RowsHistogram, rows: number): number {
  let left = rows;
  let players = 0;
  for (const [r, n] of h) {
    const k = Math.min(n, Math.floor(left / r));
    players += k;
    left -= k * r;
    if (k < n) break;
  }
  return players;
}

/** What this instance learned from its last count: players counted and the row count read before. */
export interface LastCount {
  players: number;
  rows: number;
}

/**
 * Upper bound of the distinct expected players in a staging table of `rows` rows. With a previous
 * count, players only join since then, each with at least the smallest per-player row count.
 * Infinity without a histogram (a batch from before this bound existed: always count).
 */
export function playersBound(h: RowsHistogram | null, rows: number, last: LastCount | null): number {
  if (!h) return Number.POSITIVE_INFINITY;
  const fromScratch = maxPlayersWithin(h, rows);
  if (!last) return fromScratch;
  return Math.min(fromScratch, last.players + maxPlayersWithin(h, Math.max(0, rows - last.rows)));
}

/** True when the players in staging could have reached `need`: only then is a count worth it. */
export function shouldCount(
  need: number,
  h: RowsHistogram | null,
  rows: number,
  last: LastCount | null,
): boolean {
  return playersBound(h, rows, last) >= need;
}
