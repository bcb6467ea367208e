/**
 * The player card's rows: one small function per table row (systems, ladder, recent games), each
 * returning its cells. Planned fields render when present, "-" otherwise. Pure.
 */
import type { Cell } from './fields.js';
import { DASH, fixed, isNum, oddsAt, passReason, percent, signed, signedPercent } from './format.js';
import type { LadderView, PlayerCardView, PlayerView, RecentGameView, SystemView } from './types.js';

const sign = (x: number | null | undefined) =>
  isNum(x) ? (x > 0 ? 'num pos' : x < 0 ? 'num neg' : 'num') : 'num';

/** A recommendation with its pass reason: "PASS · no price", "UNDER", "no line". */
export function recommendationCell(rec: string, reason?: string | null): Cell {
  if (rec === 'NO_LINE') return { text: 'no line', cls: 'muted' };
  if (rec === 'PASS')
    return {
      text: reason ? `PASS · ${passReason(reason)}` : 'PASS',
      title: reason ?? undefined,
      cls: 'pass',
    };
  return { text: rec, cls: rec === 'OVER' ? 'over' : rec === 'UNDER' ? 'under' : '' };
}

/** Headers of {@link systemRow}. */
export const SYSTEM_HEADERS = ['System', 'Pred', 'Edge', 'P(over)', 'Pick', 'EV', 'Conf', 'Note'] as const;

/** A system at the main line; a system that could not predict shows its skip reason. */
export function systemRow(s: SystemView): Cell[] {
  return [
    { text: s.system_id },
    { text: fixed(s.predicted, 1), cls: 'num' },
    { text: signed(s.edge, 1), cls: sign(s.edge) },
    { text: percent(s.p_over), cls: 'num' },
    recommendationCell(s.recommendation, s.pass_reason),
    { text: signedPercent(s.ev), cls: sign(s.ev) },
    { text: percent(s.confidence, 0), cls: 'num' },
    {
      text: s.skip_reason ? passReason(s.skip_reason) : DASH,
      title: s.skip_reason ?? undefined,
      cls: 'muted',
    },
  ];
}

/** Headers of {@link ladderRow}. */
export const LADDER_HEADERS = [
  'Line',
  'Books',
  'Over',
  'Under',
  'Mkt P(over)',
  'P(over)',
  'Edge',
  'Pick',
  'EV',
] as const;

/** A line of the ladder (a line no book posts has no prices). */
export function ladderRow(l: LadderView): Cell[] {
  return [
    { text: fixed(l.line, 1), cls: 'num' },
    { text: isNum(l.books) ? String(l.books) : DASH, cls: 'num' },
    { text: oddsAt(l.over_odds, l.over_book), cls: 'num' },
    { text: oddsAt(l.under_odds, l.under_book), cls: 'num' },
    { text: percent(l.no_vig_p_over), cls: 'num' },
    {
      text: percent(l.p_over),
      cls: 'num',
      title: isNum(l.p_push) ? `P(push) ${percent(l.p_push)}` : undefined,
    },
    { text: signed(l.edge, 1), cls: sign(l.edge) },
    recommendationCell(l.recommendation, l.pass_reason),
    { text: signedPercent(l.ev), cls: sign(l.ev) },
  ];
}

/** Headers of {@link recentRow}. */
export const RECENT_HEADERS = ['Date', 'Points', 'Minutes', 'Line', 'O/U'] as const;

/** A past game, with that game's line and result when the export gives them. */
export function recentRow(g: RecentGameView, result?: string | null): Cell[] {
  const r = g.result ?? result ?? null;
  return [
    { text: g.game_date },
    { text: fixed(g.points, 0), cls: 'num' },
    { text: fixed(g.minutes, 1), cls: 'num' },
    { text: fixed(g.line, 1), cls: 'num' },
    { text: r ?? DASH, cls: r === 'O' ? 'over' : r === 'U' ? 'under' : 'muted' },
  ];
}

/** The card's player: his entry of all-players.json. */
export function cardPlayer(card: PlayerCardView): PlayerView {
  return card.summary;
}

/** Tonight's main line of the card, points, or null without a line. */
export function tonightLine(card: PlayerCardView): number | null {
  return card.summary.props?.[0]?.line ?? null;
}

/** "DEN @ ATL · 7:40 PM ET" for the card's game. */
export function matchup(card: PlayerCardView): string {
  const g = card.game;
  const vs =
    g.team && g.opponent ? `${g.team} ${g.is_home === false ? '@' : 'vs'} ${g.opponent}` : (g.team ?? DASH);
  return g.game_time ? `${vs} · ${g.game_time}` : vs;
}
