/**
 * What startBatch knows about who plays tonight, read in batch queries for all players at once
 * (lib/warehouse/sql/availability.ts): tonight's injury report rows published at or before the run
 * and before tip, each player's latest report team, and the lined events of the last 60 days. Then
 * every candidate's availability (lib/slate/availability.ts).
 */
import { addDays } from '../dates';
import type { TeamContext } from '../messages';
import { LINE_HISTORY_DAYS } from '../model/availability-constants';
import { availabilityOf, type InjuryReportRow } from '../slate/availability';
import type { Candidate, PlayerLine, ScheduleGame, TeamEvidenceInput } from '../slate/select';
import type { LinedEvent } from '../slate/team-evidence';
import type { Warehouse } from '../warehouse/port';
import * as asql from '../warehouse/sql/availability';

/** The evidence of one date as known at the run. */
export interface AvailabilityEvidence extends TeamEvidenceInput {
  /** player_lookup -> his latest report row for tonight published at or before the run and before tip. */
  report: Map<string, InjuryReportRow>;
  /** Every lined event of the last LINE_HISTORY_DAYS days before tonight. */
  pastLined: LinedEvent[];
}

/** Reads the evidence in three batch queries (none without games). `asOf` is the run time. */
export async function loadAvailabilityEvidence(
  wh: Warehouse,
  gameDate: string,
  games: readonly ScheduleGame[],
  asOf: Date,
): Promise<AvailabilityEvidence> {
  const report = new Map<string, InjuryReportRow>();
  const reportTeams = new Map<string, string>();
  const pastEvents = new Map<string, LinedEvent[]>();
  if (games.length === 0) return { report, reportTeams, pastEvents, pastLined: [] };
  const linesFrom = addDays(gameDate, -LINE_HISTORY_DAYS);
  const tipOfTeam = new Map<string, string | null>();
  for (const g of games) for (const team of [g.home_team, g.away_team]) tipOfTeam.set(team, g.commence_time);
  const asOfIso = asOf.toISOString();
  for (const r of await wh.query<InjuryReportRow>(asql.INJURY_REPORT_OF_DATE, {
    game_date: gameDate,
    as_of: asOfIso,
  })) {
    const tip = tipOfTeam.get(r.team_abbr);
    if (tip && Date.parse(r.report_time) >= Date.parse(tip)) continue; // published after tip
    report.set(r.player_lookup, r);
  }
  const teams = await wh.query<{ player_lookup: string; team_abbr: string }>(asql.INJURY_REPORT_TEAMS, {
    lines_from: linesFrom,
    game_date: gameDate,
    as_of: asOfIso,
  });
  for (const r of teams) reportTeams.set(r.player_lookup, r.team_abbr);
  for (const [k, r] of report) reportTeams.set(k, r.team_abbr); // tonight's own row, when in time
  const pastLined = await wh.query<LinedEvent>(asql.LINED_EVENTS_BEFORE, {
    lines_from: linesFrom,
    game_date: gameDate,
  });
  for (const e of pastLined) pastEvents.set(e.player_lookup, [...(pastEvents.get(e.player_lookup) ?? []), e]);
  return { report, reportTeams, pastEvents, pastLined };
}

/** Dates with lines per team (newest first) and per player, from the lined events of the past. */
export function linedDates(events: readonly LinedEvent[]): {
  byTeam: Map<string, string[]>;
  byPlayer: Map<string, Set<string>>;
} {
  const teamSets = new Map<string, Set<string>>();
  const byPlayer = new Map<string, Set<string>>();
  for (const e of events) {
    for (const t of [e.home_team, e.away_team])
      teamSets.set(t, (teamSets.get(t) ?? new Set()).add(e.game_date));
    byPlayer.set(e.player_lookup, (byPlayer.get(e.player_lookup) ?? new Set()).add(e.game_date));
  }
  const byTeam = new Map([...teamSets].map(([t, ds]) => [t, [...ds].sort().reverse()]));
  return { byTeam, byPlayer };
}

/** Sets `availability` on every candidate (mutates them). */
export function assignAvailability(
  candidates: Candidate[],
  ev: AvailabilityEvidence,
  ctx: {
    gameDate: string;
    games: readonly ScheduleGame[];
    lines: ReadonlyMap<string, PlayerLine>;
    teams: ReadonlyMap<string, TeamContext>;
  },
): void {
  const lined = linedDates(ev.pastLined);
  const eventsWithLines = new Set([...ctx.lines.values()].map((l) => `${l.away_team}@${l.home_team}`));
  const gameOf = new Map(ctx.games.flatMap((g) => [[g.home_team, g] as const, [g.away_team, g] as const]));
  for (const c of candidates) {
    const g = gameOf.get(c.team_abbr);
    const teamLined = lined.byTeam.get(c.team_abbr) ?? [];
    const mine = lined.byPlayer.get(c.player_lookup) ?? new Set<string>();
    c.availability = availabilityOf({
      gameDate: ctx.gameDate,
      history: c.history,
      teamDates: ctx.teams.get(c.team_abbr)?.recent_game_dates ?? [],
      lastTeamDates: ctx.teams.get(c.history[0]?.team_abbr ?? c.team_abbr)?.recent_game_dates,
      hasLine: c.line !== null,
      gameHasLines: g !== undefined && eventsWithLines.has(`${g.away_team}@${g.home_team}`),
      recentLinedDates: teamLined.map((d) => mine.has(d)),
      report: ev.report.get(c.player_lookup) ?? null,
    });
  }
}
