/**
 * The embedded default (DESIGN §6): DuckDB file under `.local/`, the in-process bus delivering to
 * the handlers functions/index.ts registered (lib/bus/handlers.ts), and `.local/bucket/` as the
 * bucket.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registeredHandler } from '../bus/handlers';
import { LocalBus, type EventHandler } from '../bus/local';
import type { Config } from '../config';
import { seedLocalWarehouse, type RejectedRow, type SeedOptions } from '../data/seed-local';
import { rootLogger } from '../log';
import type { Runtime } from '../runtime-types';
import { BufferedObjectStore } from '../store/buffered';
import { FsObjectStore } from '../store/fs';
import type { FunctionName } from '../topics';
import type { ObjectStore } from '../store/port';
import { DuckDbWarehouse } from '../warehouse/duckdb';
import { OWNED_TABLES } from '../warehouse/schema';
import { ensureOwnedTables } from '../warehouse/setup';

/**
 * The local bucket: a folder, written at once or through a write-back buffer whose `flush` writes
 * the final state (lib/store/buffered.ts; the backtest's).
 */
export type LocalStore = ObjectStore & { readonly root: string; flush?: () => Promise<number> };

/** A runtime whose bus and warehouse are the local adapters. */
export interface LocalRuntime extends Runtime {
  warehouse: DuckDbWarehouse;
  bus: LocalBus;
  store: LocalStore;
  /** True when this start loaded the shipped data into the warehouse. */
  seeded: boolean;
  /** Rows of the shipped data this start did not load, with file, line and reason. */
  rejectedRows: RejectedRow[];
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
  /** Where the data files are (tests point this at altered copies). */
  seed?: SeedOptions;
  /** Wraps each handler the bus delivers to (fault injection in tests). */
  wrapHandler?: (name: FunctionName, handler: EventHandler) => EventHandler;
  /** Hold exports in memory and write the final state on `store.flush()` (the backtest). */
  bufferExports?: boolean;
}

function localStore(folder: FsObjectStore, buffered = false): LocalStore {
  if (!buffered) return folder;
  return Object.assign(new BufferedObjectStore(folder, (path) => join(folder.root, path)), {
    root: folder.root,
  });
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
  const seed = await seedLocalWarehouse(warehouse, opts.seed);
  for (const r of seed.rejected) {
    rootLogger.warn(`${r.file} line ${r.line}: row not loaded: ${r.reason}`, {
      event: 'csv_row_rejected',
      file: r.file,
      line: r.line,
      column: r.column,
    });
  }
  if (seed.loaded) {
    rootLogger.info(`loaded the shipped data; ${seed.rejected.length} rows rejected`, {
      event: 'data_loaded',
      rejected_rows: seed.rejected.length,
    });
  }
  await ensureOwnedTables(warehouse);
  // A warehouse written by an older version gains the columns added since (all NULLABLE).
  for (const spec of OWNED_TABLES) await warehouse.addMissingColumns(spec);
  const now = opts.now ?? (() => new Date());
  const wrap = opts.wrapHandler;
  const bus = new LocalBus({
    resolve: wrap ? (name) => wrap(name, registeredHandler(name)) : registeredHandler,
    concurrency: config.busConcurrency,
    maxDeliveryAttempts: config.maxDeliveryAttempts,
    backoffMs: opts.backoffMs,
    now,
  });
  return {
    config,
    warehouse,
    bus,
    store: localStore(
      new FsObjectStore(opts.bucketDir ?? join(config.localDir, 'bucket')),
      opts.bufferExports,
    ),
    now,
    log: rootLogger,
    seeded: seed.loaded,
    rejectedRows: seed.rejected,
  };
}
