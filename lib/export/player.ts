/**
 * `v1/tonight/player/<player_lookup>.json`: one player's card for tonight: the game, the line,
 * quick numbers, the last 10 games, every system at the main line and the ensemble across the
 * ladder.
 */
import { CONFIDENCE_DECIMALS, POINTS_DECIMALS } from '../model/recommend';
import { round } from '../model/stats';
import type { ScheduleGame } from '../slate/select';
import type { PastLines } from './record';
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
  line: { points: number; over_odds: number | null; under_odds: number | null; books: number | null } | null;
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
  recent_games: Array<{ game_date: string; points: number; minutes: number }>;
  systems: Array<{
    system_id: string;
    predicted: number | null;
    confidence: number | null;
    recommendation: string;
    edge: number | null;
    skip_reason: string | null;
  }>;
  ladder: Array<{ line: number; recommendation: string; edge: number | null }>;
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
    line:
      e && e.line_value !== null
        ? { points: e.line_value, over_odds: e.over_odds, under_odds: e.under_odds, books: e.line_books }
        : null,
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
    })),
    systems: [...p.main.values()]
      .sort((a, b) => a.system_id.localeCompare(b.system_id))
      .map((r) => ({
        system_id: r.system_id,
        predicted: round(r.predicted_points, POINTS_DECIMALS),
        confidence: round(r.confidence_score, CONFIDENCE_DECIMALS),
        recommendation: r.recommendation,
        edge: round(r.line_margin, POINTS_DECIMALS),
        skip_reason: r.skip_reason,
      })),
    ladder: p.rows
      .filter((r) => r.system_id === 'ensemble_v1' && r.line_value !== null)
      .sort((a, b) => (a.line_value ?? 0) - (b.line_value ?? 0))
      .map((r) => ({
        line: r.line_value ?? 0,
        recommendation: r.recommendation,
        edge: round(r.line_margin, POINTS_DECIMALS),
      })),
  };
}
