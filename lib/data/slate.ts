/**
 * Reads tonight's slate from the warehouse: schedule, consensus lines, ONE team-context query for
 * all teams, ONE query for who could be selected (minutes and team only), the selection
 * (lib/slate/), then ONE history query for the players selected (lib/data/histories.ts).
 */
import { addDays, daysBetween, morningRunInstant } from '../dates';
import type { InjuryReportRow } from '../slate/availability';
import { assignAvailability, loadAvailabilityEvidence } from './slate-availability';
import { PermanentError } from '../errors';
import type { LeagueContext, ModelState, TeamContext } from '../messages';
import { fitModelState, type GradedStateRow } from '../model/model-state';
import { PROBABILITY } from '../model/probability-constants';
import { systemVersions } from '../model/registry';
import { GRADED_FOR_MODEL_STATE } from '../warehouse/sql/model-state';
import { consensusLine, pricesByLine, type BookLine } from '../slate/lines';
import {
  selectPlayers,
  type Candidate,
  type PlayerLine,
  type PlayerSummary,
  type ScheduleGame,
  type Selection,
} from '../slate/select';
import { leagueContext, teamContext, type TeamGameRow } from '../slate/teams';
import type { Warehouse } from '../warehouse/port';
import * as sql from '../warehouse/sql/slate';
import type { Config } from '../config';
import { loadHistories, loadSummaries } from './histories';

/** The schedule's date range. */
export interface Coverage {
  first_date: string | null;
  last_date: string | null;
  games: number;
  /** Last date with box scores (history). */
  last_box_score_date: string | null;
}

/**
 * Days a game date may lie after the last box score. Upstream loads box scores nightly, so in
 * production the gap is 1; 7 covers the All-Star break. Beyond it every player's history is weeks
 * old and a prediction would be meaningless.
 */
export const MAX_HISTORY_GAP_DAYS = 7;

/** Tonight's slate. */
export interface Slate {
  game_date: string;
  games: ScheduleGame[];
  lines: Map<string, PlayerLine>;
  /** Lines whose event is not on the schedule (logged, not used). */
  unmatched_line_players: string[];
  teams: Map<string, TeamContext>;
  league: LeagueContext;
  selection: Selection;
  /** Rows returned by the one history query (the selected players' games). */
  history_rows: number;
  /** Calibrations and anchor weight fit on graded dates before game_date. */
  model_state: ModelState;
  /** Injury report rows used (latest per player published at or before the run and before tip). */
  injury_report: InjuryReportRow[];
}

/** The schedule's coverage. */
export async function scheduleCoverage(wh: Warehouse): Promise<Coverage> {
  const [row] = await wh.query<Coverage>(sql.SCHEDULE_COVERAGE);
  return row ?? { first_date: null, last_date: null, games: 0, last_box_score_date: null };
}

/**
 * Throws when `gameDate` is outside the schedule's range.
 * @throws PermanentError(`DATE_OUTSIDE_DATA`), e.g. "no schedule data for 2027-01-01: the
 *   schedule covers 2024-10-22..2026-04-12".
 */
export async function assertDateInData(wh: Warehouse, gameDate: string): Promise<Coverage> {
  const cov = await scheduleCoverage(wh);
  if (!cov.first_date || !cov.last_date || gameDate < cov.first_date || gameDate > cov.last_date) {
    throw new PermanentError(
      'DATE_OUTSIDE_DATA',
      cov.first_date
        ? `no schedule data for ${gameDate}: the schedule covers ${cov.first_date}..${cov.last_date}`
        : `no schedule data for ${gameDate}: the schedule table is empty`,
      { field: 'game_date' },
    );
  }
  const gap = cov.last_box_score_date ? daysBetween(cov.last_box_score_date, gameDate) : Infinity;
  if (gap > MAX_HISTORY_GAP_DAYS) {
    throw new PermanentError(
      'DATE_OUTSIDE_DATA',
      cov.last_box_score_date
        ? `box scores end on ${cov.last_box_score_date}: a prediction for ${gameDate} would rest on games at least ${gap} days old`
        : `no box scores loaded: nothing to predict ${gameDate} from`,
      { field: 'game_date' },
    );
  }
  return cov;
}

/** Tonight's games in tip-off order. */
export async function gamesOfDate(wh: Warehouse, gameDate: string): Promise<ScheduleGame[]> {
  return wh.query<ScheduleGame>(sql.GAMES_OF_DATE, { game_date: gameDate });
}

interface LineRow extends BookLine {
  event_id: string;
  home_team: string;
  away_team: string;
  player_lookup: string;
  player_name: string;
  is_main: boolean;
}

/** Consensus line per player for the events on `games`, with every line's prices. */
export async function linesOfDate(
  wh: Warehouse,
  gameDate: string,
  games: readonly ScheduleGame[],
): Promise<{ lines: Map<string, PlayerLine>; unmatched: string[] }> {
  const rows = await wh.query<LineRow>(sql.LINES_OF_DATE, { game_date: gameDate });
  const onSchedule = new Set(games.map((g) => `${g.away_team}@${g.home_team}`));
  const byPlayer = new Map<string, LineRow[]>();
  for (const r of rows) {
    const same = byPlayer.get(r.player_lookup);
    if (same) same.push(r);
    else byPlayer.set(r.player_lookup, [r]);
  }
  const lines = new Map<string, PlayerLine>();
  const unmatched: string[] = [];
  for (const [lookup, rs] of byPlayer) {
    const first = rs[0];
    if (!onSchedule.has(`${first.away_team}@${first.home_team}`)) {
      unmatched.push(lookup);
      continue;
    }
    const ofEvent = rs.filter((r) => r.event_id === first.event_id);
    const line = consensusLine(ofEvent.filter((r) => r.is_main));
    if (line) {
      lines.set(lookup, {
        player_lookup: lookup,
        player_name: first.player_name,
        home_team: first.home_team,
        away_team: first.away_team,
        line,
        prices: pricesByLine(ofEvent),
      });
    }
  }
  return { lines, unmatched };
}

/**
 * Loads and selects tonight's slate as known at `asOf` (the run time; default the scheduled
 * morning run of the date, 11:30 ET): an injury report published later is not used.
 */
export async function loadSlate(
  wh: Warehouse,
  gameDate: string,
  config: Config,
  minMinutes: number,
  asOf: Date = morningRunInstant(gameDate),
): Promise<Slate> {
  const games = await gamesOfDate(wh, gameDate);
  const historyStart = addDays(gameDate, -config.historyDays);
  const playing = [...new Set(games.flatMap((g) => [g.home_team, g.away_team]))].sort();
  // Reads that need only the games, asked together: the warehouse runs them one after another
  // (DuckDB: one connection), and each result is turned into objects while the next one runs.
  const [{ lines, unmatched }, teamRows, evidence, modelState] = await Promise.all([
    linesOfDate(wh, gameDate, games),
    wh.query<TeamGameRow>(sql.TEAM_GAMES, {
      game_date: gameDate,
      history_start: historyStart,
      team_games: config.teamGames,
    }),
    loadAvailabilityEvidence(wh, gameDate, games, asOf),
    loadModelState(wh, gameDate),
  ]);
  const allTeams = [...new Set(teamRows.map((r) => r.team_abbr))].sort();
  const teams = new Map(allTeams.map((t) => [t, teamContext(t, teamRows)]));
  const league = leagueContext([...teams.values()]);

  const summaries =
    games.length === 0
      ? new Map<string, PlayerSummary>()
      : await loadSummaries(wh, gameDate, playing, [...lines.keys()], config);

  const selected = selectPlayers(
    games,
    lines,
    summaries,
    new Map([...teams].map(([k, v]) => [k, v.recent_game_dates])),
    { minMinutes, minGames: config.minGames },
    evidence,
  );
  const { histories, rows: historyRows } = await loadHistories(
    wh,
    gameDate,
    selected.candidates.map((c) => c.player_lookup),
    config,
  );
  const candidates: Candidate[] = selected.candidates.map((c) => ({
    ...c,
    history: histories.get(c.player_lookup) ?? [],
  }));
  const selection: Selection = { candidates, ineligible: selected.ineligible };
  assignAvailability(selection.candidates, evidence, { gameDate, games, lines, teams });
  return {
    game_date: gameDate,
    games,
    lines,
    unmatched_line_players: unmatched,
    teams,
    league,
    selection,
    history_rows: historyRows,
    model_state: modelState,
    injury_report: [...evidence.report.values()],
  };
}

/**
 * The model state of `gameDate` from ONE query of the graded main-line rows of the
 * PROBABILITY.historyDays before it (lib/model/model-state.ts); the priors when nothing is graded.
 */
export async function loadModelState(wh: Warehouse, gameDate: string): Promise<ModelState> {
  const rows = await wh.query<GradedStateRow>(GRADED_FOR_MODEL_STATE, {
    game_date: gameDate,
    from_date: addDays(gameDate, -PROBABILITY.historyDays),
  });
  return fitModelState(rows, gameDate, systemVersions());
}

/** Context of a team, or an empty one when the team has no games in the window. */
export function contextOf(slate: Slate, team: string): TeamContext {
  return (
    slate.teams.get(team) ?? {
      team_abbr: team,
      games: 0,
      points_allowed_avg: null,
      def_rating: null,
      pace: null,
      opp_fg3m_per100: null,
      opp_ftm_per100: null,
      opp_two_pt_points_per100: null,
      recent_game_dates: [],
    }
  );
}
