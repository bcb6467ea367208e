/**
 * The prediction-request of one selected player (DESIGN §2 "Topics and messages"): what startBatch
 * publishes and what the training rows replay. Pure: everything comes from the slate read before.
 */
import type { LeagueContext, ModelState, PredictionRequest, TeamContext } from '../messages';
import { lineLadder } from './ladder';
import type { Candidate } from './select';
import { teamContext } from './teams';

/** The parts of tonight's slate a request carries (lib/data/slate.ts `Slate` has them). */
export interface RequestSlate {
  game_date: string;
  /** Team context by team_abbr (the last 15 games of each team). */
  teams: ReadonlyMap<string, TeamContext>;
  league: LeagueContext;
  /** Calibrations and anchor weight fit on graded dates before game_date. */
  model_state: ModelState;
}

/** Context of a team, or an empty one (0 games, every rate null) when it has no games in the window. */
export function contextOf(slate: Pick<RequestSlate, 'teams'>, team: string): TeamContext {
  return slate.teams.get(team) ?? teamContext(team, []);
}

/**
 * The prediction-request of candidate `c`: the line ladder of its main line (none without a line),
 * the books' prices at each ladder line, both teams' context and the model state of the date.
 */
export function requestOf(
  slate: RequestSlate,
  c: Candidate,
  batchId: string,
  correlationId: string,
): PredictionRequest {
  const ladder = c.line ? lineLadder(c.line.points) : [];
  return {
    batch_id: batchId,
    game_date: slate.game_date,
    game_id: c.game_id,
    player_lookup: c.player_lookup,
    player_name: c.player_name,
    team_abbr: c.team_abbr,
    opponent_team_abbr: c.opponent_team_abbr,
    is_home: c.is_home,
    line: c.line,
    line_ladder: ladder,
    market: ladder.flatMap((l) => c.prices.filter((p) => Math.abs(p.line - l) < 1e-9)),
    model_state: slate.model_state,
    history: c.history,
    opponent: contextOf(slate, c.opponent_team_abbr),
    team: contextOf(slate, c.team_abbr),
    league: slate.league,
    availability: c.availability ?? { status: 'active', reasons: [] },
    correlation_id: correlationId,
  };
}
