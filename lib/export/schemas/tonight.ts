/**
 * `v1/tonight/all-players.json` (DESIGN §5): tonight's games with every predicted player.
 */
import { z } from 'zod';
import {
  ExportedAvailability,
  ExportedPrediction,
  ExportedProp,
  TipOff,
  count,
  isoDate,
  isoInstant,
} from './common';

/** One player of all-players.json. */
export const TonightPlayer = z
  .strictObject({
    player_lookup: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    opponent: z.string().nullable(),
    is_home: z.boolean().nullable(),
    availability: ExportedAvailability,
    has_line: z.boolean(),
    days_rest: z.number().int().nullable(),
    season_ppg: z.number().nullable().describe("points per game, this season's games only"),
    season_mpg: z.number().nullable().describe("minutes per game, this season's games only"),
    last_5_ppg: z.number().nullable(),
    last_10_points: z.array(z.number()).describe('points of the last 10 games played, newest first'),
    games_played: count().describe('games with minutes > 0 this season'),
    limited_data: z.boolean().describe('fewer than 10 games played this season'),
    props: z
      .array(ExportedProp)
      .optional()
      .describe('the consensus main line with its market (absent without a line)'),
    prediction: ExportedPrediction.optional().describe('the ensemble (market-anchored) at the main line'),
    last_10_results: z
      .array(z.enum(['O', 'U', '-']))
      .optional()
      .describe("each of the last 10 games against that game's consensus line, newest first"),
    last_10_record: z.string().nullable().optional().describe('"overs-unders", null when none had a line'),
  })
  .meta({ id: 'TonightPlayer' });
export type TonightPlayer = z.infer<typeof TonightPlayer>;

/** One game of all-players.json. */
export const TonightGame = z
  .strictObject({
    game_id: z.string(),
    home_team: z.string(),
    away_team: z.string(),
    ...TipOff,
    game_status: z.literal('scheduled'),
    player_count: count(),
    players: z.array(TonightPlayer),
  })
  .meta({ id: 'TonightGame' });
export type TonightGame = z.infer<typeof TonightGame>;

/** The whole document. */
export const TonightDoc = z.strictObject({
  game_date: isoDate(),
  generated_at: isoInstant(),
  batch_id: z.string().nullable(),
  total_players: count(),
  total_with_lines: count(),
  games: z.array(TonightGame),
});
export type TonightDoc = z.infer<typeof TonightDoc>;
