/**
 * Grades a date: the newest consolidated batch's predictions against the box scores, written to
 * prediction_accuracy (the date's earlier grades are replaced, so grading can be rerun).
 */
import { gradePredictions, type Actual, type GradablePrediction } from '../grading/grade';
import type { Runtime } from '../runtime';
import { ACCURACY_SPEC } from '../warehouse/schema';
import * as bsql from '../warehouse/sql/batches';
import * as gsql from '../warehouse/sql/grading';
import type { BatchRow } from './batch-store';

/** What grading a date did. */
export interface GradeDateResult {
  game_date: string;
  batch_id: string | null;
  graded: number;
  void_players: number;
}

/** Grades `gameDate`. Returns zeros when the date has no consolidated batch. */
export async function gradeDate(rt: Runtime, gameDate: string): Promise<GradeDateResult> {
  const wh = rt.warehouse;
  const [batch] = await wh.query<BatchRow>(bsql.LATEST_CONSOLIDATED, { game_date: gameDate });
  if (!batch) return { game_date: gameDate, batch_id: null, graded: 0, void_players: 0 };
  const predictions = await wh.query<GradablePrediction>(gsql.PREDICTIONS_TO_GRADE, {
    game_date: gameDate,
    batch_id: batch.batch_id,
  });
  const actuals = new Map(
    (await wh.query<Actual>(gsql.ACTUALS_OF_DATE, { game_date: gameDate })).map((a) => [a.player_lookup, a]),
  );
  const rows = gradePredictions(predictions, actuals, rt.now().toISOString());
  await wh.execute(gsql.DELETE_ACCURACY_OF_DATE, { game_date: gameDate });
  await wh.load(ACCURACY_SPEC, rows);
  const players = new Set(predictions.map((p) => p.player_lookup));
  return {
    game_date: gameDate,
    batch_id: batch.batch_id,
    graded: rows.length,
    void_players: [...players].filter((p) => !actuals.has(p)).length,
  };
}
