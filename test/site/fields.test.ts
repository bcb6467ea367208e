/**
 * The page scripts' field functions (site/src), in node: each field of a player renders to the
 * text a person sees, planned fields render when present and "-" when absent or null.
 */
import { COLUMNS, sortPlayers, visibleColumns } from '../../site/src/columns';
import * as cf from '../../site/src/card-fields';
import * as f from '../../site/src/fields';
import { DASH, longDate, odds, passReason, percent, signed, signedPercent } from '../../site/src/format';
import type {
  BacktestReportView,
  PlayerCardView,
  PlayerView,
  SiteManifestView,
  TonightView,
} from '../../site/src/types';
import type { PlayerDoc } from '../../lib/export/schemas/player';
import type { SiteManifest } from '../../lib/export/schemas/site';
import type { TonightDoc } from '../../lib/export/schemas/tonight';
import type { BacktestReport } from '../../lib/grading/report-markdown';

// The exported documents (their types derive from the zod schemas the exporter validates with,
// lib/export/schemas/) must stay readable by the pages: these fail to compile when a field the
// pages read changes type or disappears.
export const tonightIsReadable = (d: TonightDoc): TonightView => d;
export const cardIsReadable = (d: PlayerDoc): PlayerCardView => d;
export const siteIsReadable = (d: SiteManifest): SiteManifestView => d;
export const backtestIsReadable = (d: BacktestReport): BacktestReportView => d;

/** Nikola Jokić on 2025-12-05 in an export before prices and probabilities (none of the newer fields). */
const jokic: PlayerView = {
  player_lookup: 'nikolajokic',
  name: 'Nikola Jokić',
  team: 'DEN',
  is_home: false,
  has_line: true,
  days_rest: 1,
  season_ppg: 28.7,
  season_mpg: 34.9,
  last_5_ppg: 23.4,
  last_10_points: [24, 29, 26, 21, 17, 44, 34, 28, 36, 27],
  games_played: 21,
  limited_data: false,
  props: [{ stat_type: 'points', line: 29.5, over_odds: -114, under_odds: -115 }],
  last_10_results: ['U', 'U', 'U', 'U', 'U', 'O', 'O', 'U', 'O', 'U'],
  last_10_record: '3-7',
  prediction: { predicted: 25.84, confidence: 0.726, recommendation: 'UNDER' },
};

/** The same player with every field of the export contract, as a pick. */
const planned: PlayerView = {
  ...jokic,
  opponent: 'ATL',
  availability: { status: 'questionable', reasons: ['missed the team’s last game'] },
  props: [
    {
      stat_type: 'points',
      line: 29.5,
      books: 7,
      over_odds: -105,
      over_book: 'fanduel',
      under_odds: 102,
      under_book: 'draftkings',
      no_vig_p_over: 0.488,
    },
  ],
  prediction: {
    predicted: 25.84,
    edge: -3.66,
    p_over: 0.371,
    p_under: 0.629,
    p_push: null,
    recommendation: 'UNDER',
    pass_reason: null,
    ev: 0.2707,
    price: { odds: 102, book: 'draftkings' },
    stake_fraction: 0.0125,
    confidence: 0.629,
  },
};

const noLine: PlayerView = {
  ...jokic,
  player_lookup: 'jaxsonhayes',
  name: 'Jaxson Hayes',
  has_line: false,
  props: undefined,
  last_10_record: null,
  prediction: { predicted: 5.19, confidence: 0.81, recommendation: 'NO_LINE' },
};

describe('formatting', () => {
  it('formats odds, signed points, probabilities and EV as a bettor reads them', () => {
    expect([odds(-110), odds(125), odds(null), odds(Number.NaN)]).toEqual(['-110', '+125', DASH, DASH]);
    expect([signed(1.234), signed(-0.7), signed(0), signed(-0.04), signed(undefined)]).toEqual([
      '+1.2',
      '-0.7',
      '0.0',
      '0.0',
      DASH,
    ]);
    expect([percent(0.512), percent(null), signedPercent(-0.031), signedPercent(0.2707)]).toEqual([
      '51.2%',
      DASH,
      '-3.1%',
      '+27.1%',
    ]);
    expect(longDate('2025-12-05')).toBe('Fri, Dec 5, 2025');
  });

  it('names pass reasons in words, unknown codes as lower-case words', () => {
    expect(passReason('NEGATIVE_EV')).toBe('negative EV');
    expect(passReason('LIKELY_OUT')).toBe('likely out');
    expect(passReason('INSUFFICIENT_SIMILAR_GAMES: 3 past games score >= 70; 5 needed')).toBe(
      'too few similar games',
    );
    expect(passReason('SOME_NEW_REASON')).toBe('some new reason');
    expect(passReason(null)).toBe(DASH);
  });
});

describe("a player row of tonight's page", () => {
  it('renders an older export: line, median odds, predicted, edge from predicted - line, pick', () => {
    expect(f.nameCell(jokic)).toEqual({
      text: 'Nikola Jokić',
      href: 'player.html?p=nikolajokic',
      badges: [],
    });
    expect(f.lineCell(jokic).text).toBe('29.5');
    expect([f.overCell(jokic).text, f.underCell(jokic).text]).toEqual(['-114', '-115']);
    expect(f.edgeOf(jokic)).toBe(-3.66); // 25.84 - 29.5
    expect(f.edgeCell(jokic)).toEqual({ text: '-3.7', cls: 'num neg' });
    expect(f.pickCell(jokic).text).toBe('UNDER');
    expect([f.pOverCell(jokic).text, f.evCell(jokic).text, f.stakeCell(jokic).text]).toEqual([
      DASH,
      DASH,
      DASH,
    ]);
    expect(f.confidenceCell(jokic).text).toBe('73%');
    expect(f.last10Cell(jokic).text).toBe('3-7');
  });

  it('renders the newer fields when present: best price and book, P(over), EV, stake, availability', () => {
    expect(f.teamCell(planned).text).toBe('DEN');
    expect(f.lineCell(planned).title).toBe('7 books post this line');
    expect([f.overCell(planned), f.underCell(planned)]).toEqual([
      { text: '-105', cls: 'num', badges: [{ text: 'fanduel', cls: 'book' }] },
      { text: '+102', cls: 'num', badges: [{ text: 'draftkings', cls: 'book' }] },
    ]);
    expect(f.pOverCell(planned)).toEqual({
      text: '37.1%',
      title: 'P(under) 62.9%, market no-vig P(over) 48.8%',
      cls: 'num',
    });
    expect(f.pickCell(planned)).toEqual({ text: 'UNDER', title: 'at +102 draftkings', cls: 'under' });
    expect(f.evCell(planned).text).toBe('+27.1%');
    expect(f.stakeCell(planned).text).toBe('1.3%');
    expect(f.nameCell(planned).badges).toEqual([
      { text: 'questionable', cls: 'badge warn', title: 'missed the team’s last game' },
    ]);
  });

  it("shows Jokić's PASS as the 2025-12-05 export has it: the reason, its detail and the better side's EV", () => {
    const pass: PlayerView = {
      ...planned,
      availability: { status: 'active', reasons: [] },
      prediction: {
        predicted: 29.16,
        edge: -0.34,
        p_over: 0.4919,
        p_under: 0.5081,
        p_push: null,
        recommendation: 'PASS',
        pass_reason: 'NO_EDGE',
        pass_detail: 'best EV -0.006 (OVER +102 at betrivers) < 0.030',
        ev: -0.0064,
        price: { side: 'OVER', odds: 102, book: 'betrivers' },
        stake_fraction: 0,
        confidence: null,
      },
    };
    expect(f.pickCell(pass)).toEqual({
      text: 'PASS · EV too small',
      title: 'best EV -0.006 (OVER +102 at betrivers) < 0.030',
      cls: 'pass',
    });
    expect([f.evCell(pass).text, f.pOverCell(pass).text, f.confidenceCell(pass).text]).toEqual([
      '-0.6%',
      '49.2%',
      DASH,
    ]);
    expect(f.edgeCell(pass).text).toBe('-0.3');
    expect(f.nameCell(pass).badges).toEqual([]);
  });

  it('shows a PASS with its reason, a likely-out player and a player without a line', () => {
    const out: PlayerView = {
      ...planned,
      availability: { status: 'likely_out', reasons: ['missed the team’s last 4 games'] },
      prediction: { ...planned.prediction!, recommendation: 'PASS', pass_reason: 'LIKELY_OUT', ev: null },
    };
    expect(f.pickCell(out)).toEqual({ text: 'PASS · likely out', title: 'LIKELY_OUT', cls: 'pass' });
    expect(f.nameCell(out).badges?.[0]).toMatchObject({ text: 'likely out', cls: 'badge out' });
    expect(f.evCell(out).text).toBe(DASH);
    expect(f.lineCell(noLine)).toEqual({ text: DASH, title: 'no line tonight', cls: 'num muted' });
    expect([f.overCell(noLine).text, f.edgeCell(noLine).text, f.pickCell(noLine).text]).toEqual([
      DASH,
      DASH,
      'no line',
    ]);
    expect(f.last10Cell(noLine).text).toBe(DASH);
  });

  it('shows a name with accents as given and a player with no numbers as dashes', () => {
    const empty: PlayerView = {
      ...noLine,
      name: 'Luka Dončić',
      season_ppg: null,
      season_mpg: null,
      last_5_ppg: null,
      last_10_points: [],
      prediction: undefined,
    };
    expect(f.nameCell(empty).text).toBe('Luka Dončić');
    expect(COLUMNS.map((c) => c.cell(empty).text).slice(2)).toEqual(COLUMNS.slice(2).map(() => DASH));
  });
});

describe('columns and sorting', () => {
  it('hides optional columns nobody has a value for and shows them once a player has one', () => {
    expect(visibleColumns([jokic, noLine]).absent.map((c) => c.id)).toEqual([
      'p_over',
      'market',
      'ev',
      'stake',
    ]);
    expect(visibleColumns([jokic, planned]).absent).toEqual([]);
    const noPick = {
      ...planned,
      prediction: { ...planned.prediction!, recommendation: 'PASS', confidence: null },
    };
    expect(visibleColumns([noPick]).absent.map((c) => c.id)).toEqual(['stake', 'confidence']);
  });

  it('sorts by edge both ways with missing values last and likely-out players after the others', () => {
    const a = { ...jokic, player_lookup: 'a', prediction: { ...jokic.prediction!, predicted: 31.5 } }; // +2.0
    const b = { ...jokic, player_lookup: 'b', prediction: { ...jokic.prediction!, predicted: 29.0 } }; // -0.5
    const out: PlayerView = { ...a, player_lookup: 'out', availability: { status: 'likely_out' } };
    const edge = COLUMNS.find((c) => c.id === 'edge')!;
    const ids = (ps: PlayerView[]) => ps.map((p) => p.player_lookup);
    expect(ids(sortPlayers([noLine, b, out, jokic, a], edge, 'desc'))).toEqual([
      'a',
      'b',
      'nikolajokic',
      'jaxsonhayes',
      'out',
    ]);
    expect(ids(sortPlayers([noLine, b, out, jokic, a], edge, 'asc'))).toEqual([
      'nikolajokic',
      'b',
      'a',
      'jaxsonhayes',
      'out',
    ]);
    const name = COLUMNS.find((c) => c.id === 'name')!;
    expect(ids(sortPlayers([jokic, noLine], name, 'asc'))).toEqual(['jaxsonhayes', 'nikolajokic']);
  });
});

describe("a player's card", () => {
  it('renders ladder lines with and without prices, systems with their skip reasons, recent games', () => {
    expect(cf.ladderRow({ line: 29.5, recommendation: 'UNDER', edge: -3.66 }).map((c) => c.text)).toEqual([
      '29.5',
      DASH,
      DASH,
      DASH,
      DASH,
      DASH,
      '-3.7',
      'UNDER',
      DASH,
    ]);
    const priced = cf.ladderRow({
      line: 31.5,
      recommendation: 'PASS',
      edge: -5.66,
      books: null,
      over_odds: null,
      under_odds: null,
      pass_reason: 'NO_PRICE',
      p_over: 0.22,
      ev: null,
    });
    expect(priced.map((c) => c.text)).toEqual([
      '31.5',
      DASH,
      DASH,
      DASH,
      DASH,
      '22.0%',
      '-5.7',
      'PASS · no price',
      DASH,
    ]);
    const skipped = cf.systemRow({
      system_id: 'similarity_balanced_v1',
      predicted: null,
      confidence: null,
      recommendation: 'PASS',
      edge: null,
      skip_reason: 'INSUFFICIENT_SIMILAR_GAMES: 3 past games score >= 70; 5 needed',
    });
    expect(skipped.map((c) => c.text)).toEqual([
      'similarity_balanced_v1',
      DASH,
      DASH,
      DASH,
      'PASS',
      DASH,
      DASH,
      'too few similar games',
    ]);
    expect(
      cf.recentRow({ game_date: '2025-12-03', points: 24, minutes: 35.3 }, 'U').map((c) => c.text),
    ).toEqual(['2025-12-03', '24', '35.3', DASH, 'U']);
  });
});
