/**
 * `v1/tonight/player/<player_lookup>.json`: one player's card for tonight. `summary` is his entry
 * of all-players.json (availability, the main line's market, the ensemble's prediction, season and
 * last-5 numbers, the last 10 against their lines); the card adds the game, the numbers only the
 * card shows, the recent games, every system at the main line and the ensemble across the ladder.
 */
import { z } from 'zod';
import { ExportedPrediction, LineMarket, TipOff, isoDate, isoInstant } from './common';
import { TonightPlayer } from './tonight';

/** The ensemble at one ladder line: its market, probabilities and decision. */
export const LadderLine = LineMarket.extend(
  ExportedPrediction.pick({
    p_over: true,
    p_under: true,
    p_push: true,
    recommendation: true,
    pass_reason: true,
    ev: true,
    edge: true,
  }).shape,
).meta({ id: 'LadderLine' });

/** One system at the main line. */
export const CardSystem = ExportedPrediction.pick({
  predicted: true,
  p_over: true,
  recommendation: true,
  pass_reason: true,
  ev: true,
  edge: true,
})
  .extend({
    system_id: z.string(),
    model_version: z.string().nullable(),
    skip_reason: z.string().nullable().describe('why the system could not predict, else null'),
  })
  .meta({ id: 'CardSystem' });

/** The per-player document. */
export const PlayerDoc = z.strictObject({
  player_lookup: z.string(),
  name: z.string(),
  game_date: isoDate(),
  generated_at: isoInstant(),
  game: z.strictObject({
    game_id: z.string(),
    team: z.string().nullable(),
    opponent: z.string().nullable(),
    is_home: z.boolean().nullable(),
    ...TipOff,
  }),
  summary: TonightPlayer,
  last_10_ppg: z.number().nullable().describe('points per game, last 10 games played'),
  last_10_mpg: z.number().nullable().describe('minutes per game, last 10 games played'),
  back_to_back: z.boolean().describe('tonight is the second night of a back-to-back'),
  recent_games: z
    .array(
      z.strictObject({
        game_date: isoDate(),
        points: z.number(),
        minutes: z.number(),
        line: z.number().nullable().describe("that game's consensus line (null when none)"),
        result: z.enum(['O', 'U', '-']),
      }),
    )
    .describe('newest first'),
  systems: z.array(CardSystem),
  ladder: z
    .array(LadderLine)
    .describe(
      'the ensemble at each ladder line; a line no book posts has 0 books, null odds and PASS NO_PRICE',
    ),
});
export type PlayerDoc = z.infer<typeof PlayerDoc>;
