/**
 * `v1/tonight/player/<player_lookup>.json`: one player's card for tonight (the shape:
 * lib/export/schemas/player.ts). `summary` is his entry of all-players.json (availability, the main
 * line's market, the ensemble's prediction, season numbers, the last 10 against their lines); the
 * card adds the game with its tip-off, his last-10 averages and back-to-back flag, the recent games
 * with their lines, every system at the main line and the ensemble across the ladder (each ladder
 * line with its own market, probabilities and decision). Pure: rows in, document out.
 */
import { round } from '../model/stats';
import type { ScheduleGame } from '../slate/select';
import { exportedPrediction, isLined, lineMarket } from './market';
import { lastTenRecord, type PastLines } from './record';
import type { PlayerRows } from './rows';
import type { PlayerDoc } from './schemas/player';
import { tipOff, tonightPlayer } from './tonight';

export type { PlayerDoc };

/** The ensemble's system_id: its rows make the ladder. */
const LADDER_SYSTEM = 'ensemble_v1';

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
      ...tipOff(game ?? { commence_time: null }),
    },
    summary: tonightPlayer(p, pastLines),
    last_10_ppg: round(f.points_avg_last_10 ?? null, 1),
    last_10_mpg: round(f.minutes_avg_last_10 ?? null, 1),
    back_to_back: f.back_to_back ?? false,
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
        const { predicted, p_over, recommendation, pass_reason, ev, edge } = exportedPrediction(r);
        const { system_id, model_version, skip_reason } = r;
        return {
          system_id,
          model_version,
          predicted,
          p_over,
          recommendation,
          pass_reason,
          ev,
          edge,
          skip_reason,
        };
      }),
    ladder: p.rows
      .filter((r) => r.system_id === LADDER_SYSTEM)
      .filter(isLined)
      .sort((a, b) => a.line_value - b.line_value)
      .map((r) => {
        const { p_over, p_under, p_push, recommendation, pass_reason, ev, edge } = exportedPrediction(r);
        return { ...lineMarket(r), p_over, p_under, p_push, recommendation, pass_reason, ev, edge };
      }),
  };
}
