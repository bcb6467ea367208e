/**
 * The runtime when any port uses Google Cloud: each port's adapter is chosen by
 * `config.ports` (NBA_BACKEND=gcp -> BigQuery + Pub/Sub + Cloud Storage; NBA_WAREHOUSE / NBA_BUS /
 * NBA_STORE override one port each). Ports left local are taken from the embedded default, so
 * `NBA_BUS=pubsub` with the DuckDB warehouse runs the real Pub/Sub path on the local data (the
 * emulator integration test does this). Only adapters import the Google clients; this file wires.
 */
import type { Bus } from '../bus/port';
import { ConfigError, usesGoogleCloud, type Config } from '../config';
import { rootLogger } from '../log';
import type { Runtime } from '../runtime-types';
import type { ObjectStore } from '../store/port';
import type { Warehouse } from '../warehouse/port';

/** What {@link createGcpRuntime} returns: a Runtime plus a close() for its clients. */
export interface GcpRuntime extends Runtime {
  /** Closes the warehouse and the Pub/Sub client (tests and the CLI; functions never close). */
  close(): Promise<void>;
}

/**
 * Builds the runtime for `config`.
 * @throws ConfigError when a Google port has no GOOGLE_CLOUD_PROJECT or the gcs store no bucket
 *   (parseConfig already refuses these; repeated here for runtimes built from hand-made configs).
 */
export async function createGcpRuntime(config: Config): Promise<GcpRuntime> {
  const { ports } = config;
  const projectId = config.gcp.projectId;
  if (usesGoogleCloud(config) && !projectId)
    throw new ConfigError('a Google Cloud port needs GOOGLE_CLOUD_PROJECT');

  // Local ports come from the embedded default (DuckDB file with the shipped data, folder bucket).
  const needsLocal = ports.warehouse === 'duckdb' || ports.bus === 'local' || ports.store === 'fs';
  const local = needsLocal ? await (await import('../local/runtime')).createLocalRuntime(config) : undefined;

  let warehouse: Warehouse;
  if (ports.warehouse === 'bigquery') {
    const { BigQueryWarehouse } = await import('../warehouse/bigquery');
    warehouse = new BigQueryWarehouse({
      projectId: projectId as string,
      location: config.gcp.location,
      datasetPrefix: config.datasetPrefix,
    });
  } else {
    warehouse = (local as NonNullable<typeof local>).warehouse;
  }

  let bus: Bus;
  let closeBus = (): Promise<void> => Promise.resolve();
  if (ports.bus === 'pubsub') {
    const { PubSubBus } = await import('../bus/pubsub');
    const pubsub = new PubSubBus({
      projectId: projectId as string,
      concurrency: config.publishConcurrency,
      publishTimeoutMs: config.gcp.publishTimeoutMs,
    });
    bus = pubsub;
    closeBus = () => pubsub.close();
  } else {
    bus = (local as NonNullable<typeof local>).bus;
  }

  let store: ObjectStore;
  if (ports.store === 'gcs') {
    if (!config.gcp.bucket) throw new ConfigError('the gcs store needs NBA_EXPORT_BUCKET');
    const { GcsObjectStore } = await import('../store/gcs');
    store = new GcsObjectStore({
      bucket: config.gcp.bucket,
      projectId,
      maxRetries: config.gcp.gcsMaxRetries,
    });
  } else {
    store = (local as NonNullable<typeof local>).store;
  }

  const now = local?.now ?? (() => new Date());
  rootLogger.info(
    `runtime: warehouse=${ports.warehouse} bus=${ports.bus} store=${ports.store} project=${projectId ?? '-'} prefix="${config.datasetPrefix}"`,
    { event: 'runtime_started', environment: config.environment },
  );
  return {
    config,
    warehouse,
    bus,
    store,
    now,
    log: rootLogger,
    close: async () => {
      await closeBus();
      await warehouse.close();
    },
  };
}
