/**
 * One prediction-request through the model: its features and point-in-time history, the five
 * systems over the line ladder (lib/model/registry.ts), and the staging records of the result
 * (lib/model/rows.ts). Pure: predictPlayer writes what this returns, the backtest and the training
 * rows replay it.
 */
import type { PredictionRequest } from '../messages';
import { computeFeatures, historyBefore } from './features';
import { runSystems } from './registry';
import { predictionRows, type PredictionRecord } from './rows';
import type { SystemInput } from './types';

/** What every system reads for one request: its features and its history before game_date, newest first. */
export function systemInputOf(req: PredictionRequest): SystemInput {
  const features = computeFeatures(req.history, req.game_date, req.is_home, req.team);
  const history = historyBefore(req.history, req.game_date);
  return { features, history, opponent: req.opponent, team: req.team, league: req.league };
}

/**
 * The staging records of one request: 5 systems x the ladder's lines (25 with a line, 5 NO_LINE
 * rows without). `createdAt` is an ISO timestamp.
 */
export function predictRequest(req: PredictionRequest, createdAt: string): PredictionRecord[] {
  const input = systemInputOf(req);
  const anchor = { mainLine: req.line?.points ?? null, weight: req.model_state.anchor.weight };
  return predictionRows(req, input.features, runSystems(input, anchor), createdAt);
}
