/**
 * The embedded default (DESIGN §6): DuckDB file under `.local/`, the in-process bus delivering to
 * the handlers functions/index.ts registered (lib/bus/handlers.ts), and `.local/bucket/` as the
 * bucket.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registeredHandler } from '../bus/handlers';
import { LocalBus } from '../bus/local';
import type { Config } from '../config';
import { seedLocalWarehouse } from '../data/seed-local';
import { rootLogger } from '../log';
import type { Runtime } from '../runtime-types';
import { FsObjectStore } from '../store/fs';
import { DuckDbWarehouse } from '../warehouse/duckdb';
import { OWNED_TABLES } from '../warehouse/schema';
import { ensureOwnedTables } from '../warehouse/setup';

/** A runtime whose bus and warehouse are the local adapters. */
export interface LocalRuntime extends Runtime {
  warehouse: DuckDbWarehouse;
  bus: LocalBus;
  store: FsObjectStore;
  /** True when this start loaded the shipped data into the warehouse. */
  seeded: boolean;
}

/** Options of {@link createLocalRuntime}. */
export interface LocalRuntimeOptions {
  /** `:memory:` for tests; default `<localDir>/warehouse.duckdb`. */
  databasePath?: string;
  /** Bucket folder; default `<localDir>/bucket`. */
  bucketDir?: string;
  /** Clock. */
  now?: () => Date;
  /** Backoff of redeliveries, ms. */
  backoffMs?: (attempt: number) => number;
}

/** Opens the local warehouse (loading the shipped data on first run), bus and bucket. */
export async function createLocalRuntime(
  config: Config,
  opts: LocalRuntimeOptions = {},
): Promise<LocalRuntime> {
  mkdirSync(config.localDir, { recursive: true });
  const warehouse = await DuckDbWarehouse.open(
    opts.databasePath ?? join(config.localDir, 'warehouse.duckdb'),
    config.datasetPrefix,
  );
  const seeded = await seedLocalWarehouse(warehouse);
  await ensureOwnedTables(warehouse);
  // A warehouse written by an older version gains the columns added since (all NULLABLE).
  for (const spec of OWNED_TABLES) await warehouse.addMissingColumns(spec);
  const now = opts.now ?? (() => new Date());
  const bus = new LocalBus({
    resolve: registeredHandler,
    concurrency: config.busConcurrency,
    maxDeliveryAttempts: config.maxDeliveryAttempts,
    backoffMs: opts.backoffMs,
    now,
  });
  return {
    config,
    warehouse,
    bus,
    store: new FsObjectStore(opts.bucketDir ?? join(config.localDir, 'bucket')),
    now,
    log: rootLogger,
    seeded,
  };
}
