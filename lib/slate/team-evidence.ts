/**
 * Tonight's team of a player with a line, from the best evidence before tip. The box scores give
 * the team of his last game; after an offseason move or a trade that team is not in tonight's lined
 * event. Evidence, strongest first:
 * 1. the team of his last game, when it is one of the lined event's two teams;
 * 2. his team in his latest injury report row published before the run (tonight's, or an earlier
 *    game's in the last 60 days);
 * 3. the teams of his lined events since his last game: the one team of tonight's event that was in
 *    every one of them.
 * Without any, the team is unknown and the player is reported TEAM_NOT_IN_EVENT with what was tried.
 */

/** A lined event of a player on an earlier date (lib/warehouse/sql/availability.ts LINED_EVENTS_BEFORE). */
export interface LinedEvent {
  game_date: string;
  player_lookup: string;
  home_team: string;
  away_team: string;
}

/** Tonight's lined event of the player: its two teams (a PlayerLine of lib/slate/select.ts). */
export interface TonightEvent {
  home_team: string;
  away_team: string;
}

/** The team found and where it came from; `team` null when nothing places him in the event. */
export interface TeamEvidence {
  team: string | null;
  source: 'last_game' | 'injury_report' | 'lined_events' | null;
  detail: string;
}

/**
 * Tonight's team of a lined player.
 * @param lastTeam team of his last game (box scores) and its date.
 * @param reportTeam his team in tonight's injury report, or null.
 * @param pastEvents his lined events before tonight (any order).
 */
export function tonightTeam(
  line: TonightEvent,
  lastTeam: { team: string; game_date: string },
  reportTeam: string | null,
  pastEvents: readonly LinedEvent[],
): TeamEvidence {
  const event = [line.away_team, line.home_team];
  const tried = `last played for ${lastTeam.team} (${lastTeam.game_date}); line posted for ${line.away_team} @ ${line.home_team}`;
  if (event.includes(lastTeam.team)) return { team: lastTeam.team, source: 'last_game', detail: '' };
  if (reportTeam !== null && event.includes(reportTeam)) {
    return {
      team: reportTeam,
      source: 'injury_report',
      detail: `${tried}; injury report lists him for ${reportTeam}`,
    };
  }
  const since = pastEvents.filter((e) => e.game_date > lastTeam.game_date);
  const common = event.filter((t) => since.every((e) => e.home_team === t || e.away_team === t));
  if (since.length > 0 && common.length === 1) {
    return {
      team: common[0],
      source: 'lined_events',
      detail: `${tried}; ${common[0]} was in all ${since.length} of his lined events since`,
    };
  }
  return {
    team: null,
    source: null,
    detail: `${tried}; ${
      since.length === 0
        ? 'no lined event since his last game'
        : `his ${since.length} lined events since do not single out one team`
    }${reportTeam === null ? ', not on the injury report' : `, injury report team ${reportTeam}`}`,
  };
}
