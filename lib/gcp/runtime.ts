/**
 * Google Cloud runtime: BigQuery, Pub/Sub and Cloud Storage adapters (issue 4).
 */
import type { Config } from '../config';
import type { Runtime } from '../runtime';

/** Builds the Google Cloud runtime. */
export function createGcpRuntime(_config: Config): Promise<Runtime> {
  return Promise.reject(new Error('NBA_BACKEND=gcp: the Google Cloud adapters are not built yet'));
}
