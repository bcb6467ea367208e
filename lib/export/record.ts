/**
 * The over/under record of a player's last 10 games against the consensus line of each of those
 * games (`last_10_results`: "O" over, "U" under, "-" push or no line; `last_10_record`:
 * "overs-unders", or null when none of the 10 games had a line). Source: docs/seed-system.md §7.
 */
import { consensusOfCounts, type LineCount } from '../slate/lines';

/** How many books posted a main line of a past game (the PAST_MAIN_LINE_COUNTS query's row). */
export interface PastLineRow extends LineCount {
  game_date: string;
  event_id: string;
  player_lookup: string;
}

/** player_lookup -> game_date -> consensus line (points). */
export type PastLines = Map<string, Map<string, number>>;

/**
 * Consensus line per player and date from the counted lines (any order; rows of one player, date
 * and event next to each other, as PAST_MAIN_LINE_COUNTS returns them, are grouped without a key
 * per row).
 */
export function pastConsensus(rows: readonly PastLineRow[]): PastLines {
  const groups = new Map<string, PastLineRow[]>();
  let cur: PastLineRow[] | undefined;
  let prev: PastLineRow | undefined;
  for (const r of rows) {
    if (
      !cur ||
      !prev ||
      r.player_lookup !== prev.player_lookup ||
      r.game_date !== prev.game_date ||
      r.event_id !== prev.event_id
    ) {
      const k = `${r.player_lookup}|${r.game_date}|${r.event_id}`;
      cur = groups.get(k);
      if (!cur) {
        cur = [];
        groups.set(k, cur);
      }
    }
    cur.push(r);
    prev = r;
  }
  const out: PastLines = new Map();
  for (const rs of groups.values()) {
    const points = consensusOfCounts(rs);
    if (points === null) continue;
    const { player_lookup, game_date } = rs[0];
    let byDate = out.get(player_lookup);
    if (!byDate) {
      byDate = new Map();
      out.set(player_lookup, byDate);
    }
    byDate.set(game_date, points);
  }
  return out;
}

/** A past game against its consensus line: "O" over, "U" under, "-" push or no line. */
export type LineCall = 'O' | 'U' | '-';

/** Results and record of the games (newest first) given their dates and points. */
export function lastTenRecord(
  dates: readonly string[],
  points: readonly number[],
  lines: ReadonlyMap<string, number> | undefined,
): { results: LineCall[]; record: string | null } {
  let overs = 0;
  let unders = 0;
  const results = dates.map((d, i): LineCall => {
    const line = lines?.get(d);
    const pts = points[i];
    if (line === undefined || pts === undefined || pts === line) return '-';
    if (pts > line) {
      overs += 1;
      return 'O';
    }
    unders += 1;
    return 'U';
  });
  return { results, record: overs + unders > 0 ? `${overs}-${unders}` : null };
}
