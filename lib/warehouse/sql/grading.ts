/**
 * Statements of grading (DESIGN §7): the games a date's grading covers, the grading MERGE into
 * prediction_accuracy, the rows of the results export and the graded rows the report measures.
 *
 * What is graded is exactly what was exported: each player's rows from his newest consolidated run
 * of the date (EXPORTED_RUNS, the rule of EXPORT_ROWS). The rules, all in the MERGE's source:
 * - played: a box-score row with minutes > 0; actual_points = its points. Otherwise (no row, or a
 *   0-minute row) the row is a **void**: actual_points, absolute_error, signed_error null.
 * - line_result: OVER when actual > line, UNDER when actual < line, PUSH when equal (null without a
 *   line or for a void).
 * - result of an OVER/UNDER pick: void, push, win (line_result = the pick) or loss; null otherwise.
 * - profit_units of one unit at the price taken (price_odds, American): a win pays b = odds/100 for
 *   +odds and 100/|odds| for -odds (+150 -> 1.5, -120 -> 0.8333), a loss -1, a push or void 0
 *   (the stake is refunded); lib/slate/prices.ts netPayout is the same formula.
 * - prediction_correct: true on a win, false on a loss, null otherwise (its meaning before these
 *   columns existed).
 * Games whose box scores are not loaded yet (no row for the game_id) are left out of the source, so
 * their players are not voided by mistake.
 */
import { TABLES, tableToken as t } from '../tables';
import { EXPORTED_RUNS } from './predictions';

const A = t(TABLES.accuracy);
const P = t(TABLES.predictions);
const PGS = t(TABLES.playerGameSummary);
const S = t(TABLES.schedule);
const DATE = 'CAST(@game_date AS DATE)';

/**
 * The games of a date's exported predictions: players exported, box-score rows loaded (0 = not
 * loaded yet), teams and tip-off (null when the schedule has none). Params: @game_date.
 */
export const GRADING_GAMES = `
WITH ${EXPORTED_RUNS},
box AS (
  SELECT game_id, COUNT(*) AS box_score_rows FROM ${PGS} WHERE game_date = ${DATE} GROUP BY game_id
)
SELECT x.game_id, COUNT(DISTINCT x.player_lookup) AS players, COALESCE(MAX(box.box_score_rows), 0) AS box_score_rows,
       MAX(s.home_team) AS home_team, MAX(s.away_team) AS away_team, MAX(s.commence_time) AS commence_time
FROM player_batch AS x
LEFT JOIN box ON box.game_id = x.game_id
LEFT JOIN ${S} AS s ON s.game_id = x.game_id AND s.game_date = ${DATE}
GROUP BY x.game_id
ORDER BY x.game_id`;

/** Columns the MERGE writes besides the key, in the order of lib/warehouse/schema.ts. */
const GRADE_COLUMNS = [
  'game_id',
  'game_date',
  'player_lookup',
  'system_id',
  'line_key',
  'line_value',
  'predicted_points',
  'recommendation',
  'actual_points',
  'minutes',
  'absolute_error',
  'signed_error',
  'prediction_correct',
  'batch_id',
  'line_result',
  'result',
  'price_odds',
  'profit_units',
] as const;

/** Columns whose change means a new grade (a corrected box score, a re-consolidated row). */
const CHANGED = [
  'actual_points',
  'minutes',
  'line_value',
  'predicted_points',
  'recommendation',
  'batch_id',
  'result',
  'price_odds',
  'profit_units',
] as const;

/**
 * Grades a date into prediction_accuracy, keyed by prediction_id (see the module comment for the
 * rules). A matched row is rewritten only when a graded value changed, so running it again changes
 * nothing (graded_at included); a row of the date that is no longer exported (a newer run of the
 * player was consolidated since) is deleted. Params: @game_date, @now.
 */
export const MERGE_GRADES = `
MERGE INTO ${A} AS T
USING (
  WITH ${EXPORTED_RUNS},
  box AS (SELECT DISTINCT game_id FROM ${PGS} WHERE game_date = ${DATE}),
  played AS (
    SELECT player_lookup, MAX(points) AS points, MAX(minutes_played) AS minutes
    FROM ${PGS} WHERE game_date = ${DATE}
    GROUP BY player_lookup
  ),
  g AS (
    SELECT p.prediction_id, p.batch_id, p.game_id, p.game_date, p.player_lookup, p.system_id, p.line_key,
           p.line_value, p.predicted_points, p.recommendation,
           CASE WHEN p.recommendation IN ('OVER', 'UNDER') THEN p.price_odds END AS price_odds,
           CASE WHEN pl.minutes > 0 THEN pl.points END AS actual_points, pl.minutes AS minutes
    FROM ${P} AS p
    JOIN player_batch AS x ON x.game_id = p.game_id AND x.player_lookup = p.player_lookup AND x.batch_id = p.batch_id
    JOIN box ON box.game_id = p.game_id
    LEFT JOIN played AS pl ON pl.player_lookup = p.player_lookup
    WHERE p.game_date = ${DATE}
  ),
  l AS (
    SELECT g.*,
           CASE WHEN g.line_value IS NULL OR g.actual_points IS NULL THEN NULL
                WHEN g.actual_points > g.line_value THEN 'OVER'
                WHEN g.actual_points < g.line_value THEN 'UNDER'
                ELSE 'PUSH' END AS line_result
    FROM g
  ),
  r AS (
    SELECT l.*,
           CASE WHEN l.recommendation NOT IN ('OVER', 'UNDER') THEN NULL
                WHEN l.actual_points IS NULL THEN 'void'
                WHEN l.line_result = 'PUSH' THEN 'push'
                WHEN l.line_result = l.recommendation THEN 'win'
                ELSE 'loss' END AS result
    FROM l
  )
  SELECT prediction_id, game_id, game_date, player_lookup, system_id, line_key, line_value, predicted_points,
         recommendation, actual_points, minutes, batch_id, line_result, result, price_odds,
         ABS(predicted_points - actual_points) AS absolute_error,
         predicted_points - actual_points AS signed_error,
         CASE result WHEN 'win' THEN TRUE WHEN 'loss' THEN FALSE END AS prediction_correct,
         CASE result
           WHEN 'win' THEN CASE WHEN price_odds > 0 THEN CAST(price_odds AS FLOAT64) / 100
                                ELSE 100 / CAST(-price_odds AS FLOAT64) END
           WHEN 'loss' THEN CAST(-1 AS FLOAT64)
           WHEN 'push' THEN CAST(0 AS FLOAT64)
           WHEN 'void' THEN CAST(0 AS FLOAT64)
         END AS profit_units
  FROM r
) AS S
ON T.prediction_id = S.prediction_id
WHEN MATCHED AND (${CHANGED.map((c) => `T.${c} IS DISTINCT FROM S.${c}`).join(' OR ')}) THEN UPDATE SET
    ${GRADE_COLUMNS.map((c) => `${c} = S.${c}`).join(',\n    ')},
    graded_at = CAST(@now AS TIMESTAMP)
WHEN NOT MATCHED THEN INSERT (prediction_id, ${GRADE_COLUMNS.join(', ')}, graded_at)
  VALUES (S.prediction_id, ${GRADE_COLUMNS.map((c) => `S.${c}`).join(', ')}, CAST(@now AS TIMESTAMP))
WHEN NOT MATCHED BY SOURCE AND T.game_date = ${DATE} THEN DELETE`;

/** Graded rows, players and voids of a date, per system, after the MERGE. Params: @game_date. */
export const GRADED_COUNTS = `
SELECT system_id, COUNT(*) AS row_count, COUNT(DISTINCT player_lookup) AS players,
       COUNT(DISTINCT CASE WHEN actual_points IS NULL THEN player_lookup END) AS void_players,
       COUNT(CASE WHEN result = 'win' THEN 1 END) AS wins, COUNT(CASE WHEN result = 'loss' THEN 1 END) AS losses,
       COUNT(CASE WHEN result = 'push' THEN 1 END) AS pushes, COUNT(CASE WHEN result = 'void' THEN 1 END) AS voids
FROM ${A}
WHERE game_date = ${DATE}
GROUP BY system_id
ORDER BY system_id`;

/**
 * What the results export shows of a date: every graded OVER/UNDER pick (any system, any line of
 * the ladder) and every ensemble main-line row (the line each player was published with), with the
 * prediction's names, prices and probabilities. Params: @game_date.
 */
export const RESULT_ROWS = `
SELECT CAST(a.game_date AS STRING) AS game_date, a.game_id, a.player_lookup, p.player_name, p.team_abbr,
       p.opponent_team_abbr, p.is_home, a.system_id, a.line_key, a.line_value, p.is_main_line, p.over_odds,
       p.under_odds, a.predicted_points, a.recommendation, p.pass_reason, p.price_side, a.price_odds, p.price_book,
       p.ev, p.stake_fraction, p.confidence_score, p.p_over, p.market_p_over, p.availability_status,
       a.actual_points, a.minutes, a.line_result, a.result, a.profit_units, a.batch_id, a.graded_at
FROM ${A} AS a
JOIN ${P} AS p ON p.prediction_id = a.prediction_id AND p.game_date = a.game_date
WHERE a.game_date = ${DATE}
  AND (a.result IS NOT NULL OR (a.system_id = 'ensemble_v1' AND p.is_main_line))
ORDER BY a.game_id, a.player_lookup, a.system_id, a.line_key`;

/**
 * The graded rows (voids left out) of a date range that the report measures (lib/grading/report.ts):
 * every main-line or no-line row, and every OVER/UNDER pick at another line of the ladder (a
 * ladder row that is not a pick enters no figure), with the line, the probabilities, the decision,
 * its EV and the prices. Params: @from_date, @to_date.
 */
export const REPORT_ROWS = `
SELECT CAST(a.game_date AS STRING) AS game_date, a.system_id, p.line_value, p.is_main_line, a.actual_points,
       p.predicted_points, p.p_over, p.market_p_over, p.recommendation, p.pass_reason, p.price_side,
       p.price_odds, p.over_odds, p.under_odds, p.ev
FROM ${A} AS a
JOIN ${P} AS p ON p.prediction_id = a.prediction_id AND p.game_date = a.game_date
WHERE a.game_date >= CAST(@from_date AS DATE) AND a.game_date <= CAST(@to_date AS DATE)
  AND a.actual_points IS NOT NULL
  AND (p.is_main_line OR p.line_key = -1 OR p.recommendation IN ('OVER', 'UNDER'))
ORDER BY a.game_date, a.system_id, p.player_lookup, p.line_key`;
