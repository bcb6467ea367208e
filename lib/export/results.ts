/**
 * `v1/results/<date>.json` (and `latest.json`): what was published for a date and how it went.
 * Built from the graded rows (lib/warehouse/sql/grading.ts RESULT_ROWS):
 * - `lines`: every player published with a line, at his main line, with the ensemble's call (what
 *   all-players.json showed as the pick: OVER/UNDER/PASS), the actual points and minutes, how the
 *   points went against the line, and the result and profit of the call when it was a pick;
 * - `picks`: every OVER/UNDER of every system at every line of the ladder (`headline` marks the
 *   ensemble's main-line pick, `main_line` the other systems' main-line picks), with the price taken,
 *   the result (win/loss/push/void) and the profit of one unit at that price;
 * - `totals`: per system, at the main line and over all lines, with the report's own functions
 *   (lib/grading/report.ts pickResults): picks, wins, losses, pushes, voids, profit, ROI, hit rate
 *   next to the break-even of the prices taken.
 * Units: points and minutes per game, American odds, profit in units of one stake, rates 0-1.
 */
import type { LineResult, PickResult } from '../grading/grade';
import { pickResults, type ReportRow } from '../grading/report';
import { round } from '../model/stats';
import { pickTakenOf } from './pick';
import type { ExportRow } from './rows';
import type {
  PickTotals,
  ResultLine,
  ResultPick,
  ResultsDoc,
  ResultsGame,
  SystemTotals,
} from './schemas/results';

/** One row of RESULT_ROWS: a graded prediction (the export's columns) with its grading. */
export type ResultRow = Pick<
  ExportRow,
  | 'game_id'
  | 'player_lookup'
  | 'player_name'
  | 'team_abbr'
  | 'opponent_team_abbr'
  | 'is_home'
  | 'system_id'
  | 'line_key'
  | 'line_value'
  | 'is_main_line'
  | 'over_odds'
  | 'under_odds'
  | 'predicted_points'
  | 'recommendation'
  | 'pass_reason'
  | 'price_side'
  | 'price_odds'
  | 'price_book'
  | 'ev'
  | 'stake_fraction'
  | 'confidence_score'
  | 'p_over'
  | 'market_p_over'
  | 'availability_status'
> & {
  game_date: string;
  /** Null for a void. */
  actual_points: number | null;
  minutes: number | null;
  line_result: LineResult | null;
  result: PickResult | null;
  profit_units: number | null;
  batch_id: string | null;
  graded_at: string;
};

/** The report's view of a played row (lib/grading/report.ts measures played rows only). */
export function asReportRow(r: ResultRow & { actual_points: number }): ReportRow {
  return {
    game_date: r.game_date,
    system_id: r.system_id,
    line_value: r.line_value,
    is_main_line: r.is_main_line,
    actual_points: r.actual_points,
    predicted_points: r.predicted_points,
    p_over: r.p_over,
    market_p_over: r.market_p_over,
    recommendation: r.recommendation,
    pass_reason: r.pass_reason,
    price_side: r.price_side,
    price_odds: r.price_odds,
    over_odds: r.over_odds,
    under_odds: r.under_odds,
    ev: r.ev,
  };
}

export type { PickTotals, ResultLine, ResultPick, ResultsDoc, ResultsGame, SystemTotals };

/** Decimals of profits and rates in this document. */
export const RESULTS_DECIMALS = 4;

const HEADLINE_SYSTEM = 'ensemble_v1';
const isPick = (r: ResultRow): r is ResultRow & { recommendation: 'OVER' | 'UNDER' } =>
  r.recommendation === 'OVER' || r.recommendation === 'UNDER';
const r4 = (x: number | null) => round(x, RESULTS_DECIMALS);
const wasPlayed = <R extends ResultRow>(r: R): r is R & { actual_points: number } => r.actual_points !== null;

/** Totals of the pick rows among `rows` (voids counted, everything else from pickResults). */
export function pickTotals(rows: readonly ResultRow[]): PickTotals {
  const picks = rows.filter(isPick);
  const res = pickResults(picks.filter(wasPlayed).map(asReportRow));
  return {
    picks: picks.length,
    wins: res.wins,
    losses: res.losses,
    pushes: res.pushes,
    voids: picks.filter((r) => r.result === 'void').length,
    profit_units: r4(picks.reduce((a, r) => a + (r.profit_units ?? 0), 0)) ?? 0,
    roi: r4(res.roi_best_price.value),
    hit_rate: r4(res.hit_rate.value),
    break_even: r4(res.break_even),
  };
}

/** Who a line or pick is about: his game, name (the lookup when the row has none), team, venue. */
const playerOf = (r: ResultRow) => ({
  game_id: r.game_id,
  player_lookup: r.player_lookup,
  name: r.player_name ?? r.player_lookup,
  team: r.team_abbr,
  opponent: r.opponent_team_abbr,
  is_home: r.is_home,
});

/** Builds the document from the graded rows of a date and its games. */
export function buildResults(args: {
  gameDate: string;
  generatedAt: string;
  status: 'complete' | 'partial';
  games: readonly ResultsGame[];
  rows: readonly ResultRow[];
  players: { graded: number; played: number; did_not_play: number };
}): ResultsDoc {
  const rows = args.rows;
  const systems = [...new Set(rows.map((r) => r.system_id))].sort();
  const graded = rows.map((r) => r.graded_at).sort();
  return {
    game_date: args.gameDate,
    generated_at: args.generatedAt,
    graded_at: graded.length > 0 ? graded[graded.length - 1] : null,
    status: args.status,
    games: [...args.games],
    missing_games: args.games.filter((g) => !g.box_score_loaded).map((g) => g.game_id),
    players: args.players,
    totals: systems.map((system_id) => {
      const own = rows.filter((r) => r.system_id === system_id);
      return {
        system_id,
        main_line: pickTotals(own.filter((r) => r.is_main_line === true)),
        all_lines: pickTotals(own),
      };
    }),
    lines: rows
      .filter((r) => r.system_id === HEADLINE_SYSTEM && r.is_main_line === true && r.line_value !== null)
      .map((r) => ({
        ...playerOf(r),
        line: r.line_value,
        over_odds: r.over_odds,
        under_odds: r.under_odds,
        predicted: r.predicted_points,
        recommendation: r.recommendation,
        pass_reason: r.pass_reason,
        actual_points: r.actual_points,
        minutes: r.minutes,
        played: wasPlayed(r),
        line_result: r.line_result,
        result: r.result,
        profit_units: r4(r.profit_units),
      })),
    picks: rows.filter(isPick).map((r) => ({
      ...playerOf(r),
      system_id: r.system_id,
      headline: r.system_id === HEADLINE_SYSTEM && r.is_main_line === true,
      main_line: r.is_main_line === true,
      line: r.line_value,
      ...pickTakenOf(r),
      predicted: r.predicted_points,
      actual_points: r.actual_points,
      minutes: r.minutes,
      result: r.result,
      profit_units: r4(r.profit_units),
    })),
  };
}
