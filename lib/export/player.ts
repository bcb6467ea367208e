/**
 * `v1/tonight/player/<player_lookup>.json`: one player's card for tonight: the game, the line with
 * every book's prices, availability, quick numbers, the last 10 games against their lines, every
 * system at the main line and the ensemble across the ladder (each ladder line with its own market,
 * probabilities and decision).
 */
import { round } from '../model/stats';
import type { ScheduleGame } from '../slate/select';
import {
  exportedAvailability,
  exportedPrediction,
  exportedProp,
  type ExportedAvailability,
  type ExportedProp,
} from './market';
import { lastTenRecord, type PastLines } from './record';
import type { PlayerRows } from './rows';
import { gameTimeLabel, tonightPlayer, type TonightPlayer } from './tonight';

/** The per-player document. */
export interface PlayerDoc {
  player_lookup: string;
  name: string;
  game_date: string;
  generated_at: string;
  game: {
    game_id: string;
    team: string | null;
    opponent: string | null;
    is_home: boolean | null;
    game_time: string | null;
  };
  availability: ExportedAvailability;
  /** The main line's market: best price per side, every book, no-vig P(over). */
  line: ExportedProp | null;
  summary: TonightPlayer;
  quick_numbers: {
    season_ppg: number | null;
    season_mpg: number | null;
    last_5_ppg: number | null;
    last_10_ppg: number | null;
    last_10_mpg: number | null;
    games_played: number;
    days_rest: number | null;
    back_to_back: boolean;
  };
  /** Newest first; `line` is that game's consensus line (null when none), `result` O / U / -. */
  recent_games: Array<{
    game_date: string;
    points: number;
    minutes: number;
    line: number | null;
    result: string;
  }>;
  systems: Array<{
    system_id: string;
    model_version: string | null;
    predicted: number | null;
    p_over: number | null;
    recommendation: string;
    pass_reason: string | null;
    ev: number | null;
    edge: number | null;
    skip_reason: string | null;
  }>;
  /** The ensemble at each ladder line; a line no book posts has 0 books, null odds and PASS NO_PRICE. */
  ladder: Array<
    {
      line: number;
      books: number;
      over_odds: number | null;
      over_book: string | null;
      under_odds: number | null;
      under_book: string | null;
      no_vig_p_over: number | null;
    } & Pick<
      ReturnType<typeof exportedPrediction>,
      'p_over' | 'p_under' | 'p_push' | 'recommendation' | 'pass_reason' | 'ev' | 'edge'
    >
  >;
}

/** Builds one player's document. */
export function buildPlayerDoc(
  p: PlayerRows,
  game: ScheduleGame | undefined,
  gameDate: string,
  generatedAt: string,
  pastLines?: PastLines,
): PlayerDoc {
  const f = p.features;
  const first = p.rows[0];
  const e = p.ensemble;
  const dates = f.last_10_dates ?? [];
  const points = f.last_10_points ?? [];
  const minutes = f.last_10_minutes ?? [];
  const past = pastLines?.get(p.player_lookup);
  const record = lastTenRecord(dates, points, past);
  return {
    player_lookup: p.player_lookup,
    name: first?.player_name ?? p.player_lookup,
    game_date: gameDate,
    generated_at: generatedAt,
    game: {
      game_id: p.game_id,
      team: first?.team_abbr ?? null,
      opponent: first?.opponent_team_abbr ?? null,
      is_home: first?.is_home ?? null,
      game_time: game ? gameTimeLabel(game) : null,
    },
    availability: exportedAvailability(first),
    line: e ? exportedProp(e) : null,
    summary: tonightPlayer(p, pastLines),
    quick_numbers: {
      season_ppg: round(f.points_avg_this_season ?? null, 1),
      season_mpg: round(f.minutes_avg_this_season ?? null, 1),
      last_5_ppg: round(f.points_avg_last_5 ?? null, 1),
      last_10_ppg: round(f.points_avg_last_10 ?? null, 1),
      last_10_mpg: round(f.minutes_avg_last_10 ?? null, 1),
      games_played: f.games_played_season ?? 0,
      days_rest: f.days_rest ?? null,
      back_to_back: f.back_to_back ?? false,
    },
    recent_games: dates.map((d, i) => ({
      game_date: d,
      points: points[i] ?? 0,
      minutes: round(minutes[i] ?? 0, 1) ?? 0,
      line: past?.get(d) ?? null,
      result: record.results[i] ?? '-',
    })),
    systems: [...p.main.values()]
      .sort((a, b) => a.system_id.localeCompare(b.system_id))
      .map((r) => {
        const x = exportedPrediction(r);
        return {
          system_id: r.system_id,
          model_version: r.model_version,
          predicted: x.predicted,
          p_over: x.p_over,
          recommendation: x.recommendation,
          pass_reason: x.pass_reason,
          ev: x.ev,
          edge: x.edge,
          skip_reason: r.skip_reason,
        };
      }),
    ladder: p.rows
      .filter((r) => r.system_id === 'ensemble_v1' && r.line_value !== null)
      .sort((a, b) => (a.line_value ?? 0) - (b.line_value ?? 0))
      .map((r) => {
        const prop = exportedProp(r);
        const x = exportedPrediction(r);
        return {
          line: r.line_value ?? 0,
          books: prop?.books ?? 0,
          over_odds: prop?.over_odds ?? null,
          over_book: prop?.over_book ?? null,
          under_odds: prop?.under_odds ?? null,
          under_book: prop?.under_book ?? null,
          no_vig_p_over: prop?.no_vig_p_over ?? null,
          p_over: x.p_over,
          p_under: x.p_under,
          p_push: x.p_push,
          recommendation: x.recommendation,
          pass_reason: x.pass_reason,
          ev: x.ev,
          edge: x.edge,
        };
      }),
  };
}
