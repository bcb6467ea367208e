/**
 * The dependencies a handler runs with: config, warehouse, bus, object store, clock and logger.
 * Built once per process (cold start) from the config; the CLI and tests install their own with
 * {@link setRuntime}.
 */
import { getConfig, usesGoogleCloud, type Config } from './config';
import type { Runtime, RuntimeFactory } from './runtime-types';

export type { Runtime, RuntimeFactory } from './runtime-types';

let current: Promise<Runtime> | undefined;
let factory: RuntimeFactory | undefined;

/**
 * The default factory: the embedded default (lib/local/runtime.ts) unless a port uses Google Cloud
 * (NBA_BACKEND=gcp, or NBA_WAREHOUSE=bigquery / NBA_BUS=pubsub / NBA_STORE=gcs), then
 * lib/gcp/runtime.ts, which picks each port's adapter from `config.ports`.
 */
export async function createRuntime(config: Config): Promise<Runtime> {
  if (usesGoogleCloud(config)) {
    const { createGcpRuntime } = await import('./gcp/runtime');
    return createGcpRuntime(config);
  }
  const { createLocalRuntime } = await import('./local/runtime');
  return createLocalRuntime(config);
}

/** Installs a ready runtime (CLI, tests). */
export function setRuntime(rt: Runtime): void {
  current = Promise.resolve(rt);
}

/** Installs the factory used on first {@link getRuntime} (tests that need another backend). */
export function setRuntimeFactory(f: RuntimeFactory): void {
  factory = f;
}

/** Forgets the runtime (tests). */
export function resetRuntime(): void {
  current = undefined;
}

/** The process's runtime, created on first use from {@link getConfig} (cold start). */
export function getRuntime(): Promise<Runtime> {
  if (!current) {
    const f = factory ?? createRuntime;
    current = f(getConfig()).catch((err: unknown) => {
      current = undefined; // let the next event try again
      throw err;
    });
  }
  return current;
}
