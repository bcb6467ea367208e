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
import { pickResults, type ReportRow } from '../grading/report';
import type { PickResult } from '../grading/grade';
import { round } from '../model/stats';

/** One row of RESULT_ROWS: a graded prediction with what the report measures. */
export interface ResultRow {
  game_date: string;
  game_id: string;
  player_lookup: string;
  player_name: string | null;
  team_abbr: string | null;
  opponent_team_abbr: string | null;
  is_home: boolean | null;
  system_id: string;
  line_key: number;
  line_value: number | null;
  is_main_line: boolean | null;
  /** Consensus (median) prices of the row's line. */
  over_odds: number | null;
  under_odds: number | null;
  predicted_points: number | null;
  recommendation: string;
  pass_reason: string | null;
  price_side: string | null;
  /** The price the pick took (null without a pick). */
  price_odds: number | null;
  price_book: string | null;
  ev: number | null;
  stake_fraction: number | null;
  confidence_score: number | null;
  p_over: number | null;
  market_p_over: number | null;
  availability_status: string | null;
  /** Null for a void. */
  actual_points: number | null;
  minutes: number | null;
  line_result: string | null;
  result: PickResult | null;
  profit_units: number | null;
  batch_id: string | null;
  graded_at: string;
}

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

/** A game of the date. */
export interface ResultsGame {
  game_id: string;
  home_team: string | null;
  away_team: string | null;
  /** False when its box scores were not loaded at grading time (its players are not graded). */
  box_score_loaded: boolean;
}

/** Totals of a set of picks. */
export interface PickTotals {
  picks: number;
  wins: number;
  losses: number;
  pushes: number;
  voids: number;
  /** Sum of the profits at the prices taken, units. */
  profit_units: number;
  /** Profit per unit staked (voids refunded, so not staked), as the report computes it. */
  roi: number | null;
  /** wins / (wins + losses). */
  hit_rate: number | null;
  /** Mean implied probability of the prices taken. */
  break_even: number | null;
}

/** One system's totals. */
export interface SystemTotals {
  system_id: string;
  main_line: PickTotals;
  all_lines: PickTotals;
}

/** A pick and how it went. */
export interface ResultPick {
  game_id: string;
  player_lookup: string;
  name: string;
  team: string | null;
  opponent: string | null;
  is_home: boolean | null;
  system_id: string;
  /** The ensemble's pick at the main line: the pick all-players.json showed. */
  headline: boolean;
  main_line: boolean;
  line: number | null;
  pick: string;
  price_odds: number | null;
  price_book: string | null;
  ev: number | null;
  stake_fraction: number | null;
  /** Calibrated probability that the pick wins, 0-1. */
  p_win: number | null;
  predicted: number | null;
  actual_points: number | null;
  minutes: number | null;
  result: PickResult | null;
  profit_units: number | null;
}

/** A published line (the ensemble's main-line row of a player) and how the points went. */
export interface ResultLine {
  game_id: string;
  player_lookup: string;
  name: string;
  team: string | null;
  opponent: string | null;
  is_home: boolean | null;
  line: number | null;
  over_odds: number | null;
  under_odds: number | null;
  predicted: number | null;
  recommendation: string;
  pass_reason: string | null;
  actual_points: number | null;
  minutes: number | null;
  /** False for a void: no box-score row with minutes > 0. */
  played: boolean;
  /** OVER, UNDER or PUSH; null for a void. */
  line_result: string | null;
  /** Of the call when it was a pick; null for a PASS. */
  result: PickResult | null;
  profit_units: number | null;
}

/** The document. */
export interface ResultsDoc {
  game_date: string;
  generated_at: string;
  /** Latest grading of these rows, ISO. */
  graded_at: string | null;
  /** complete, or partial when some games' box scores were still missing at the deadline. */
  status: 'complete' | 'partial';
  games: ResultsGame[];
  missing_games: string[];
  players: { graded: number; played: number; did_not_play: number };
  totals: SystemTotals[];
  lines: ResultLine[];
  picks: ResultPick[];
}

/** Decimals of profits and rates in this document. */
export const RESULTS_DECIMALS = 4;

const HEADLINE_SYSTEM = 'ensemble_v1';
const isPick = (r: ResultRow) => r.recommendation === 'OVER' || r.recommendation === 'UNDER';
const r4 = (x: number | null) => round(x, RESULTS_DECIMALS);
const wasPlayed = (r: ResultRow): r is ResultRow & { actual_points: number } => r.actual_points !== null;

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

const nameOf = (r: ResultRow) => r.player_name ?? r.player_lookup;

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
        game_id: r.game_id,
        player_lookup: r.player_lookup,
        name: nameOf(r),
        team: r.team_abbr,
        opponent: r.opponent_team_abbr,
        is_home: r.is_home,
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
      game_id: r.game_id,
      player_lookup: r.player_lookup,
      name: nameOf(r),
      team: r.team_abbr,
      opponent: r.opponent_team_abbr,
      is_home: r.is_home,
      system_id: r.system_id,
      headline: r.system_id === HEADLINE_SYSTEM && r.is_main_line === true,
      main_line: r.is_main_line === true,
      line: r.line_value,
      pick: r.recommendation,
      price_odds: r.price_odds,
      price_book: r.price_book,
      ev: r.ev,
      stake_fraction: r.stake_fraction,
      p_win: r.confidence_score,
      predicted: r.predicted_points,
      actual_points: r.actual_points,
      minutes: r.minutes,
      result: r.result,
      profit_units: r4(r.profit_units),
    })),
  };
}
