/**
 * Who gets predicted tonight (DESIGN §4 "Players").
 *
 * Selected: every player whose latest game (before game_date) was for a team playing tonight, who
 * averaged >= `minMinutes` over his last 10 games and played in one of his team's last 10 games
 * (so a player out for months is not on tonight's roster), plus every player with a line.
 * Eligible: at least `minGames` games with minutes > 0 in the history window, a known team that
 * plays tonight, and (for a lined player) a team that is one of the two teams of the lined event:
 * the team of his last game, or after a move the team the evidence of lib/slate/team-evidence.ts
 * places him on (tonight's injury report, his lined events since his last game).
 * Ineligible players are reported with a reason and are not published.
 */
import type { Availability, Game, LinePrices, PropLine } from '../messages';
import { tonightTeam, type LinedEvent } from './team-evidence';

/** A game on tonight's schedule. */
export interface ScheduleGame {
  game_id: string;
  home_team: string;
  away_team: string;
  /** Tip-off, ISO UTC, when known. */
  commence_time: string | null;
}

/** A player's consensus line, the event it was posted for, and every line the books price. */
export interface PlayerLine {
  player_lookup: string;
  player_name: string;
  home_team: string;
  away_team: string;
  line: PropLine;
  /** Each line any book posts for the player (main or alternate), with every book's prices there. */
  prices: LinePrices[];
}

/**
 * What selection needs to know of a player (the candidate query's shape, lib/warehouse/sql/slate.ts
 * CANDIDATE_SUMMARIES): his latest game's name, team and date, the minutes of his newest
 * {@link MINUTES_WINDOW} games (newest first), and how many of his newest history games (the
 * history depth) had minutes > 0.
 */
export interface PlayerSummary {
  player_lookup: string;
  player_name: string;
  team_abbr: string;
  /** Date of his latest game before tonight, YYYY-MM-DD. */
  last_game_date: string;
  /** Minutes of his newest games, newest first, at most MINUTES_WINDOW of them. */
  recent_minutes: number[];
  /** Games with minutes > 0 among his newest history games. */
  played_games: number;
}

/** Games a player's recent minutes are averaged over (DESIGN §4: last 10). */
export const MINUTES_WINDOW = 10;

/** A player selected to publish, before his history is attached. */
export interface SelectedPlayer {
  player_lookup: string;
  player_name: string;
  game_id: string;
  team_abbr: string;
  opponent_team_abbr: string;
  is_home: boolean;
  line: PropLine | null;
  /** Every line the books post for him tonight, with their prices (empty without a line). */
  prices: LinePrices[];
  /** Where team_abbr came from when it is not the team of his last game (lib/slate/team-evidence.ts). */
  team_source?: 'injury_report' | 'lined_events';
}

/** A player to publish. `history` is newest first. */
export interface Candidate extends SelectedPlayer {
  history: Game[];
  /** Set by loadSlate (lib/slate/availability.ts). */
  availability?: Availability;
}

/** Evidence of tonight's team beyond the box scores (lib/slate/team-evidence.ts). */
export interface TeamEvidenceInput {
  /** player_lookup -> his team in tonight's injury report. */
  reportTeams: ReadonlyMap<string, string>;
  /** player_lookup -> his lined events before tonight. */
  pastEvents: ReadonlyMap<string, readonly LinedEvent[]>;
}

/**
 * Why a selected player is not published. `INVALID_REQUEST`: his request would fail the
 * prediction-request schema (a bad upstream value); the detail names the field and value.
 */
export type IneligibleReason =
  'NO_HISTORY' | 'INSUFFICIENT_HISTORY' | 'TEAM_NOT_IN_EVENT' | 'NO_GAME_TONIGHT' | 'INVALID_REQUEST';

/** A selected player who is not published. */
export interface Ineligible {
  player_lookup: string;
  player_name: string;
  reason: IneligibleReason;
  detail: string;
}

/** Selection settings (lib/config.ts). */
export interface SelectOptions {
  minMinutes: number;
  minGames: number;
}

/** The result: candidates sorted by team then player, and ineligible players. */
export interface Selection<C = Candidate> {
  candidates: C[];
  ineligible: Ineligible[];
}

/**
 * Selects and checks tonight's players.
 * @param summaries player_lookup -> what selection needs of him (players without games in the
 *   history window are absent).
 * @param teamRecentDates team -> its recent game dates, newest first (from the team context).
 */
export function selectPlayers(
  games: readonly ScheduleGame[],
  lines: ReadonlyMap<string, PlayerLine>,
  summaries: ReadonlyMap<string, PlayerSummary>,
  teamRecentDates: ReadonlyMap<string, readonly string[]>,
  opts: SelectOptions,
  evidence: TeamEvidenceInput = { reportTeams: new Map(), pastEvents: new Map() },
): Selection<SelectedPlayer> {
  const window = MINUTES_WINDOW;
  const gameOfTeam = new Map<string, ScheduleGame>();
  for (const g of games) {
    gameOfTeam.set(g.home_team, g);
    gameOfTeam.set(g.away_team, g);
  }
  const candidates: SelectedPlayer[] = [];
  const ineligible: Ineligible[] = [];
  const lookups = new Set<string>([...summaries.keys(), ...lines.keys()]);

  for (const lookup of [...lookups].sort()) {
    const sum = summaries.get(lookup);
    const pline = lines.get(lookup);
    const name = sum?.player_name ?? pline?.player_name ?? lookup;
    const reject = (reason: IneligibleReason, detail: string) =>
      ineligible.push({ player_lookup: lookup, player_name: name, reason, detail });

    if (!sum || sum.recent_minutes.length === 0) {
      if (pline) reject('NO_HISTORY', `line ${pline.line.points} posted but no game in the history window`);
      continue;
    }
    let team = sum.team_abbr;
    let teamSource: SelectedPlayer['team_source'];
    if (!pline) {
      const last = sum.recent_minutes.slice(0, window);
      const avgMinutes = last.reduce((a, m) => a + m, 0) / last.length;
      if (avgMinutes < opts.minMinutes) continue;
      const recent = teamRecentDates.get(team) ?? [];
      const cutoff = recent[Math.min(window, recent.length) - 1];
      if (cutoff !== undefined && sum.last_game_date < cutoff) continue;
    }
    if (pline && team !== pline.home_team && team !== pline.away_team) {
      const found = tonightTeam(
        pline,
        { team, game_date: sum.last_game_date },
        evidence.reportTeams.get(lookup) ?? null,
        evidence.pastEvents.get(lookup) ?? [],
      );
      if (found.team === null || found.source === 'last_game' || found.source === null) {
        reject('TEAM_NOT_IN_EVENT', found.detail);
        continue;
      }
      team = found.team;
      teamSource = found.source;
    }
    const game = gameOfTeam.get(team);
    if (!game) {
      reject('NO_GAME_TONIGHT', `${team} has no game on the schedule for this date`);
      continue;
    }
    const played = sum.played_games;
    if (played < opts.minGames) {
      reject('INSUFFICIENT_HISTORY', `${played} games with minutes > 0; ${opts.minGames} needed`);
      continue;
    }
    const isHome = game.home_team === team;
    candidates.push({
      player_lookup: lookup,
      player_name: name,
      game_id: game.game_id,
      team_abbr: team,
      opponent_team_abbr: isHome ? game.away_team : game.home_team,
      is_home: isHome,
      line: pline?.line ?? null,
      prices: pline?.prices ?? [],
      ...(teamSource ? { team_source: teamSource } : {}),
    });
  }
  candidates.sort(
    (a, b) => a.team_abbr.localeCompare(b.team_abbr) || a.player_lookup.localeCompare(b.player_lookup),
  );
  return { candidates, ineligible };
}
