/**
 * The backtest's availability and early-season report, over the predictions of the newest batch of
 * each date (lib/warehouse/sql/backtest.ts BACKTEST_PREDICTIONS):
 *
 * - availability recall: of the predicted players who did not play, the share flagged `likely_out`
 *   or `questionable` (goal >= 70%); false-out share: of the players who then played 20+ minutes,
 *   the share flagged `likely_out` (goal <= 3%); for all players, lined players alone, and on the
 *   dates whose run had an injury report, with the report and with the heuristics alone;
 * - voids per system: predictions of players who did not play (not graded: no win, loss or MAE);
 * - the early-season split: lined MAE next to the line's MAE, for a player's first 10 games of the
 *   season (games_played_season < 10 before the game) and for the rest, per system.
 */
import { mean } from '../model/stats';
import { HEURISTICS_PREFIX } from '../slate/availability';

/** One main-line (or no-line) prediction of the backtest with its outcome. */
export interface BacktestPrediction {
  game_date: string;
  system_id: string;
  player_lookup: string;
  line_value: number | null;
  predicted_points: number | null;
  recommendation: string;
  pass_reason: string | null;
  availability_status: string | null;
  /** JSON array (ensemble rows only). */
  availability_reasons: string | null;
  /** Features JSON (ensemble rows only). */
  feature_json: string | null;
  absolute_error: number | null;
  actual_points: number | null;
  /** Minutes played; 0 when he did not play. */
  minutes: number;
  /** False when the player did not play (a void). */
  graded: boolean;
}

/**
 * Last date of the period the line-based rules were chosen on (lib/model/availability-constants.ts
 * LINE_GONE_MISSED_GAMES, LINED_MAX_STATUS): the 18 lined dates with an injury report. Later dates
 * are out of time for every availability rule.
 */
export const LINE_RULES_CHOSEN_THROUGH = '2025-11-07';

/** Minutes from which a player "played" for the false-out share. Source: the definition (20+). */
export const PLAYED_MINUTES = 20;

/** Recall and false-out share of one group of player-games. Rates 0-1, null on an empty group. */
export interface AvailabilityMetrics {
  players: number;
  did_not_play: number;
  flagged_did_not_play: number;
  /** flagged_did_not_play / did_not_play. */
  recall: number | null;
  played_20: number;
  likely_out_played_20: number;
  /** likely_out_played_20 / played_20. */
  false_out_share: number | null;
  /** Of the players flagged likely_out, the share who did not play. */
  likely_out_precision: number | null;
  by_status: Record<string, { players: number; did_not_play: number }>;
}

/** One player-game for the availability metrics. */
export interface PlayerGame {
  game_date: string;
  player_lookup: string;
  has_line: boolean;
  status: string;
  /** What the heuristics alone said, when an injury report decided the status. */
  heuristic_status: string | null;
  minutes: number;
  games_played_season: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Metrics of a group; `statusOf` picks which status is judged. */
export function availabilityMetrics(
  games: readonly PlayerGame[],
  statusOf: (g: PlayerGame) => string = (g) => g.status,
): AvailabilityMetrics {
  const dnp = games.filter((g) => g.minutes <= 0);
  const flagged = dnp.filter((g) => statusOf(g) !== 'active');
  const p20 = games.filter((g) => g.minutes >= PLAYED_MINUTES);
  const out20 = p20.filter((g) => statusOf(g) === 'likely_out');
  const outs = games.filter((g) => statusOf(g) === 'likely_out');
  const byStatus: Record<string, { players: number; did_not_play: number }> = {};
  for (const g of games) {
    const s = (byStatus[statusOf(g)] ??= { players: 0, did_not_play: 0 });
    s.players += 1;
    if (g.minutes <= 0) s.did_not_play += 1;
  }
  return {
    players: games.length,
    did_not_play: dnp.length,
    flagged_did_not_play: flagged.length,
    recall: ratio(flagged.length, dnp.length),
    played_20: p20.length,
    likely_out_played_20: out20.length,
    false_out_share: ratio(out20.length, p20.length),
    likely_out_precision: ratio(outs.filter((g) => g.minutes <= 0).length, outs.length),
    by_status: byStatus,
  };
}

function reasonsOf(json: string | null): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The player-games of the backtest (one per ensemble row). */
export function playerGames(rows: readonly BacktestPrediction[]): PlayerGame[] {
  return rows
    .filter((r) => r.system_id === 'ensemble_v1')
    .map((r) => {
      const h = reasonsOf(r.availability_reasons).find((x) => x.startsWith(HEURISTICS_PREFIX));
      let gps: number | null = null;
      try {
        const f = JSON.parse(r.feature_json ?? '{}') as { games_played_season?: number };
        gps = typeof f.games_played_season === 'number' ? f.games_played_season : null;
      } catch {
        gps = null;
      }
      return {
        game_date: r.game_date,
        player_lookup: r.player_lookup,
        has_line: r.line_value !== null,
        status: r.availability_status ?? 'active',
        heuristic_status: h ? h.slice(HEURISTICS_PREFIX.length) : null,
        minutes: r.minutes,
        games_played_season: gps,
      };
    });
}

/** MAE of a system and of the line on the same lined, graded rows. */
export interface SplitMae {
  predictions: number;
  mae: number | null;
  mae_of_line: number | null;
}

/** The early-season split of one system. */
export interface EarlySeasonSplit {
  system_id: string;
  first_10: SplitMae;
  rest: SplitMae;
}

/** Games of the season before the split (a player's first 10 games vs the rest). */
export const EARLY_SEASON_GAMES = 10;

function splitMae(rows: readonly BacktestPrediction[]): SplitMae {
  return {
    predictions: rows.length,
    mae: mean(rows.map((r) => r.absolute_error ?? 0)),
    mae_of_line: mean(rows.map((r) => Math.abs((r.line_value ?? 0) - (r.actual_points ?? 0)))),
  };
}

/** Per system: lined MAE vs the line's MAE, first 10 games of the season vs the rest. */
export function earlySeasonSplit(rows: readonly BacktestPrediction[]): EarlySeasonSplit[] {
  const gps = new Map(
    playerGames(rows).map((g) => [`${g.game_date}|${g.player_lookup}`, g.games_played_season]),
  );
  const systems = [...new Set(rows.map((r) => r.system_id))].sort();
  return systems.map((system_id) => {
    const rs = rows.filter(
      (r) => r.system_id === system_id && r.graded && r.line_value !== null && r.absolute_error !== null,
    );
    const early = (r: BacktestPrediction) =>
      (gps.get(`${r.game_date}|${r.player_lookup}`) ?? 0) < EARLY_SEASON_GAMES;
    return { system_id, first_10: splitMae(rs.filter(early)), rest: splitMae(rs.filter((r) => !early(r))) };
  });
}

/** Voids per system: predictions of players who did not play. */
export function voidsPerSystem(rows: readonly BacktestPrediction[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    out[r.system_id] ??= 0;
    if (!r.graded) out[r.system_id] += 1;
  }
  return out;
}

/** Counts of pass_reason codes of the ensemble's main rows (the part before `; ` or `: `). */
export function passReasonCounts(rows: readonly BacktestPrediction[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (r.system_id !== 'ensemble_v1' || r.pass_reason === null) continue;
    const code = r.pass_reason.split(/[;:]/)[0].trim();
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
}

/** The whole availability report of a backtest. */
export interface AvailabilityReport {
  all: AvailabilityMetrics;
  lined: AvailabilityMetrics;
  unlined: AvailabilityMetrics;
  /** Dates of the range with an official injury report (used by the run or not). */
  report_dates: string[];
  /** Dates after LINE_RULES_CHOSEN_THROUGH: out of time for every rule. */
  after_tuning: AvailabilityMetrics;
  with_report: AvailabilityMetrics;
  report_dates_heuristics_only: AvailabilityMetrics;
  /** Date -> the report days (ET) its run used. */
  report_days_used: Record<string, string[]>;
  voids_per_system: Record<string, number>;
  pass_reasons_ensemble: Record<string, number>;
  early_season: EarlySeasonSplit[];
}

/** Builds the report from the backtest's rows and the report days each date used. */
export function availabilityReport(
  rows: readonly BacktestPrediction[],
  reportDaysUsed: Record<string, string[]>,
  reportDates: readonly string[],
): AvailabilityReport {
  const games = playerGames(rows);
  const onReportDates = games.filter((g) => reportDates.includes(g.game_date));
  return {
    all: availabilityMetrics(games),
    lined: availabilityMetrics(games.filter((g) => g.has_line)),
    unlined: availabilityMetrics(games.filter((g) => !g.has_line)),
    report_dates: [...reportDates],
    after_tuning: availabilityMetrics(games.filter((g) => g.game_date > LINE_RULES_CHOSEN_THROUGH)),
    with_report: availabilityMetrics(onReportDates),
    report_dates_heuristics_only: availabilityMetrics(onReportDates, (g) => g.heuristic_status ?? g.status),
    report_days_used: reportDaysUsed,
    voids_per_system: voidsPerSystem(rows),
    pass_reasons_ensemble: passReasonCounts(rows),
    early_season: earlySeasonSplit(rows),
  };
}
