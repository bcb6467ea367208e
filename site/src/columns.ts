/**
 * The columns of tonight's tables: header, the cell function of `fields.ts`, and the value a
 * column sorts by. Optional columns (P(over), market P(over), EV, stake, confidence) are shown only
 * when some player of the slate has a value (an older export has none of them; a slate without a
 * pick has no confidence), and the page names the ones left out. Pure.
 */
import * as f from './fields.js';
import { isNum } from './format.js';
import type { PlayerView } from './types.js';

/** A sort key: numbers and strings compare, null always sorts last. */
export type SortValue = number | string | null;

/** A column of a player table. */
export interface Column {
  id: string;
  label: string;
  /** Header tooltip: what the column means. */
  title: string;
  cell: (p: PlayerView) => f.Cell;
  sort: (p: PlayerView) => SortValue;
  /** First click sorts this way. */
  firstDir: 'asc' | 'desc';
  /** Hidden on screens narrower than a phone's 640 px or a laptop's 1200 px (CSS `hide-phone`, `hide-laptop`). */
  hideBelow?: 'phone' | 'laptop';
  /** Numbers: right-aligned header. */
  numeric?: boolean;
  /** Shown only when some player has a value. */
  optional?: boolean;
}

const num = (x: number | null | undefined): SortValue => (isNum(x) ? x : null);

const PICK_ORDER: Readonly<Record<string, number>> = { OVER: 0, UNDER: 1, PASS: 2, NO_LINE: 3 };

/** Every column, in display order. */
export const COLUMNS: readonly Column[] = [
  {
    id: 'name',
    label: 'Player',
    title: 'player (links to the card)',
    cell: f.nameCell,
    sort: (p) => p.name,
    firstDir: 'asc',
  },
  {
    id: 'team',
    label: 'Team',
    title: 'team',
    cell: f.teamCell,
    sort: (p) => p.team,
    firstDir: 'asc',
    hideBelow: 'phone',
  },
  {
    id: 'line',
    label: 'Line',
    title: 'consensus main points line (the line most books post)',
    cell: f.lineCell,
    sort: (p) => num(f.mainProp(p)?.line),
    numeric: true,
    firstDir: 'desc',
  },
  {
    id: 'over',
    label: 'Over',
    title: 'over price, American odds (best price and its book when known)',
    cell: f.overCell,
    sort: (p) => num(f.mainProp(p)?.over_odds),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'phone',
  },
  {
    id: 'under',
    label: 'Under',
    title: 'under price, American odds (best price and its book when known)',
    cell: f.underCell,
    sort: (p) => num(f.mainProp(p)?.under_odds),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'phone',
  },
  {
    id: 'predicted',
    label: 'Pred',
    title: 'predicted points',
    cell: f.predictedCell,
    sort: (p) => num(p.prediction?.predicted),
    numeric: true,
    firstDir: 'desc',
  },
  {
    id: 'edge',
    label: 'Edge',
    title: 'predicted minus line, points',
    cell: f.edgeCell,
    sort: (p) => f.edgeOf(p),
    numeric: true,
    firstDir: 'desc',
  },
  {
    id: 'p_over',
    label: 'P(over)',
    title: "the model's probability of the over",
    cell: f.pOverCell,
    sort: (p) => num(p.prediction?.p_over),
    numeric: true,
    firstDir: 'desc',
    optional: true,
  },
  {
    id: 'market',
    label: 'Mkt',
    title: "the market's no-vig probability of the over",
    cell: f.marketCell,
    sort: (p) => num(f.mainProp(p)?.no_vig_p_over),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'laptop',
    optional: true,
  },
  {
    id: 'pick',
    label: 'Pick',
    title: 'OVER, UNDER, or PASS with its reason',
    cell: f.pickCell,
    sort: (p) => (p.prediction ? (PICK_ORDER[p.prediction.recommendation] ?? 4) : null),
    firstDir: 'asc',
  },
  {
    id: 'ev',
    label: 'EV',
    title: 'expected value per unit staked at the price taken',
    cell: f.evCell,
    sort: (p) => num(p.prediction?.ev),
    numeric: true,
    firstDir: 'desc',
    optional: true,
  },
  {
    id: 'stake',
    label: 'Stake',
    title: 'fractional-Kelly stake, share of bankroll',
    cell: f.stakeCell,
    sort: (p) => (f.isPick(p) ? num(p.prediction?.stake_fraction) : null),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'laptop',
    optional: true,
  },
  {
    id: 'confidence',
    label: 'Conf',
    title: 'calibrated probability that the pick wins (picks only)',
    cell: f.confidenceCell,
    sort: (p) => num(p.prediction?.confidence),
    numeric: true,
    firstDir: 'desc',
    optional: true,
  },
  {
    id: 'season',
    label: 'Season',
    title: 'season points per game',
    cell: f.seasonCell,
    sort: (p) => num(p.season_ppg),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'phone',
  },
  {
    id: 'last5',
    label: 'L5',
    title: 'points per game, last 5 games',
    cell: f.last5Cell,
    sort: (p) => num(p.last_5_ppg),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'laptop',
  },
  {
    id: 'last10',
    label: 'L10 O-U',
    title: 'last 10 games over-under against each game’s consensus line',
    cell: f.last10Cell,
    sort: (p) => f.recordShare(p.last_10_record),
    numeric: true,
    firstDir: 'desc',
    hideBelow: 'phone',
  },
];

/** The columns to show for a set of players: optional columns only when some player has a value. */
export function visibleColumns(players: readonly PlayerView[]): { shown: Column[]; absent: Column[] } {
  const shown: Column[] = [];
  const absent: Column[] = [];
  for (const c of COLUMNS) {
    if (!c.optional || players.some((p) => c.sort(p) !== null)) shown.push(c);
    else absent.push(c);
  }
  return { shown, absent };
}

/**
 * Players sorted by a column (nulls last in both directions; ties keep the export's order). Likely
 * out players stay after the available ones, as the export orders them.
 */
export function sortPlayers(players: readonly PlayerView[], col: Column, dir: 'asc' | 'desc'): PlayerView[] {
  const sign = dir === 'asc' ? 1 : -1;
  return players
    .map((p, i) => ({ p, i, v: col.sort(p), out: f.isLikelyOut(p) ? 1 : 0 }))
    .sort((a, b) => {
      if (a.out !== b.out) return a.out - b.out;
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.p);
}
