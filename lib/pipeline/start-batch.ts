/**
 * startBatch (DESIGN §2): resolve game_date (US-Eastern), build the slate and consensus lines, load
 * every player's history in one query and every team's context in one query, insert the
 * prediction_batches row, create the batch's staging table, publish one prediction-request per
 * eligible player (bounded by p-limit) and report the ineligible ones.
 *
 * Idempotent per trigger message: a redelivered trigger resumes its own batch instead of starting
 * a second one. Without `force`, a date whose latest batch is still running is not started again.
 */
import pLimit from 'p-limit';
import { resolveGameDate } from '../dates';
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import type { PredictionRequest, TriggerMessage } from '../messages';
import { lineLadder } from '../slate/ladder';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import { stagingSpec } from '../warehouse/schema';
import * as sql from '../warehouse/sql/batches';
import type { BatchRow } from './batch-store';
import { assertDateInData, contextOf, loadSlate, type Slate } from './slate-data';
import type { Candidate, Ineligible } from '../slate/select';

/** What startBatch did. */
export interface StartBatchResult {
  batch_id: string;
  game_date: string;
  games: number;
  expected_players: number;
  lined_players: number;
  ineligible: Ineligible[];
  /** True when an existing batch was resumed or kept instead of starting a new one. */
  reused: boolean;
}

/** `batch_<yyyy>_<mm>_<dd>_<unix ms>`: sortable and valid as a table-name suffix. */
export function newBatchId(gameDate: string, now: Date): string {
  return `batch_${gameDate.replace(/-/g, '_')}_${now.getTime()}`;
}

/** The prediction-request of one candidate of `slate` (what startBatch publishes). */
export function requestOf(
  slate: Slate,
  c: Candidate,
  batchId: string,
  correlationId: string,
): PredictionRequest {
  const ladder = c.line ? lineLadder(c.line.points) : [];
  return {
    batch_id: batchId,
    game_date: slate.game_date,
    game_id: c.game_id,
    player_lookup: c.player_lookup,
    player_name: c.player_name,
    team_abbr: c.team_abbr,
    opponent_team_abbr: c.opponent_team_abbr,
    is_home: c.is_home,
    line: c.line,
    line_ladder: ladder,
    market: ladder.flatMap((l) => c.prices.filter((p) => Math.abs(p.line - l) < 1e-9)),
    model_state: slate.model_state,
    history: c.history,
    opponent: contextOf(slate, c.opponent_team_abbr),
    team: contextOf(slate, c.team_abbr),
    league: slate.league,
    availability: c.availability ?? { status: 'active', reasons: [] },
    correlation_id: correlationId,
  };
}

/** Runs startBatch for one trigger message. */
export async function startBatch(
  rt: Runtime,
  msg: TriggerMessage,
  ctx: HandlerContext,
): Promise<StartBatchResult> {
  const t0 = Date.now();
  const wh = rt.warehouse;
  const now = rt.now();
  const gameDate = resolveGameDate(msg.game_date, now);
  const log = ctx.log.child({ game_date: gameDate });
  await assertDateInData(wh, gameDate);

  const [previous] = await wh.query<BatchRow>(sql.BATCH_OF_TRIGGER, { trigger_message_id: ctx.messageId });
  if (!previous && !msg.force) {
    const [latest] = await wh.query<BatchRow>(sql.BATCHES_OF_DATE, { game_date: gameDate });
    if (latest && latest.status === 'running' && Date.parse(latest.deadline_at) > now.getTime()) {
      log.info(
        `batch ${latest.batch_id} for ${gameDate} is still running; not starting another (use force)`,
        {
          event: 'batch_already_running',
        },
      );
      return {
        batch_id: latest.batch_id,
        game_date: gameDate,
        games: 0,
        expected_players: latest.expected_players,
        lined_players: latest.lined_players ?? 0,
        ineligible: [],
        reused: true,
      };
    }
  }

  const minMinutes = msg.min_minutes ?? rt.config.minMinutes;
  const slate = await loadSlate(wh, gameDate, rt.config, minMinutes, now);
  const { candidates, ineligible } = slate.selection;
  const batchId = previous?.batch_id ?? newBatchId(gameDate, now);
  const correlationId = msg.correlation_id ?? previous?.correlation_id ?? ctx.messageId;
  const blog = log.child({ batch_id: batchId, correlation_id: correlationId });
  const lined = candidates.filter((c) => c.line !== null).length;

  if (!previous) {
    await wh.createTable(stagingSpec(batchId, rt.config.stagingExpirationHours));
    await wh.execute(sql.INSERT_BATCH, {
      batch_id: batchId,
      game_date: gameDate,
      correlation_id: correlationId,
      now: now.toISOString(),
      expected_players: candidates.length,
      ineligible_players: ineligible.length,
      ineligible_json: JSON.stringify(
        ineligible.map((i) => ({ player_lookup: i.player_lookup, reason: i.reason, detail: i.detail })),
      ),
      lined_players: lined,
      deadline_at: new Date(now.getTime() + rt.config.batchDeadlineMinutes * 60_000).toISOString(),
      trigger_message_id: ctx.messageId,
    });
    await wh.execute(sql.SET_MODEL_STATE, {
      batch_id: batchId,
      model_state_json: JSON.stringify(slate.model_state),
    });
  } else {
    blog.info(`trigger redelivered; resuming batch ${batchId}`, { event: 'batch_resumed' });
  }
  for (const i of ineligible) logs.playerIneligible(blog, i.player_lookup, i.reason, i.detail);
  if (slate.unmatched_line_players.length > 0) {
    blog.warn(`${slate.unmatched_line_players.length} players have lines for events not on the schedule`, {
      event: 'lines_unmatched',
      players: slate.unmatched_line_players.slice(0, 20),
    });
  }

  const limit = pLimit(rt.config.publishConcurrency);
  await Promise.all(
    candidates.map((c) =>
      limit(() => {
        const request = requestOf(slate, c, batchId, correlationId);
        return rt.bus.publish(TOPICS.request, request, {
          batch_id: batchId,
          player_lookup: c.player_lookup,
          correlation_id: correlationId,
        });
      }),
    ),
  );
  await wh.execute(sql.SET_PUBLISHED, { batch_id: batchId, published_players: candidates.length });

  if (candidates.length === 0) {
    // Nothing to wait for: the batch is complete now, so consolidation (0 rows) and export run.
    if (
      (await wh.execute(sql.fireMilestone('complete'), { batch_id: batchId, now: now.toISOString() })) === 1
    ) {
      await rt.bus.publish(
        TOPICS.consolidate,
        { batch_id: batchId, game_date: gameDate, reason: 'complete' },
        { batch_id: batchId, correlation_id: correlationId },
      );
    }
  }
  logs.batchStarted(blog, {
    batch_id: batchId,
    game_date: gameDate,
    games: slate.games.length,
    expected_players: candidates.length,
    lined_players: lined,
    ineligible_players: ineligible.length,
    load_ms: Date.now() - t0,
  });
  return {
    batch_id: batchId,
    game_date: gameDate,
    games: slate.games.length,
    expected_players: candidates.length,
    lined_players: lined,
    ineligible,
    reused: previous !== undefined,
  };
}
