/**
 * exportTonight (DESIGN §2, §5): read the consolidated predictions of a batch (the newest
 * consolidated batch of the date unless the message names one), build all-players.json, one file
 * per player and predictions/<date>.json (+ today.json), check every number is finite or null, and
 * write them to the bucket.
 *
 * `v1/tonight/` (and today.json) only moves forward: an export of a date older than the newest
 * consolidated date writes only `v1/predictions/<date>.json`. One player whose card cannot be
 * built or written (a permanent failure) is logged with his player_lookup and left out; the others
 * are written and the count of failures is reported with the export.
 */
import pLimit from 'p-limit';
import { addDays, resolveGameDate } from '../../dates';
import { PermanentError, errorMessage } from '../../errors';
import { buildPlayerDoc } from '../../export/player';
import { buildPredictions } from '../../export/predictions';
import { pastConsensus, type PastLineRow } from '../../export/record';
import { groupByPlayer, type ExportRow, type PlayerRows } from '../../export/rows';
import { EXPORT_PATHS, PLAYER_PREFIX } from '../../export/paths';
import { buildTonight } from '../../export/tonight';
import { prepareExport, putExport } from './write';
import type { HandlerContext } from '../../handler';
import type { Logger } from '../../log';
import * as logs from '../../logs';
import type { ExportMessage } from '../../messages';
import type { Runtime } from '../../runtime';
import { publishPages } from '../../site/publish';
import * as bsql from '../../warehouse/sql/batches';
import { EXPORT_ROWS } from '../../warehouse/sql/predictions';
import { PAST_MAIN_LINE_COUNTS } from '../../warehouse/sql/slate';
import { assertNotSuperseded, findBatch, getBatch, type BatchRow } from '../../data/batches';
import { assertDateInData, gamesOfDate } from '../../data/slate';

/** Days of past lines read for the last-10 over/under record (10 games fit in 40 days). */
export const PAST_LINES_DAYS = 60;

/** What an export wrote. */
export interface ExportResult {
  game_date: string;
  batch_id: string | null;
  objects: number;
  players: number;
  with_lines: number;
  tonight_uri: string;
  /** Players whose card could not be built or written (each logged with his player_lookup). */
  card_failures: number;
  /** False when a newer date is already in `v1/tonight/` (only predictions/<date>.json written). */
  tonight_written: boolean;
}

/**
 * The run an export stands for: the one named (of this date, consolidated, not superseded by a
 * later run) or the newest consolidated run of the date. The export itself shows each player's
 * rows from his newest consolidated run, so a run cut short adds players without hiding others.
 * @throws PermanentError: UNKNOWN_BATCH, GAME_DATE_MISMATCH, NOT_CONSOLIDATED, SUPERSEDED_BATCH,
 *   NO_CONSOLIDATED_BATCH. An export never replaces tonight's files with a batch that has no rows.
 */
async function chooseBatch(rt: Runtime, msg: ExportMessage, gameDate: string): Promise<BatchRow> {
  if (msg.batch_id) {
    const b = await getBatch(rt.warehouse, msg.batch_id);
    if (b.game_date !== gameDate) {
      throw new PermanentError(
        'GAME_DATE_MISMATCH',
        `game_date: batch ${b.batch_id} is for ${b.game_date}, not ${gameDate}`,
        { field: 'game_date' },
      );
    }
    if (!b.consolidated_at) {
      throw new PermanentError(
        'NOT_CONSOLIDATED',
        `batch_id: batch ${b.batch_id} has not been consolidated yet`,
        {
          field: 'batch_id',
        },
      );
    }
    await assertNotSuperseded(rt.warehouse, b);
    return b;
  }
  const [latest] = await rt.warehouse.query<BatchRow>(bsql.LATEST_CONSOLIDATED, { game_date: gameDate });
  if (!latest) {
    throw new PermanentError(
      'NO_CONSOLIDATED_BATCH',
      `game_date: no consolidated batch for ${gameDate}; run the predictions first`,
      { field: 'game_date' },
    );
  }
  return latest;
}

/**
 * True when the batch was consolidated again after `batch` was read: the threshold (80%) export and
 * the final export can overlap under Pub/Sub, and the one that read older rows must not write last.
 */
async function supersededBy(rt: Runtime, batch: BatchRow): Promise<boolean> {
  const fresh = await findBatch(rt.warehouse, batch.batch_id);
  return fresh !== null && fresh.consolidated_at !== batch.consolidated_at;
}

/** Logs a player left out of the export and why. */
function cardFailed(log: Logger, playerLookup: string, err: unknown): void {
  log.child({ player_lookup: playerLookup }).error(`card of ${playerLookup} left out: ${errorMessage(err)}`, {
    event: 'card_failed',
    code: err instanceof PermanentError ? err.code : 'UNEXPECTED',
  });
}

/**
 * Runs one export.
 * @throws PermanentError (see chooseBatch, assertDateInData); the first retryable write failure,
 *   after every other object was written, so the redelivery rewrites what failed.
 */
export async function exportTonight(
  rt: Runtime,
  msg: ExportMessage,
  ctx: HandlerContext,
): Promise<ExportResult> {
  const t0 = Date.now();
  const gameDate = resolveGameDate(msg.game_date, rt.now());
  const log = ctx.log.child({ game_date: gameDate });
  await assertDateInData(rt.warehouse, gameDate);
  const games = await gamesOfDate(rt.warehouse, gameDate);
  const batch = await chooseBatch(rt, msg, gameDate);
  // Every player of the date from his newest consolidated run (the chosen batch is the newest run),
  // and the past lines of the same players, read together.
  const [rows, pastRows] = await Promise.all([
    rt.warehouse.query<ExportRow>(EXPORT_ROWS, { game_date: gameDate }),
    rt.warehouse.query<PastLineRow>(PAST_MAIN_LINE_COUNTS, {
      from_date: addDays(gameDate, -PAST_LINES_DAYS),
      game_date: gameDate,
    }),
  ]);
  const pastLines = pastConsensus(pastRows);
  const generatedAt = rt.now().toISOString();
  const batchId = batch.batch_id;
  const gameById = new Map(games.map((g) => [g.game_id, g]));

  // Build and check each player's card on its own: one player's bad rows cannot stop the others.
  const cards: Array<{ p: PlayerRows; body: string }> = [];
  const failed = new Set<string>();
  for (const p of groupByPlayer(rows)) {
    if (p.feature_error) {
      log.child({ player_lookup: p.player_lookup }).error(`${p.player_lookup}: ${p.feature_error}`, {
        event: 'bad_features',
      });
    }
    try {
      const doc = buildPlayerDoc(p, gameById.get(p.game_id), gameDate, generatedAt, pastLines);
      cards.push({ p, body: prepareExport(log, 'player', EXPORT_PATHS.player(p.player_lookup).path, doc) });
    } catch (err) {
      cardFailed(log, p.player_lookup, err);
      failed.add(p.player_lookup);
    }
  }
  const kept = failed.size === 0 ? rows : rows.filter((r) => !failed.has(r.player_lookup));
  const tonight = buildTonight({ gameDate, generatedAt, batchId, games, rows: kept, pastLines });
  if (await supersededBy(rt, batch)) {
    log.info(
      `a newer consolidation of ${batch.batch_id} finished while exporting; its export writes instead`,
      {
        event: 'export_superseded',
      },
    );
    return {
      game_date: gameDate,
      batch_id: batchId,
      objects: 0,
      players: 0,
      with_lines: 0,
      tonight_uri: '',
      card_failures: 0,
      tonight_written: false,
    };
  }
  const ofDate = EXPORT_PATHS.predictionsOfDate(gameDate);
  // Both documents are checked before anything is written: an invalid one stops the export here.
  const predictions = prepareExport(
    log,
    'predictions',
    ofDate.path,
    buildPredictions({ gameDate, generatedAt, batchId, games, rows: kept }),
  );
  const tonightBody = prepareExport(log, 'all-players', EXPORT_PATHS.tonight.path, tonight);
  const ofDateUri = await putExport(rt.store, ofDate, predictions);
  const [newest] = await rt.warehouse.query<{ game_date: string | null }>(bsql.NEWEST_CONSOLIDATED_DATE);
  const tonightWritten = !newest?.game_date || newest.game_date <= gameDate;
  let tonightUri = '';
  let objects = 1;
  if (!tonightWritten) {
    log.info(`v1/tonight/ shows ${newest?.game_date}, a later date: only ${ofDate.path} written`, {
      event: 'tonight_kept',
    });
  } else {
    tonightUri = await putExport(rt.store, EXPORT_PATHS.tonight, tonightBody);
    await putExport(rt.store, EXPORT_PATHS.predictionsToday, predictions);
    const limit = pLimit(rt.config.exportConcurrency);
    const retryable: unknown[] = [];
    const written = await Promise.all(
      cards.map(({ p, body }) =>
        limit(async () => {
          const target = EXPORT_PATHS.player(p.player_lookup);
          try {
            await putExport(rt.store, target, body);
            return target.path;
          } catch (err) {
            if (!(err instanceof PermanentError)) retryable.push(err);
            cardFailed(log, p.player_lookup, err);
            failed.add(p.player_lookup);
            return null;
          }
        }),
      ),
    );
    if (retryable.length > 0) throw retryable[0];
    // Cards of players who are not in tonight's export (an earlier date's) would be read as tonight's.
    const current = new Set(written.filter((x): x is string => x !== null));
    const stale = (await rt.store.list(PLAYER_PREFIX)).filter((path) => !current.has(path));
    await Promise.all(stale.map((path) => limit(() => rt.store.delete(path))));
    const pages = await publishPages(rt.store, log); // the HTML pages and their assets (lib/site)
    objects = 3 + current.size + (pages?.objects ?? 0);
  }
  await rt.warehouse.execute(bsql.SET_EXPORTED, {
    batch_id: batch.batch_id,
    now: rt.now().toISOString(),
    path: tonightWritten ? EXPORT_PATHS.tonight.path : ofDate.path,
  });
  logs.exported(log, {
    game_date: gameDate,
    batch_id: batchId,
    objects,
    players: tonight.total_players,
    path: tonightWritten ? tonightUri : ofDateUri,
    card_failures: failed.size,
    ms: Date.now() - t0,
  });
  return {
    game_date: gameDate,
    batch_id: batchId,
    objects,
    players: tonight.total_players,
    with_lines: tonight.total_with_lines,
    tonight_uri: tonightUri,
    card_failures: failed.size,
    tonight_written: tonightWritten,
  };
}
