/**
 * One small function per field of a player row: each takes a player of `tonight/all-players.json`
 * and returns what its cell shows (text, a tooltip, a style class) and the value it sorts by.
 * Planned fields (availability, best prices, probabilities, EV, pass reasons) render when present
 * and as "-" when absent or null. Pure: no DOM, tested by jest.
 */
import {
  DASH,
  availabilityLabel,
  fixed,
  isNum,
  oddsAt,
  passReason,
  percent,
  signed,
  signedPercent,
} from './format.js';
import type { PlayerView, PropView } from './types.js';

/** What a cell shows. `cls` is a CSS class; `href` makes the text a link. */
export interface Cell {
  text: string;
  title?: string;
  cls?: string;
  href?: string;
  /** Short labels shown after the text (e.g. "likely out"). */
  badges?: Array<{ text: string; cls: string; title?: string }>;
}

/** The main points prop of a player, or null without a line. */
export function mainProp(p: PlayerView): PropView | null {
  return p.props?.find((x) => x.stat_type === 'points') ?? null;
}

/** The edge, points: the export's `prediction.edge`, else predicted - line when both exist. */
export function edgeOf(p: PlayerView): number | null {
  const e = p.prediction?.edge;
  if (isNum(e)) return e;
  const line = mainProp(p)?.line;
  const pred = p.prediction?.predicted;
  return isNum(line) && isNum(pred) ? Math.round((pred - line) * 100) / 100 : null;
}

/** True when the player is marked likely out. */
export function isLikelyOut(p: PlayerView): boolean {
  return p.availability?.status === 'likely_out';
}

/** Link to the player's card. */
export function playerHref(lookup: string): string {
  return `player.html?p=${encodeURIComponent(lookup)}`;
}

/** Name, linked to the card, with availability and limited-data badges. */
export function nameCell(p: PlayerView): Cell {
  const badges: NonNullable<Cell['badges']> = [];
  const status = availabilityLabel(p.availability?.status);
  if (status) {
    badges.push({
      text: status,
      cls: `badge ${p.availability?.status === 'likely_out' ? 'out' : 'warn'}`,
      title: (p.availability?.reasons ?? []).join('; ') || undefined,
    });
  }
  if (p.limited_data)
    badges.push({ text: 'limited data', cls: 'badge muted', title: `${p.games_played} games this season` });
  return { text: p.name, href: playerHref(p.player_lookup), badges };
}

/** Team (the game's heading and the card name the opponent). */
export function teamCell(p: PlayerView): Cell {
  return { text: p.team ?? DASH };
}

/** The consensus line, with the number of books posting it as a tooltip. */
export function lineCell(p: PlayerView): Cell {
  const prop = mainProp(p);
  if (!prop) return { text: DASH, title: 'no line tonight', cls: 'num muted' };
  return {
    text: fixed(prop.line, 1),
    title: isNum(prop.books) ? `${prop.books} books post this line` : undefined,
  };
}

/** A price with its book on a second, smaller line: "+102" / "betrivers". */
export function priceCell(odds: number | null | undefined, book: string | null | undefined): Cell {
  const text = oddsAt(odds, null);
  return { text, cls: 'num', badges: text !== DASH && book ? [{ text: book, cls: 'book' }] : [] };
}

/** Best over price and its book (the median price in an export before best prices). */
export function overCell(p: PlayerView): Cell {
  const prop = mainProp(p);
  return priceCell(prop?.over_odds, prop?.over_book);
}

/** Best under price and its book. */
export function underCell(p: PlayerView): Cell {
  const prop = mainProp(p);
  return priceCell(prop?.under_odds, prop?.under_book);
}

/** Predicted points. */
export function predictedCell(p: PlayerView): Cell {
  return { text: fixed(p.prediction?.predicted, 1), cls: 'num' };
}

/** Edge, points (predicted - line). */
export function edgeCell(p: PlayerView): Cell {
  const e = edgeOf(p);
  return { text: signed(e, 1), cls: `num ${isNum(e) ? (e > 0 ? 'pos' : e < 0 ? 'neg' : '') : ''}`.trim() };
}

/** The model's P(over), with P(under), P(push) and the market's no-vig P(over) as a tooltip. */
export function pOverCell(p: PlayerView): Cell {
  const pr = p.prediction;
  const market = mainProp(p)?.no_vig_p_over;
  const parts = [
    isNum(pr?.p_under) ? `P(under) ${percent(pr?.p_under)}` : '',
    isNum(pr?.p_push) ? `P(push) ${percent(pr?.p_push)}` : '',
    isNum(market) ? `market no-vig P(over) ${percent(market)}` : '',
  ].filter(Boolean);
  return { text: percent(pr?.p_over), title: parts.join(', ') || undefined, cls: 'num' };
}

/** The market's no-vig P(over) at the line. */
export function marketCell(p: PlayerView): Cell {
  return { text: percent(mainProp(p)?.no_vig_p_over), cls: 'num' };
}

/** The pick: OVER / UNDER, or PASS with its reason, or "no line". */
export function pickCell(p: PlayerView): Cell {
  const pr = p.prediction;
  if (!pr) return { text: DASH, title: 'no prediction', cls: 'muted' };
  const rec = pr.recommendation;
  if (rec === 'NO_LINE') return { text: 'no line', cls: 'muted' };
  if (rec === 'PASS') {
    const reason = pr.pass_reason ? passReason(pr.pass_reason) : '';
    return {
      text: reason ? `PASS · ${reason}` : 'PASS',
      title: pr.pass_detail ?? pr.pass_reason ?? undefined,
      cls: 'pass',
    };
  }
  const price = pr.price ? oddsAt(pr.price.odds, pr.price.book) : '';
  return {
    text: rec,
    title: price && price !== DASH ? `at ${price}` : undefined,
    cls: rec === 'OVER' ? 'over' : rec === 'UNDER' ? 'under' : '',
  };
}

/** Expected value per unit staked at the pick's price, as a signed percentage. */
export function evCell(p: PlayerView): Cell {
  const ev = p.prediction?.ev;
  return {
    text: signedPercent(ev, 1),
    cls: `num ${isNum(ev) ? (ev > 0 ? 'pos' : ev < 0 ? 'neg' : '') : ''}`.trim(),
  };
}

/** Fractional-Kelly stake, share of bankroll; only a pick has one ("-" for a PASS's 0). */
export function stakeCell(p: PlayerView): Cell {
  return { text: isPick(p) ? percent(p.prediction?.stake_fraction, 1) : DASH, cls: 'num' };
}

/** True for an OVER or UNDER. */
export function isPick(p: PlayerView): boolean {
  return p.prediction?.recommendation === 'OVER' || p.prediction?.recommendation === 'UNDER';
}

/** Confidence: today's 0-1 score, later the calibrated P(the pick wins). */
export function confidenceCell(p: PlayerView): Cell {
  return { text: percent(p.prediction?.confidence, 0), cls: 'num' };
}

/** Season points per game. */
export function seasonCell(p: PlayerView): Cell {
  return { text: fixed(p.season_ppg, 1), title: `${fixed(p.season_mpg, 1)} min per game`, cls: 'num' };
}

/** Last 5 games' points per game. */
export function last5Cell(p: PlayerView): Cell {
  return { text: fixed(p.last_5_ppg, 1), cls: 'num' };
}

/** Last 10 games against their lines: the over-under record, the results (newest first) as a tooltip. */
export function last10Cell(p: PlayerView): Cell {
  const pts = (p.last_10_points ?? []).join(' ');
  const results = (p.last_10_results ?? []).join(' ');
  return {
    text: p.last_10_record ?? DASH,
    title: [pts && `points ${pts}`, results && `vs line ${results}`].filter(Boolean).join('; ') || undefined,
    cls: 'num',
  };
}

/** The over share of the last 10 record, 0-1 ("3-7" -> 0.3), for sorting. */
export function recordShare(record: string | null | undefined): number | null {
  const m = /^(\d+)-(\d+)$/.exec(record ?? '');
  if (!m) return null;
  const n = Number(m[1]) + Number(m[2]);
  return n > 0 ? Number(m[1]) / n : null;
}
