/**
 * The shape of a runtime: the ports and settings a handler runs with. Its own module so the
 * runtime factories (lib/runtime.ts, lib/gcp/runtime.ts, lib/local/runtime.ts) import the type
 * downward instead of from each other.
 */
import type { Bus } from './bus/port';
import type { Config } from './config';
import type { Logger } from './log';
import type { ObjectStore } from './store/port';
import type { Warehouse } from './warehouse/port';

/** Everything the pipeline needs from the outside world. */
export interface Runtime {
  config: Config;
  warehouse: Warehouse;
  bus: Bus;
  store: ObjectStore;
  /** Clock (injected so tests and backtests can pin it). */
  now: () => Date;
  log: Logger;
}

/** Builds a runtime for a config (local or gcp adapters). */
export type RuntimeFactory = (config: Config) => Promise<Runtime>;
