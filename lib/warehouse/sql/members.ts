/**
 * Statements on prediction_batch_members, a batch's manifest (lib/data/manifest.ts). The rows
 * are written by a load job; a redelivered or concurrent trigger may load the same manifest twice,
 * so every reader de-duplicates (DISTINCT, or a semi-join).
 */
import { TABLES, tableToken as t } from '../tables';

const M = t(TABLES.members);

/** The members of a batch, one row per player. Params: @batch_id. */
export const MEMBERS_OF_BATCH = `
SELECT DISTINCT player_lookup, game_id, CAST(game_date AS STRING) AS game_date, team_abbr, opponent_team_abbr,
       is_home, line_points
FROM ${M}
WHERE batch_id = @batch_id
ORDER BY player_lookup`;

/**
 * The (player, game) pairs of a batch's manifest, as a subquery to join staging rows against, so
 * only members count and only members merge. Params: @batch_id.
 */
export const MEMBER_KEYS = `(SELECT DISTINCT player_lookup, game_id FROM ${M} WHERE batch_id = @batch_id)`;
