/**
 * startBatch (DESIGN §2): resolve game_date (US-Eastern), build the slate and consensus lines, load
 * every player's history in one query and every team's context in one query, insert the
 * prediction_batches row, create the batch's staging table, publish one prediction-request per
 * eligible player (bounded by p-limit) and report the ineligible ones.
 *
 * Every request is validated with the schema predictPlayer uses before it is published: a player
 * whose request would be rejected (a line of 999, a box score with negative minutes) is reported
 * ineligible with the field and value, and is left out of expected_players and the manifest.
 *
 * Idempotent per trigger message: the batch id is derived from the message id and the batch row is
 * created by one conditional INSERT run at most once per batch id, so a redelivered or concurrent
 * delivery of the same trigger resumes that batch instead of starting a second one. Without
 * `force`, a date whose latest batch is still running is not started again.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { resolveGameDate } from '../dates';
import type { HandlerContext } from '../handler';
import * as logs from '../logs';
import { describeIssues, PredictionRequest, type TriggerMessage } from '../messages';
import { stagingRowCount } from '../model/rows';
import { requestOf } from '../slate/request';
import type { Runtime } from '../runtime';
import { TOPICS } from '../topics';
import { stagingSpec } from '../warehouse/schema';
import * as sql from '../warehouse/sql/batches';
import { findBatch, type BatchRow } from '../data/batches';
import { batchManifest, manifestRows, writeManifest } from '../data/manifest';
import { histogramJson, rowsHistogram } from '../data/completion-bound';
import { assertDateInData, loadSlate, type Slate } from '../data/slate';
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

/** Hex characters of the message-id hash in a batch id (64 bits: no collision in practice). */
export const BATCH_ID_HASH_CHARS = 16;

/**
 * `batch_<yyyy>_<mm>_<dd>_<16 hex of sha256(trigger message id)>`: the same for every delivery of
 * one trigger, sortable by date and valid as a table-name suffix whatever the message id holds.
 */
export function batchIdOf(gameDate: string, triggerMessageId: string): string {
  const h = createHash('sha256').update(triggerMessageId).digest('hex').slice(0, BATCH_ID_HASH_CHARS);
  return `batch_${gameDate.replace(/-/g, '_')}_${h}`;
}

/**
 * Splits candidates into those whose request passes {@link PredictionRequest} and those whose
 * request would be rejected: the latter become ineligible (`INVALID_REQUEST`), the detail naming
 * each field and value, e.g. `line.points: must be a points line from 0.5 to 80 in halves (got 999)`.
 */
export function validateRequests(
  slate: Slate,
  candidates: readonly Candidate[],
  batchId: string,
  correlationId: string,
): { valid: Array<{ candidate: Candidate; request: PredictionRequest }>; invalid: Ineligible[] } {
  const valid: Array<{ candidate: Candidate; request: PredictionRequest }> = [];
  const invalid: Ineligible[] = [];
  for (const c of candidates) {
    const request = requestOf(slate, c, batchId, correlationId);
    const parsed = PredictionRequest.safeParse(request);
    if (parsed.success) valid.push({ candidate: c, request });
    else {
      invalid.push({
        player_lookup: c.player_lookup,
        player_name: c.player_name,
        reason: 'INVALID_REQUEST',
        detail: describeIssues(parsed.error, request),
      });
    }
  }
  return { valid, invalid };
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

  let previous: BatchRow | undefined = (
    await wh.query<BatchRow>(sql.BATCH_OF_TRIGGER, { trigger_message_id: ctx.messageId })
  )[0];
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
  const batchId = previous?.batch_id ?? batchIdOf(gameDate, ctx.messageId);
  const correlationId = msg.correlation_id ?? previous?.correlation_id ?? ctx.messageId;
  const slate = await loadSlate(wh, previous?.game_date ?? gameDate, rt.config, minMinutes, now);
  const { valid, invalid } = validateRequests(slate, slate.selection.candidates, batchId, correlationId);
  const ineligible = [...slate.selection.ineligible, ...invalid];
  let candidates = valid;
  const blog = log.child({ batch_id: batchId, correlation_id: correlationId });

  if (!previous) {
    // Manifest first, then the batch row: a batch row always has its whole manifest.
    await wh.createTable(stagingSpec(batchId, rt.config.stagingExpirationHours));
    await writeManifest(
      wh,
      manifestRows(
        batchId,
        gameDate,
        valid.map((v) => v.candidate),
        now.toISOString(),
      ),
    );
    const created = await wh.execute(
      sql.CREATE_BATCH,
      {
        batch_id: batchId,
        game_date: gameDate,
        correlation_id: correlationId,
        now: now.toISOString(),
        expected_players: valid.length,
        ineligible_players: ineligible.length,
        ineligible_json: JSON.stringify(
          ineligible.map((i) => ({ player_lookup: i.player_lookup, reason: i.reason, detail: i.detail })),
        ),
        lined_players: valid.filter((v) => v.candidate.line !== null).length,
        deadline_at: new Date(now.getTime() + rt.config.batchDeadlineMinutes * 60_000).toISOString(),
        trigger_message_id: ctx.messageId,
        model_state_json: JSON.stringify(slate.model_state),
        expected_rows_json: histogramJson(rowsHistogram(valid.map((v) => stagingRowCount(v.request)))),
      },
      { onceKey: batchId },
    );
    if (created !== 1) previous = (await findBatch(wh, batchId)) ?? undefined;
  }
  if (previous) {
    // Another delivery of this trigger created the batch: publish only its members, and nothing
    // when all its requests are out already.
    const manifest = await batchManifest(wh, batchId);
    candidates = valid.filter((v) => manifest.has(v.candidate.player_lookup));
    const done = (previous.published_players ?? 0) >= previous.expected_players;
    blog.info(
      done
        ? `trigger redelivered; batch ${batchId} already published its ${previous.expected_players} requests`
        : `trigger redelivered; resuming batch ${batchId}`,
      { event: 'batch_resumed' },
    );
    if (done) candidates = [];
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
    candidates.map(({ request }) =>
      limit(() =>
        rt.bus.publish(TOPICS.request, request, {
          batch_id: batchId,
          player_lookup: request.player_lookup,
          correlation_id: correlationId,
        }),
      ),
    ),
  );
  const expected = previous?.expected_players ?? valid.length;
  const lined = previous ? (previous.lined_players ?? 0) : valid.filter((v) => v.candidate.line).length;
  if (candidates.length > 0 || !previous) {
    await wh.execute(sql.SET_PUBLISHED, { batch_id: batchId, published_players: expected });
  }

  if (expected === 0) {
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
    expected_players: expected,
    lined_players: lined,
    ineligible_players: ineligible.length,
    load_ms: Date.now() - t0,
  });
  return {
    batch_id: batchId,
    game_date: gameDate,
    games: slate.games.length,
    expected_players: expected,
    lined_players: lined,
    ineligible,
    reused: previous !== undefined,
  };
}
