/**
 * zod schemas of every message on the bus (DESIGN §2 "Topics and messages"). A message that does
 * not parse is a permanent error: the handler logs which field and value failed, with the message
 * id, and acks it.
 *
 * Units: points and minutes are per game; odds are American (-110, +125); probabilities are 0-1.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { LADDER_OFFSETS } from './slate/ladder';

/**
 * Bounds of every field (docs/DESIGN.md §2 "Bounds"): what the field can be, so a value that
 * passes cannot break a table name, an object path, a BigInt or a MERGE key downstream.
 */
export const BOUNDS = {
  /** player_lookup: lib/names.ts keys are [a-z0-9]; the longest NBA name is far under 64. */
  lookupMaxLength: 64,
  /** Display names (player_name): a few hundred characters. */
  nameMaxLength: 200,
  /** Identifiers (game_id, batch_id, correlation_id). */
  idMaxLength: 128,
  /** Points lines: the books post halves from 0.5; no player prop line is near 80. */
  minLine: 0.5,
  maxLine: 80,
  /** American odds: |odds| >= 100; beyond +/-100000 no book prices a points prop. */
  maxAbsOdds: 100_000,
  /** Books posting a line (the shipped data has 8). */
  maxBooks: 100,
  /** Minutes in one game (48 + 6 overtimes = 78). */
  maxMinutes: 80,
  /** Points or any box-score count in one game (the record is 100). */
  maxCount: 100,
  /** Games of history (config allows at most 82) and team context games. */
  maxGames: 100,
  /** Teams in the league context (30 NBA teams). */
  maxTeams: 40,
  /** Any per-100-possession rate, pace or points-allowed average. */
  maxRate: 300,
  /** Staging rows one player can write (5 systems x 5 lines = 25). */
  maxRowsWritten: 1000,
} as const;

// zod's ISO date check is a real calendar date (leap years included), and about twice as fast as a refinement
const isoDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });
/**
 * A finite number. Zod 4's `z.number()` already refuses NaN and +/-Infinity ("Invalid input:
 * expected number, received Infinity"), so no refinement is needed (https://zod.dev/v4/changelog,
 * "z.number() no longer accepts infinite values").
 */
const finite = z.number();
const bounded = (min: number, max: number) =>
  finite.refine((n) => n >= min && n <= max, { message: `must be from ${min} to ${max}` });
/**
 * A whole number from `min` to `max`, as ONE check: the box-score fields of a request's ~30 games
 * are most of what each request's parse checks, and one refinement costs about half of
 * `.int().min().max()` (three checks).
 */
const count = (max: number, min = 0) =>
  z.number().refine((n) => Number.isInteger(n) && n >= min && n <= max, {
    message: `must be a whole number from ${min} to ${max}`,
  });
const americanOdds = z
  .number()
  .int()
  .refine((n) => (n <= -100 || n >= 100) && Math.abs(n) <= BOUNDS.maxAbsOdds, {
    message: `American odds must be <= -100 or >= +100, at most ${BOUNDS.maxAbsOdds} away from 0`,
  });
/** A points line: 0.5..80 in halves (books post x.0 and x.5 lines). */
const pointsLine = finite.refine(
  (n) => n >= BOUNDS.minLine && n <= BOUNDS.maxLine && Number.isInteger(n * 2),
  { message: `must be a points line from ${BOUNDS.minLine} to ${BOUNDS.maxLine} in halves` },
);
const lookup = z.string().regex(new RegExp(`^[a-z0-9]{1,${BOUNDS.lookupMaxLength}}$`), {
  message: `must be a player_lookup ([a-z0-9]{1,${BOUNDS.lookupMaxLength}})`,
});
const playerName = z.string().min(1).max(BOUNDS.nameMaxLength);
const teamAbbr = z.string().regex(/^[A-Z]{2,4}$/, { message: 'must be a team tricode' });
const gameId = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,40}$/, { message: 'must be a game id ([A-Za-z0-9_]{1,40})' });
const season = z.string().regex(/^\d{4}-\d{2}$/, { message: 'must be a season YYYY-YY' });
const batchId = z.string().regex(new RegExp(`^[A-Za-z0-9_]{1,${BOUNDS.idMaxLength}}$`), {
  message: `must match [A-Za-z0-9_]{1,${BOUNDS.idMaxLength}}`,
});
const correlationId = z.string().max(BOUNDS.idMaxLength);

/** `nba-predictions-trigger`: starts a batch. `game_date` defaults to TODAY (US-Eastern). */
export const TriggerMessage = z.object({
  game_date: z
    .string()
    .refine((s) => /^(today|tomorrow)$/i.test(s) || isIsoDate(s), {
      message: 'must be YYYY-MM-DD, TODAY or TOMORROW',
    })
    .optional(),
  force: z.boolean().optional(),
  correlation_id: correlationId.optional(),
  min_minutes: bounded(0, 48).optional(),
});
export type TriggerMessage = z.infer<typeof TriggerMessage>;

/** One past game of a player (a `player_game_summary` row); points and minutes for that game. */
export const Game = z.object({
  game_date: isoDate,
  game_id: gameId,
  season,
  team_abbr: teamAbbr,
  opponent_team_abbr: teamAbbr,
  is_home: z.boolean().nullable(),
  minutes: bounded(0, BOUNDS.maxMinutes),
  points: count(BOUNDS.maxCount),
  fgm: count(BOUNDS.maxCount),
  fga: count(BOUNDS.maxCount),
  fg3m: count(BOUNDS.maxCount),
  fg3a: count(BOUNDS.maxCount),
  ftm: count(BOUNDS.maxCount),
  fta: count(BOUNDS.maxCount),
  tov: count(BOUNDS.maxCount),
});
export type Game = z.infer<typeof Game>;

const rate = bounded(0, BOUNDS.maxRate).nullable();

/**
 * A team's recent context (its last <= 15 games before game_date). Rates are per 100 possessions
 * (possessions = FGA - OREB + TOV + 0.44 FTA, Oliver); pace is possessions per 48 minutes.
 * Null when the team has no games in the window.
 */
export const TeamContext = z.object({
  team_abbr: teamAbbr,
  games: count(BOUNDS.maxGames),
  points_allowed_avg: rate,
  def_rating: rate,
  pace: rate,
  opp_fg3m_per100: rate,
  opp_ftm_per100: rate,
  opp_two_pt_points_per100: rate,
  recent_game_dates: z.array(isoDate).max(BOUNDS.maxGames),
});
export type TeamContext = z.infer<typeof TeamContext>;

/** League averages over every team's last <= 15 games, and each team's defensive rank (1 = best). */
export const LeagueContext = z.object({
  teams: count(BOUNDS.maxTeams),
  def_rating: rate,
  pace: rate,
  opp_fg3m_per100: rate,
  opp_ftm_per100: rate,
  opp_two_pt_points_per100: rate,
  def_rank: z
    .record(teamAbbr, count(BOUNDS.maxTeams, 1))
    .refine((r) => Object.keys(r).length <= BOUNDS.maxTeams, {
      message: `must rank at most ${BOUNDS.maxTeams} teams`,
    }),
});
export type LeagueContext = z.infer<typeof LeagueContext>;

/** The consensus main line of a player (see lib/slate/lines.ts). */
export const PropLine = z
  .object({
    points: pointsLine,
    over_odds: americanOdds.nullable(),
    under_odds: americanOdds.nullable(),
    books: z.number().int().min(1).max(BOUNDS.maxBooks),
    books_total: z.number().int().min(1).max(BOUNDS.maxBooks),
  })
  .refine((l) => l.books <= l.books_total, {
    message: 'books must not exceed books_total',
    path: ['books'],
  });
export type PropLine = z.infer<typeof PropLine>;

/** A bookmaker key as The Odds API writes it (`draftkings`, `williamhill_us`). */
export const BOOK_KEY = /^[a-z0-9_]{1,40}$/;

/** One book's over/under prices at one line (American odds; null = the book does not offer that side). */
export const BookPriceMessage = z.object({
  book: z.string().regex(BOOK_KEY, { message: 'must be a bookmaker key ([a-z0-9_]{1,40})' }),
  over_odds: americanOdds.nullable(),
  under_odds: americanOdds.nullable(),
});

/** The books' prices at one line of the ladder (lib/slate/prices.ts turns them into the market). */
export const LinePrices = z.object({
  line: pointsLine,
  prices: z.array(BookPriceMessage).max(32),
});
export type LinePrices = z.infer<typeof LinePrices>;

const probabilityCoef = finite.refine((n) => Math.abs(n) <= 100, { message: 'must be within +/-100' });

/**
 * What earlier graded dates taught, fit by startBatch before publishing (lib/model/calibration.ts):
 * each system's calibration of P(over) and the ensemble's anchor weight. Only rows dated before
 * `fitted_before` (the game date) were read.
 */
export const ModelState = z.object({
  fitted_before: isoDate,
  calibrations: z.record(
    z.string().regex(/^[a-z0-9_]{1,40}$/),
    z.object({
      with_market: z.tuple([probabilityCoef, probabilityCoef, probabilityCoef]),
      model_only: z.tuple([probabilityCoef, probabilityCoef]),
      rows: z.number().int().min(0),
    }),
  ),
  anchor: z.object({
    weight: finite.refine((n) => n >= 0 && n <= 1, { message: 'must be 0-1' }),
    rows: z.number().int().min(0),
  }),
});
export type ModelState = z.infer<typeof ModelState>;

/** Whether the player is expected to play (startBatch's point-in-time assessment). */
export const Availability = z.object({
  status: z.enum(['active', 'questionable', 'likely_out']),
  reasons: z.array(z.string().max(200)).max(10),
});
export type Availability = z.infer<typeof Availability>;

/** Farthest a ladder line may be from the main line, points (lib/slate/ladder.ts). */
const MAX_LADDER_OFFSET = Math.max(...LADDER_OFFSETS.map(Math.abs));

/** `prediction-request`: everything predictPlayer needs, so it runs no query. */
export const PredictionRequest = z
  .object({
    batch_id: batchId,
    game_date: isoDate,
    game_id: gameId,
    player_lookup: lookup,
    player_name: playerName,
    team_abbr: teamAbbr,
    opponent_team_abbr: teamAbbr,
    is_home: z.boolean(),
    line: PropLine.nullable(),
    line_ladder: z.array(pointsLine).max(LADDER_OFFSETS.length),
    /** The books' prices at each ladder line (a line no book posts is absent or has no prices). */
    market: z.array(LinePrices).max(LADDER_OFFSETS.length),
    model_state: ModelState,
    availability: Availability,
    history: z.array(Game).max(BOUNDS.maxGames),
    opponent: TeamContext,
    team: TeamContext,
    league: LeagueContext,
    correlation_id: correlationId,
  })
  .superRefine((r, ctx) => {
    // The ladder is the main line and its neighbours (DESIGN §4), never free-standing lines.
    const main = r.line?.points;
    if (main === undefined) {
      if (r.line_ladder.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['line_ladder'], message: 'must be empty without a line' });
      }
      return;
    }
    r.line_ladder.forEach((l, i) => {
      if (Math.abs(l - main) > MAX_LADDER_OFFSET + 1e-9) {
        ctx.addIssue({
          code: 'custom',
          path: ['line_ladder', i],
          message: `must be within ${MAX_LADDER_OFFSET} points of the main line ${main}`,
        });
      }
    });
    if (new Set(r.line_ladder).size !== r.line_ladder.length) {
      ctx.addIssue({ code: 'custom', path: ['line_ladder'], message: 'must not repeat a line' });
    }
    r.market.forEach((m, i) => {
      if (!r.line_ladder.some((l) => Math.abs(l - m.line) < 1e-9)) {
        ctx.addIssue({
          code: 'custom',
          path: ['market', i, 'line'],
          message: 'must be a line of line_ladder',
        });
      }
    });
  });
export type PredictionRequest = z.infer<typeof PredictionRequest>;

/** `prediction-ready`: a player finished (rows are in staging), or the scheduler's sweep tick. */
export const PredictionReady = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('player_done'),
    batch_id: batchId,
    game_date: isoDate,
    player_lookup: lookup,
    rows_written: count(BOUNDS.maxRowsWritten),
  }),
  z.object({ kind: z.literal('sweep') }),
]);
export type PredictionReady = z.infer<typeof PredictionReady>;

/** Why a consolidation was asked for. */
export const ConsolidateReason = z.enum(['threshold', 'complete', 'deadline', 'manual']);
export type ConsolidateReason = z.infer<typeof ConsolidateReason>;

/** `prediction-consolidate`: MERGE a batch's staging table into player_prop_predictions. */
export const ConsolidateMessage = z.object({
  batch_id: batchId,
  game_date: isoDate,
  reason: ConsolidateReason,
});
export type ConsolidateMessage = z.infer<typeof ConsolidateMessage>;

/** `nba-phase6-export-trigger`: export a date (the latest consolidated batch unless `batch_id`). */
export const ExportMessage = z.object({
  game_date: z.string().refine((s) => /^today$/i.test(s) || isIsoDate(s), {
    message: 'must be YYYY-MM-DD or TODAY',
  }),
  batch_id: batchId.optional(),
});
export type ExportMessage = z.infer<typeof ExportMessage>;

/** What the export topic can write (lib/pipeline/exports.ts). */
export const EXPORT_TYPES = ['tonight', 'results', 'performance', 'best-bets'] as const;
export const ExportType = z.enum(EXPORT_TYPES);
export type ExportType = z.infer<typeof ExportType>;

/**
 * Everything `nba-phase6-export-trigger` accepts: the re-export of a date, `{game_date, batch_id?}`
 * (ExportMessage), or `{export_types, target_date}` naming what to write for the date D that
 * target_date resolves to (US-Eastern): `tonight` = tonight's export of D (`batch_id` allowed),
 * `results` = grade D and write its results, `performance` = the windows through D, `best-bets` =
 * the slate after D (D + 1: the morning after the games of D, tonight's best bets). The daily job
 * sends `{"export_types": ["results", "performance", "best-bets"], "target_date": "YESTERDAY"}`.
 */
export const ExportTriggerMessage = z
  .object({
    game_date: ExportMessage.shape.game_date.optional(),
    batch_id: ExportMessage.shape.batch_id,
    export_types: z.array(ExportType).min(1).max(EXPORT_TYPES.length).optional(),
    target_date: z
      .string()
      .refine((s) => /^(today|yesterday)$/i.test(s) || isIsoDate(s), {
        message: 'must be YYYY-MM-DD, TODAY or YESTERDAY',
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (m.export_types === undefined) {
      if (m.game_date === undefined) issue('game_date', 'required (or export_types with target_date)');
      if (m.target_date !== undefined) issue('target_date', 'only with export_types');
      return;
    }
    if (m.game_date !== undefined) issue('game_date', 'not with export_types (use target_date)');
    if (m.target_date === undefined) issue('target_date', 'required with export_types');
    if (new Set(m.export_types).size !== m.export_types.length)
      issue('export_types', 'must not repeat a type');
    if (m.batch_id !== undefined && !m.export_types.includes('tonight')) {
      issue('batch_id', 'only with the tonight export');
    }
  });
export type ExportTriggerMessage = z.infer<typeof ExportTriggerMessage>;

/** The path of the first issue, e.g. `line_ladder.0` (or `(message)` for the whole message). */
export function firstIssuePath(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.path.map(String).join('.') || '(message)' : '(message)';
}

/**
 * Formats zod issues as `field: problem (value)` joined by `; `, e.g.
 * `line.points: must be a finite number (got "abc")`. `root` names an issue of the whole input.
 */
export function describeIssues(error: z.ZodError, input: unknown, root = '(message)'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.') || root;
      const value = valueAt(input, issue.path);
      const shown = value === undefined ? 'missing' : `got ${truncate(JSON.stringify(value))}`;
      return `${path}: ${issue.message} (${shown})`;
    })
    .join('; ');
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function truncate(s: string | undefined): string {
  if (s === undefined) return 'undefined';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
