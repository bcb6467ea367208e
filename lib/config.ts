/**
 * Configuration, parsed once at cold start from the environment into a typed object (the shape of
 * the Firebase BigQuery export extension's `config.ts`). Bad values fail fast with the variable
 * name and the reason.
 */
import { z } from 'zod';
import { LOG_LEVELS, setLogLevel } from './log';
import { PROJECT_ID } from './warehouse/identifiers';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const num = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);

const EnvSchema = z.object({
  NBA_BACKEND: z.enum(['local', 'gcp']).default('local'),
  NBA_ENVIRONMENT: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  NBA_DATASET_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_]*$/, { message: 'must match ^[A-Za-z0-9_]*$' })
    .default(''),
  NBA_LOCAL_DIR: z.string().min(1).default('.local'),
  NBA_MIN_MINUTES: num(15, 0, 48),
  NBA_MIN_GAMES: int(5, 1, 30),
  NBA_HISTORY_GAMES: int(30, 5, 82),
  NBA_HISTORY_DAYS: int(365, 30, 730),
  NBA_TEAM_GAMES: int(15, 3, 82),
  NBA_THRESHOLD_FRACTION: num(0.8, 0.1, 1),
  NBA_BATCH_DEADLINE_MINUTES: int(90, 1, 24 * 60),
  NBA_MAX_EVENT_AGE_MINUTES: int(360, 1, 7 * 24 * 60),
  NBA_PUBLISH_CONCURRENCY: int(32, 1, 1000),
  NBA_BUS_CONCURRENCY: int(64, 1, 256),
  NBA_MAX_DELIVERY_ATTEMPTS: int(5, 1, 100),
  NBA_STAGING_EXPIRATION_HOURS: int(48, 1, 24 * 30),
  NBA_WAREHOUSE: z.enum(['duckdb', 'bigquery']).optional(),
  NBA_BUS: z.enum(['local', 'pubsub']).optional(),
  NBA_STORE: z.enum(['fs', 'gcs']).optional(),
  NBA_LOG_LEVEL: z.enum(LOG_LEVELS).default('INFO'),
  NBA_EXPORT_CONCURRENCY: int(16, 1, 256),
  NBA_LEASE_WAIT_MS: int(30_000, 0, 600_000),
  NBA_LEASE_STALE_MS: int(10 * 60_000, 60_000, 24 * 60 * 60_000),
  NBA_LEASE_POLL_MS: int(50, 1, 10_000),
  NBA_GCS_MAX_RETRIES: int(3, 0, 10),
  GOOGLE_CLOUD_PROJECT: z
    .string()
    .regex(PROJECT_ID, { message: 'must be a Google Cloud project id' })
    .optional(),
  NBA_BQ_LOCATION: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, { message: 'must be a BigQuery location' })
    .default('us-west2'),
  NBA_EXPORT_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, { message: 'must be a Cloud Storage bucket name' })
    .optional(),
  NBA_PUBLISH_TIMEOUT_MS: int(60_000, 1_000, 600_000),
  NBA_RESULTS_DEADLINE_HOURS: int(36, 1, 14 * 24),
  NBA_RESULTS_DUE_HOUR_ET: int(9, 0, 23),
});

/** True when any port uses a Google Cloud adapter (so lib/gcp/runtime.ts builds the runtime). */
export function usesGoogleCloud(config: Pick<Config, 'ports'>): boolean {
  const p = config.ports;
  return p.warehouse === 'bigquery' || p.bus === 'pubsub' || p.store === 'gcs';
}

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The typed configuration, derived from the schema: each field is named once, in {@link toConfig}.
 * Units: minutes are minutes, ms are milliseconds, fractions are 0-1, counts are games.
 */
export type Config = ReturnType<typeof toConfig>;

/** Maps the validated environment to the configuration (the one place a field is named). */
function toConfig(e: z.output<typeof EnvSchema>) {
  const gcp = e.NBA_BACKEND === 'gcp';
  return {
    /** `local` = DuckDB + in-process bus + folder bucket; `gcp` = BigQuery + Pub/Sub + GCS. */
    backend: e.NBA_BACKEND,
    /**
     * The adapter of each port. Defaults follow `backend`; `NBA_WAREHOUSE`, `NBA_BUS` and `NBA_STORE`
     * override one port each (e.g. the Pub/Sub emulator test runs `NBA_BUS=pubsub` on DuckDB).
     */
    ports: {
      warehouse: e.NBA_WAREHOUSE ?? (gcp ? 'bigquery' : 'duckdb'),
      bus: e.NBA_BUS ?? (gcp ? 'pubsub' : 'local'),
      store: e.NBA_STORE ?? (gcp ? 'gcs' : 'fs'),
    },
    environment: e.NBA_ENVIRONMENT,
    /** Prepended to every dataset name (`test_` -> `test_nba_predictions`). */
    datasetPrefix: e.NBA_DATASET_PREFIX,
    /** Folder of the local warehouse file and bucket. */
    localDir: e.NBA_LOCAL_DIR,
    /** Lowest severity written by lib/log.ts (DEBUG, INFO, NOTICE, WARNING, ERROR). */
    logLevel: e.NBA_LOG_LEVEL,
    /** A non-lined player is selected when his last-10 minutes average is at least this. DESIGN §4. */
    minMinutes: e.NBA_MIN_MINUTES,
    /** Games with minutes > 0 needed to be eligible. DESIGN §4. */
    minGames: e.NBA_MIN_GAMES,
    /** History depth: last N games within D days (DESIGN §4: 30 games, 365 days). */
    historyGames: e.NBA_HISTORY_GAMES,
    historyDays: e.NBA_HISTORY_DAYS,
    /** Games of team context (DESIGN §4: last 15 of the opponent). */
    teamGames: e.NBA_TEAM_GAMES,
    /** Fraction of expected players that fires the threshold consolidation (DESIGN §2: 80%). */
    thresholdFraction: e.NBA_THRESHOLD_FRACTION,
    /** Minutes after a batch starts when the sweep consolidates whatever arrived. */
    batchDeadlineMinutes: e.NBA_BATCH_DEADLINE_MINUTES,
    /** Events older than this are dropped with a log line (poison-message end condition). */
    maxEventAgeMinutes: e.NBA_MAX_EVENT_AGE_MINUTES,
    /** Messages startBatch publishes at once (p-limit). */
    publishConcurrency: e.NBA_PUBLISH_CONCURRENCY,
    /** Deliveries the in-process bus runs at once (local only). */
    busConcurrency: e.NBA_BUS_CONCURRENCY,
    /** Deliveries of a message before it is dead-lettered (Pub/Sub's default is 5). */
    maxDeliveryAttempts: e.NBA_MAX_DELIVERY_ATTEMPTS,
    /** Lifetime of a batch's staging table, hours. */
    stagingExpirationHours: e.NBA_STAGING_EXPIRATION_HOURS,
    /** Objects exportTonight writes (or deletes) at once (p-limit). */
    exportConcurrency: e.NBA_EXPORT_CONCURRENCY,
    /**
     * The consolidation lease, ms: how long a consolidation waits for another one of its batch
     * before failing retryably, the age after which a lease counts as a crashed consolidation
     * (BigQuery's MERGE timeout of 300 s, twice), and the wait between attempts to take it.
     */
    lease: { waitMs: e.NBA_LEASE_WAIT_MS, staleMs: e.NBA_LEASE_STALE_MS, pollMs: e.NBA_LEASE_POLL_MS },
    /**
     * Google Cloud settings: project id, BigQuery location (jobs run there), export bucket, the
     * Pub/Sub publish deadline in ms (a publish still failing after it is a RetryableError) and the
     * Cloud Storage client's automatic retries of a failed request.
     */
    gcp: {
      projectId: e.GOOGLE_CLOUD_PROJECT,
      location: e.NBA_BQ_LOCATION,
      bucket: e.NBA_EXPORT_BUCKET,
      publishTimeoutMs: e.NBA_PUBLISH_TIMEOUT_MS,
      gcsMaxRetries: e.NBA_GCS_MAX_RETRIES,
    },
    /**
     * Grading (lib/data/grading.ts): a date whose box scores are missing is retried until
     * `deadlineHours` after its last tip-off, then reported as missing; results not made by
     * `dueHourEt`:00 US-Eastern on the next day are logged as overdue (the alert).
     */
    results: { deadlineHours: e.NBA_RESULTS_DEADLINE_HOURS, dueHourEt: e.NBA_RESULTS_DUE_HOUR_ET },
  };
}

/**
 * Parses `env` into a {@link Config}.
 * @throws ConfigError naming the variable and problem, or when the dataset prefix does not match
 *   the environment (a `test_` prefix in `prod`, or no prefix in `test`): the Python system's
 *   production workers once wrote to `test_nba_predictions` (docs/seed-system.md §9 item 3).
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  if (e.NBA_ENVIRONMENT === 'prod' && e.NBA_DATASET_PREFIX !== '') {
    throw new ConfigError(
      `NBA_DATASET_PREFIX="${e.NBA_DATASET_PREFIX}" in NBA_ENVIRONMENT=prod: production uses no prefix; refusing to start`,
    );
  }
  if (e.NBA_ENVIRONMENT === 'test' && !e.NBA_DATASET_PREFIX.startsWith('test_')) {
    throw new ConfigError(
      `NBA_ENVIRONMENT=test needs a NBA_DATASET_PREFIX starting with "test_" (got "${e.NBA_DATASET_PREFIX}"); refusing to touch production tables`,
    );
  }
  const config = toConfig(e);
  const { ports } = config;
  if (usesGoogleCloud({ ports }) && !e.GOOGLE_CLOUD_PROJECT) {
    throw new ConfigError(
      `NBA_BACKEND=${e.NBA_BACKEND} with warehouse=${ports.warehouse}, bus=${ports.bus}, store=${ports.store} needs GOOGLE_CLOUD_PROJECT`,
    );
  }
  if (ports.store === 'gcs' && !e.NBA_EXPORT_BUCKET) {
    throw new ConfigError('the gcs store (NBA_BACKEND=gcp or NBA_STORE=gcs) needs NBA_EXPORT_BUCKET');
  }
  return config;
}

let cached: Config | undefined;

/**
 * The process's configuration, parsed from `process.env` on first use (cold start); sets the log
 * level of lib/log.ts from it.
 */
export function getConfig(): Config {
  if (!cached) {
    cached = parseConfig(process.env);
    setLogLevel(cached.logLevel);
  }
  return cached;
}
