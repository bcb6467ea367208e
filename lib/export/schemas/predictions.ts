/**
 * `v1/predictions/<date>.json` and `v1/predictions/today.json` (DESIGN §5): every system's
 * prediction at each player's main line (or the no-line row), grouped by game.
 */
import { z } from 'zod';
import { ExportedAvailability, ExportedPrediction, TipOff, count, isoDate, isoInstant } from './common';

/** One system's prediction of one player. */
export const PredictionEntry = ExportedPrediction.pick({
  predicted: true,
  edge: true,
  p_over: true,
  p_under: true,
  recommendation: true,
  pass_reason: true,
  ev: true,
  confidence: true,
})
  .extend({
    player_lookup: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    is_home: z.boolean().nullable(),
    system_id: z.string(),
    model_version: z.string().nullable(),
    line: z.number().nullable().describe('the main line, points; null without a line'),
    availability: ExportedAvailability.shape.status,
    skip_reason: z.string().nullable(),
  })
  .meta({ id: 'PredictionEntry' });
export type PredictionEntry = z.infer<typeof PredictionEntry>;

/** The document. */
export const PredictionsDoc = z.strictObject({
  game_date: isoDate(),
  generated_at: isoInstant(),
  batch_id: z.string().nullable(),
  total_games: count(),
  total_predictions: count(),
  games: z.array(
    z.strictObject({
      game_id: z.string(),
      home_team: z.string(),
      away_team: z.string(),
      ...TipOff,
      prediction_count: count(),
      recommendation_breakdown: z.strictObject({
        over: count(),
        under: count(),
        pass: count(),
        no_line: count(),
      }),
      predictions: z.array(PredictionEntry),
    }),
  ),
});
export type PredictionsDoc = z.infer<typeof PredictionsDoc>;
