/**
 * `v1/tonight/all-players.json` (DESIGN §5): tonight's games with every predicted player.
 * Within a game: available players before likely-out ones, then players with a line, then by the
 * expected value of the ensemble's pick or better side (high first), then by season_ppg.
 * Pure: rows and schedule in, document out.
 */
import { formatGameTime } from '../dates';
import { round } from '../model/stats';
import type { ScheduleGame } from '../slate/select';
import { exportedAvailability, exportedPrediction, exportedProp } from './market';
import { lastTenRecord, type PastLines } from './record';
import { groupByPlayer, type ExportRow, type PlayerRows } from './rows';
import type { TonightDoc, TonightGame, TonightPlayer } from './schemas/tonight';

/** Games played below which a player is flagged `limited_data`. Source: docs/seed-system.md §7 (`games_played < 10`). */
export const LIMITED_DATA_GAMES = 10;

export type { TonightDoc, TonightGame, TonightPlayer };

/**
 * The tip-off of a schedule row: the US-Eastern label ("7:30 PM ET") and the ISO UTC instant,
 * both null when the schedule has no (or an unreadable) time.
 */
export function tipOff(g: Pick<ScheduleGame, 'commence_time'>): {
  game_time: string | null;
  tip_time: string | null;
} {
  const d = g.commence_time ? new Date(g.commence_time) : null;
  if (!d || Number.isNaN(d.getTime())) return { game_time: null, tip_time: null };
  return { game_time: formatGameTime(d), tip_time: d.toISOString() };
}

/** Builds a player entry from his rows (and his past lines, for the over/under record). */
export function tonightPlayer(p: PlayerRows, pastLines?: PastLines): TonightPlayer {
  const f = p.features;
  const e = p.ensemble;
  const any = p.rows[0];
  const line = e?.line_value ?? null;
  const gamesPlayed = f.games_played_season ?? 0;
  const out: TonightPlayer = {
    player_lookup: p.player_lookup,
    name: any?.player_name ?? p.player_lookup,
    team: any?.team_abbr ?? null,
    opponent: any?.opponent_team_abbr ?? null,
    is_home: any?.is_home ?? null,
    availability: exportedAvailability(any),
    has_line: line !== null,
    days_rest: f.days_rest ?? null,
    season_ppg: round(f.points_avg_this_season ?? null, 1),
    season_mpg: round(f.minutes_avg_this_season ?? null, 1),
    last_5_ppg: round(f.points_avg_last_5 ?? null, 1),
    last_10_points: (f.last_10_points ?? []).map((x) => Math.round(x)),
    games_played: gamesPlayed,
    limited_data: gamesPlayed < LIMITED_DATA_GAMES,
  };
  const prop = e ? exportedProp(e) : null;
  if (prop) out.props = [prop];
  if (pastLines) {
    const { results, record } = lastTenRecord(
      f.last_10_dates ?? [],
      f.last_10_points ?? [],
      pastLines.get(p.player_lookup),
    );
    out.last_10_results = results;
    out.last_10_record = record;
  }
  if (e) out.prediction = exportedPrediction(e);
  return out;
}

/**
 * Sort: available before likely-out, with a line first, then EV descending (no EV last), then
 * season_ppg descending, then player_lookup.
 */
export function comparePlayers(a: TonightPlayer, b: TonightPlayer): number {
  const outA = a.availability.status === 'likely_out';
  const outB = b.availability.status === 'likely_out';
  if (outA !== outB) return outA ? 1 : -1;
  if (a.has_line !== b.has_line) return a.has_line ? -1 : 1;
  const ea = a.prediction?.ev ?? -Infinity;
  const eb = b.prediction?.ev ?? -Infinity;
  if (ea !== eb) return eb > ea ? 1 : -1;
  const pa = a.season_ppg ?? -1;
  const pb = b.season_ppg ?? -1;
  if (pa !== pb) return pb - pa;
  return a.player_lookup.localeCompare(b.player_lookup);
}

/** Builds all-players.json. A date with no games gives totals 0 and `games: []`. */
export function buildTonight(args: {
  gameDate: string;
  generatedAt: string;
  batchId: string | null;
  games: readonly ScheduleGame[];
  rows: readonly ExportRow[];
  pastLines?: PastLines;
}): TonightDoc {
  const players = groupByPlayer(args.rows).map((p) => ({
    game_id: p.game_id,
    entry: tonightPlayer(p, args.pastLines),
  }));
  const games: TonightGame[] = args.games.map((g) => {
    const ps = players
      .filter((p) => p.game_id === g.game_id)
      .map((p) => p.entry)
      .sort(comparePlayers);
    return {
      game_id: g.game_id,
      home_team: g.home_team,
      away_team: g.away_team,
      ...tipOff(g),
      game_status: 'scheduled',
      player_count: ps.length,
      players: ps,
    };
  });
  const all = games.flatMap((g) => g.players);
  return {
    game_date: args.gameDate,
    generated_at: args.generatedAt,
    batch_id: args.batchId,
    total_players: all.length,
    total_with_lines: all.filter((p) => p.has_line).length,
    games,
  };
}
