/**
 * predictPlayer (DESIGN §2): features from the history in the message only (no query), every
 * system over the line ladder, rows loaded into the batch's staging table by a load job, then
 * `prediction-ready`. A redelivery loads the same keys again; consolidation keeps one row per key.
 */
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { PredictionRequest } from '../messages';
import { computeFeatures } from '../model/features';
import { runSystems } from '../model/registry';
import { predictionRows } from '../model/rows';
import type { SystemInput } from '../model/types';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import { stagingSpec } from '../warehouse/schema';
import { stagingTable } from '../warehouse/tables';
import { getBatch } from './batch-store';
import type { Row } from '../warehouse/port';

/** What every system reads for one request: its features and its history before game_date, newest first. */
export function systemInputOf(req: PredictionRequest): SystemInput {
  const features = computeFeatures(req.history, req.game_date, req.is_home, req.team);
  const history = req.history
    .filter((g) => g.game_date < req.game_date)
    .sort((a, b) => (a.game_date < b.game_date ? 1 : -1));
  return { features, history, opponent: req.opponent, team: req.team, league: req.league };
}

/** Rows of one request (pure; exported for tests and the backtest). */
export function predictRequest(req: PredictionRequest, createdAt: string): Row[] {
  const input = systemInputOf(req);
  const anchor = { mainLine: req.line?.points ?? null, weight: req.model_state.anchor.weight };
  return predictionRows(req, input.features, runSystems(input, anchor), createdAt);
}

/** Runs predictPlayer for one request; returns the number of staging rows written. */
export async function predictPlayer(
  rt: Runtime,
  req: PredictionRequest,
  ctx: HandlerContext,
): Promise<number> {
  const log = ctx.log.child({ batch_id: req.batch_id, player_lookup: req.player_lookup });
  const rows = predictRequest(req, rt.now().toISOString());
  const staging = stagingTable(req.batch_id);
  if (!(await rt.warehouse.tableExists(staging))) {
    // Unknown batch: permanent. Known batch whose staging was dropped: a late or redelivered
    // request after the final consolidation; load anyway so `consolidate --batch` can pick it up.
    const batch = await getBatch(rt.warehouse, req.batch_id);
    log.warn(
      `staging table of ${batch.batch_id} is gone (status ${batch.status}); recreating it for a late result`,
      {
        event: 'late_result',
      },
    );
  }
  await rt.warehouse.load(stagingSpec(req.batch_id, rt.config.stagingExpirationHours), rows);
  const skipped = [
    ...new Set(
      rows
        .filter((r) => r.skip_reason !== null)
        .map((r) => `${String(r.system_id)}: ${String(r.skip_reason)}`),
    ),
  ];
  logs.playerPredicted(log, rows.length, skipped);
  await rt.bus.publish(
    TOPICS.ready,
    {
      kind: 'player_done',
      batch_id: req.batch_id,
      game_date: req.game_date,
      player_lookup: req.player_lookup,
      rows_written: rows.length,
    },
    { batch_id: req.batch_id, player_lookup: req.player_lookup, correlation_id: req.correlation_id },
  );
  return rows.length;
}
