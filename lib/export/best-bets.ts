/**
 * `v1/best-bets/<date>.json`: the slate's picks (every system, every line of the ladder, each
 * player from his newest consolidated run: EXPORT_ROWS) ranked by expected value at the price
 * taken, each with how similar picks did so far.
 *
 * "Similar" = same system and same EV band (EV_BANDS), among the graded picks of the season on
 * dates strictly before the slate (point in time: nothing of the slate itself). Their results are
 * the report's own (lib/grading/report.ts pickResults): picks, W-L-P, hit rate next to the
 * break-even of their prices, ROI at the price taken, with slate-bootstrap 95% intervals.
 */
import { pickResults, type ReportRow } from '../grading/report';
import type { ScheduleGame } from '../slate/select';
import { pickTakenOf } from './pick';
import type { ExportRow } from './rows';
import type { BestBet, BestBetsDoc, SimilarPicks } from './schemas/best-bets';
import { tipOff } from './tonight';

/**
 * Lower edges of the EV bands (EV per unit staked). 0.03 is the pick threshold and 0.06 the
 * questionable player's (lib/model/probability-constants.ts DECISION); the bands above double.
 */
export const EV_BANDS = [0.03, 0.06, 0.12, 0.24] as const;

/** Picks listed (the rest are counted in total_picks). */
export const BEST_BETS_LIMIT = 100;

/** The band of an EV, e.g. "0.06-0.12", "0.24+"; "<0.03" below the first edge; null without an EV. */
export function evBand(ev: number | null | undefined): string | null {
  if (ev === null || ev === undefined || !Number.isFinite(ev)) return null;
  if (ev < EV_BANDS[0]) return `<${EV_BANDS[0].toFixed(2)}`;
  for (let i = EV_BANDS.length - 1; i >= 0; i -= 1) {
    if (ev >= EV_BANDS[i]) {
      const next = EV_BANDS[i + 1];
      return next === undefined
        ? `${EV_BANDS[i].toFixed(2)}+`
        : `${EV_BANDS[i].toFixed(2)}-${next.toFixed(2)}`;
    }
  }
  return null;
}

export type { BestBet, BestBetsDoc, SimilarPicks };

const isPick = <R extends { recommendation: string }>(r: R): r is R & { recommendation: 'OVER' | 'UNDER' } =>
  r.recommendation === 'OVER' || r.recommendation === 'UNDER';

function similar(systemId: string, band: string | null, history: readonly ReportRow[]): SimilarPicks {
  const res = pickResults(history.filter((r) => r.system_id === systemId && evBand(r.ev) === band));
  return {
    system_id: systemId,
    ev_band: band,
    picks: res.picks,
    wins: res.wins,
    losses: res.losses,
    pushes: res.pushes,
    hit_rate: res.hit_rate,
    break_even: res.break_even,
    roi: res.roi_best_price,
  };
}

/**
 * Builds the document. `history` = graded rows of [similarFrom, similarTo]; rows dated on or after
 * the slate are ignored even if passed.
 */
export function buildBestBets(args: {
  gameDate: string;
  generatedAt: string;
  similarFrom: string;
  similarTo: string;
  games: readonly ScheduleGame[];
  rows: readonly ExportRow[];
  history: readonly ReportRow[];
  limit?: number;
}): BestBetsDoc {
  const history = args.history.filter((r) => r.game_date < args.gameDate && isPick(r));
  const gameById = new Map(args.games.map((g) => [g.game_id, g]));
  const picks = args.rows
    .filter(isPick)
    .sort(
      (a, b) =>
        (b.ev ?? -Infinity) - (a.ev ?? -Infinity) ||
        (b.stake_fraction ?? 0) - (a.stake_fraction ?? 0) ||
        a.player_lookup.localeCompare(b.player_lookup) ||
        a.system_id.localeCompare(b.system_id) ||
        a.line_key - b.line_key,
    );
  const cache = new Map<string, SimilarPicks>();
  const similarOf = (systemId: string, band: string | null) => {
    const key = `${systemId}|${band}`;
    let s = cache.get(key);
    if (!s) {
      s = similar(systemId, band, history);
      cache.set(key, s);
    }
    return s;
  };
  return {
    game_date: args.gameDate,
    generated_at: args.generatedAt,
    similar_from: args.similarFrom,
    similar_to: args.similarTo,
    similar_definition:
      'graded picks of the same system in the same EV band, on dates of the season before this slate',
    batch_ids: [...new Set(args.rows.map((r) => r.batch_id))].sort(),
    total_picks: picks.length,
    picks: picks.slice(0, args.limit ?? BEST_BETS_LIMIT).map((r, i) => {
      const g = gameById.get(r.game_id);
      const band = evBand(r.ev);
      return {
        rank: i + 1,
        game_id: r.game_id,
        ...tipOff(g ?? { commence_time: null }),
        home_team: g?.home_team ?? null,
        away_team: g?.away_team ?? null,
        player_lookup: r.player_lookup,
        name: r.player_name ?? r.player_lookup,
        team: r.team_abbr,
        opponent: r.opponent_team_abbr,
        is_home: r.is_home,
        system_id: r.system_id,
        line: r.line_value,
        main_line: r.is_main_line === true,
        ...pickTakenOf(r),
        predicted: r.predicted_points,
        availability: r.availability_status,
        ev_band: band,
        similar: similarOf(r.system_id, band),
      };
    }),
  };
}
