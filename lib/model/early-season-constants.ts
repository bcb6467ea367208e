/**
 * Early season: players with few games this season get this season's points average shrunk toward
 * last season's, the empirical-Bayes weight n/(n+k) on this season (Efron & Morris, "Stein's
 * Paradox in Statistics", Scientific American 1977: the batting-average example of shrinking a
 * player's early average toward a prior mean). k is the number of games the prior is worth.
 */

/**
 * k, in games. Measured on the 2024-25 box scores (before the evaluated dates; `scripts/measure-2024-25.ts`):
 * players with >= 15 games and >= 15 minutes before a split date were followed after it, each game
 * j predicted from (j x mean of the j games after the split + k x mean before it) / (j + k); the
 * k with the lowest RMSE was 8 for a split at 2024-12-25 (RMSE 6.377 vs 6.783 at k = 0, 4,224
 * predictions) and at 2025-01-10 (6.414), 12 at 2024-12-01 (6.352; 6.357 at k = 8). A within-season split drifts less than
 * an offseason does, so if anything the true k across seasons is smaller.
 */
export const EARLY_SEASON_PRIOR_GAMES = 8;

/**
 * Games of this season under which moving_average uses the shrunk average as its baseline instead
 * of 0.5 L5 + 0.3 L10 + 0.2 season (whose L5/L10 are then mostly last season's games), and
 * zone_matchup_v1 uses it as its season average. Ours: the same 10 games the backtest reports the
 * early-season split at (README "Early season" gives the backtest of both variants).
 */
export const EARLY_SEASON_GAMES = 10;
