/**
 * predictPlayer (DESIGN §2): checks the request against its batch's manifest (cached per process,
 * so no query per message), features from the history in the message only, every system over the
 * line ladder, rows loaded into the batch's staging table by a load job, then `prediction-ready`.
 * A redelivery loads the same keys again; consolidation keeps one row per key. A redelivery after
 * the final consolidation, for a player whose rows are merged, changes nothing.
 */
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { PredictionRequest } from '../messages';
import { computeFeatures, historyBefore } from '../model/features';
import { runSystems } from '../model/registry';
import { predictionRows } from '../model/rows';
import type { SystemInput } from '../model/types';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import { stagingSpec } from '../warehouse/schema';
import { PLAYER_ROWS_OF_BATCH } from '../warehouse/sql/predictions';
import { getBatch } from '../data/batches';
import { assertMember } from '../data/manifest';
import type { Row } from '../warehouse/port';

/** What every system reads for one request: its features and its history before game_date, newest first. */
export function systemInputOf(req: PredictionRequest): SystemInput {
  const features = computeFeatures(req.history, req.game_date, req.is_home, req.team);
  const history = historyBefore(req.history, req.game_date);
  return { features, history, opponent: req.opponent, team: req.team, league: req.league };
}

/** Rows of one request (pure; exported for tests and the backtest). */
export function predictRequest(req: PredictionRequest, createdAt: string): Row[] {
  const input = systemInputOf(req);
  const anchor = { mainLine: req.line?.points ?? null, weight: req.model_state.anchor.weight };
  return predictionRows(req, input.features, runSystems(input, anchor), createdAt);
}

/**
 * Runs predictPlayer for one request; returns the number of staging rows written (0 for a
 * duplicate of a player already merged by the final consolidation).
 * @throws PermanentError `UNKNOWN_BATCH` or `NOT_IN_BATCH` (lib/data/manifest.ts) naming the
 *   field that does not match the batch.
 */
export async function predictPlayer(
  rt: Runtime,
  req: PredictionRequest,
  ctx: HandlerContext,
): Promise<number> {
  const log = ctx.log.child({ batch_id: req.batch_id, player_lookup: req.player_lookup });
  await assertMember(rt.warehouse, {
    batch_id: req.batch_id,
    player_lookup: req.player_lookup,
    game_date: req.game_date,
    game_id: req.game_id,
    team_abbr: req.team_abbr,
    opponent_team_abbr: req.opponent_team_abbr,
    is_home: req.is_home,
    line_points: req.line?.points ?? null,
  });
  const rows = predictRequest(req, rt.now().toISOString());
  // No existence check per load: a missing staging table shows up in the load itself. Only a final
  // consolidation drops staging. A redelivered request of a player it merged is a duplicate (nothing
  // loaded, nothing published); any other request is a late result, loaded so `consolidate --batch`
  // includes it. The check runs whenever the load finds the table gone, so a redelivery racing the
  // final consolidation's DROP is decided the same way as one arriving after it.
  let duplicate = false;
  await rt.warehouse.load(stagingSpec(req.batch_id, rt.config.stagingExpirationHours), rows, {
    onMissingTable: async () => {
      const batch = await getBatch(rt.warehouse, req.batch_id);
      if (batch.consolidated_at !== null) {
        const [merged] = await rt.warehouse.query<{ row_count: number }>(PLAYER_ROWS_OF_BATCH, {
          game_date: req.game_date,
          batch_id: req.batch_id,
          player_lookup: req.player_lookup,
        });
        if ((merged?.row_count ?? 0) > 0) {
          log.info(`batch ${batch.batch_id} already merged this player; redelivered request ignored`, {
            event: 'duplicate_after_consolidation',
          });
          duplicate = true;
          return false;
        }
      }
      log.warn(
        `staging table of ${batch.batch_id} is gone (status ${batch.status}); recreating it for a late result`,
        { event: 'late_result' },
      );
      return true;
    },
  });
  if (duplicate) return 0;
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
