/**
 * `v1/best-bets/<date>.json`: the slate's picks ranked by expected value at the price taken, each
 * with how the season's graded picks of the same system and EV band did before the slate.
 */
import { z } from 'zod';
import { Estimate } from '../../grading/report-schema';
import { ExportedAvailability, pickTaken, TipOff, count, isoDate, isoInstant, probability } from './common';

/** How the similar picks did. */
export const SimilarPicks = z
  .strictObject({
    system_id: z.string(),
    ev_band: z.string().nullable(),
    picks: count(),
    wins: count(),
    losses: count(),
    pushes: count(),
    hit_rate: Estimate,
    break_even: probability(),
    roi: Estimate.describe('at the price taken'),
  })
  .meta({ id: 'SimilarPicks' });
export type SimilarPicks = z.infer<typeof SimilarPicks>;

/** One ranked pick. */
export const BestBet = z
  .strictObject({
    rank: z.number().int().min(1),
    game_id: z.string(),
    ...TipOff,
    home_team: z.string().nullable(),
    away_team: z.string().nullable(),
    player_lookup: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    opponent: z.string().nullable(),
    is_home: z.boolean().nullable(),
    system_id: z.string(),
    line: z.number().nullable(),
    main_line: z.boolean(),
    ...pickTaken,
    predicted: z.number().nullable(),
    availability: ExportedAvailability.shape.status.nullable(),
    ev_band: z.string().nullable(),
    similar: SimilarPicks,
  })
  .meta({ id: 'BestBet' });
export type BestBet = z.infer<typeof BestBet>;

/** The document. */
export const BestBetsDoc = z.strictObject({
  game_date: isoDate(),
  generated_at: isoInstant(),
  similar_from: isoDate(),
  similar_to: isoDate().describe('the day before the slate'),
  similar_definition: z.string(),
  batch_ids: z.array(z.string()).describe("runs the picks come from (each player's newest consolidated run)"),
  total_picks: count(),
  picks: z.array(BestBet),
});
export type BestBetsDoc = z.infer<typeof BestBetsDoc>;
