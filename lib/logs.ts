/**
 * Named structured log events (the style of the Firebase extension's `logs.ts`): every line the
 * pipeline writes about its own progress goes through one of these, so the message texts and
 * fields stay stable for the log-based metrics and alerts (terraform/log_metrics.tf, terraform/alerts.tf).
 */
import type { Logger } from './log';

/** A message was acked without processing because it can never succeed; `field` is the bad field. */
export function messageRejected(log: Logger, code: string, detail: string, field?: string): void {
  log.error(`message rejected (${code}): ${detail}`, {
    event: 'message_rejected',
    code,
    ...(field !== undefined ? { field } : {}),
  });
}

/** A message older than the maximum event age was dropped. */
export function messageTooOld(log: Logger, ageMinutes: number, maxMinutes: number): void {
  log.warn(`message dropped: ${ageMinutes.toFixed(0)} min old (max ${maxMinutes})`, {
    event: 'message_too_old',
    age_minutes: ageMinutes,
  });
}

/** A handler failed transiently and the message will be redelivered. */
export function retrying(log: Logger, code: string, detail: string): void {
  log.warn(`retryable failure (${code}): ${detail}`, { event: 'retrying', code });
}

/** A handler failed permanently (a named bad input); the message is acked. */
export function permanentFailure(log: Logger, code: string, detail: string, field?: string): void {
  log.error(`permanent failure (${code}): ${detail}`, {
    event: 'permanent_failure',
    code,
    ...(field !== undefined ? { field } : {}),
  });
}

/** startBatch published a batch. */
export function batchStarted(
  log: Logger,
  f: {
    batch_id: string;
    game_date: string;
    games: number;
    expected_players: number;
    lined_players: number;
    ineligible_players: number;
    load_ms: number;
  },
): void {
  log.info(
    `batch ${f.batch_id} started for ${f.game_date}: ${f.games} games, ${f.expected_players} players (${f.lined_players} with lines), ${f.ineligible_players} ineligible`,
    { event: 'batch_started', ...f },
  );
}

/** A selected player was not published. */
export function playerIneligible(log: Logger, playerLookup: string, reason: string, detail: string): void {
  log.child({ player_lookup: playerLookup }).info(`player ineligible (${reason}): ${detail}`, {
    event: 'player_ineligible',
    reason,
  });
}

/** predictPlayer wrote a player's rows to staging. */
export function playerPredicted(log: Logger, rows: number, skipped: string[]): void {
  log.info(`wrote ${rows} staging rows`, {
    event: 'player_predicted',
    rows_written: rows,
    systems_skipped: skipped,
  });
}

/** A batch milestone fired. */
export function milestoneFired(log: Logger, milestone: string, players: number, expected: number): void {
  log.info(`milestone ${milestone} fired at ${players}/${expected} players`, {
    event: 'milestone_fired',
    milestone,
    players,
    expected_players: expected,
  });
}

/** A consolidation finished. */
export function consolidated(
  log: Logger,
  f: {
    reason: string;
    merged_rows: number;
    batch_rows: number;
    duplicate_keys: number;
    staging_dropped: boolean;
    ms: number;
  },
): void {
  log.info(`consolidated (${f.reason}): ${f.batch_rows} rows of this batch in player_prop_predictions`, {
    event: 'consolidated',
    ...f,
  });
}

/** A consolidation failed. Alert policy: terraform/alerts.tf `consolidation_failed`. */
export function consolidationFailed(log: Logger, detail: string): void {
  log.error(`consolidation failed: ${detail}`, { event: 'consolidation_failed' });
}

/** The export wrote its objects. */
export function exported(
  log: Logger,
  f: {
    game_date: string;
    batch_id: string | null;
    objects: number;
    players: number;
    path: string;
    /** Players whose card could not be built or written (each logged as `card_failed`). */
    card_failures: number;
    ms: number;
  },
): void {
  const failures = f.card_failures > 0 ? `, ${f.card_failures} cards failed` : '';
  log.info(`exported ${f.game_date}: ${f.players} players, ${f.objects} objects${failures}`, {
    event: 'exported',
    ...f,
  });
}

/** The results export of a date was written (grading included). */
export function resultsExported(
  log: Logger,
  f: {
    game_date: string;
    status: string;
    graded_rows: number;
    changed_rows: number;
    picks: number;
    wins: number;
    losses: number;
    pushes: number;
    voids: number;
    written: number;
    ms: number;
  },
): void {
  log.info(
    `results of ${f.game_date} (${f.status}): ${f.picks} picks, ${f.wins}-${f.losses}-${f.pushes} (W-L-P), ${f.voids} void; ${f.changed_rows} rows graded anew`,
    { event: 'results_exported', ...f },
  );
}

/**
 * A date's results are not made by their due time (09:00 ET the next day), or are final without
 * some games' box scores. Alert policy: terraform/alerts.tf "results_overdue".
 */
export function resultsOverdue(log: Logger, f: { game_date: string; code: string; detail: string }): void {
  log.error(`results of ${f.game_date} overdue (${f.code}): ${f.detail}`, { event: 'results_overdue', ...f });
}

/** The performance or best-bets export was written (or found unchanged). */
export function dailyExported(
  log: Logger,
  f: { export_type: string; game_date: string; path: string; written: boolean; ms: number },
): void {
  log.info(`${f.export_type} export for ${f.game_date}: ${f.written ? 'written' : 'unchanged'} ${f.path}`, {
    event: 'daily_exported',
    ...f,
  });
}

/** The export uploaded the pages (HTML, the site manifest and the assets not yet in the bucket). */
export function pagesPublished(
  log: Logger,
  f: {
    version: string;
    objects: number;
    assets_uploaded: number;
    assets_kept: number;
    assets_deleted: number;
  },
): void {
  log.info(
    `published the pages (assets ${f.version}): ${f.objects} objects, ${f.assets_uploaded} assets uploaded, ${f.assets_kept} already there, ${f.assets_deleted} old ones deleted`,
    { event: 'pages_published', ...f },
  );
}

/** The pages could not be published (not built); the JSON exports are written regardless. */
export function pagesMissing(log: Logger, detail: string): void {
  log.error(`pages not published: ${detail}`, { event: 'pages_missing' });
}
