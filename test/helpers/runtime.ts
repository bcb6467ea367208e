/**
 * Runtimes for tests: an in-memory DuckDB warehouse with the owned tables, a temp folder bucket and
 * a bus that records what is published (a test double of the bus port; the handlers under test run
 * for real).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attributes, Bus } from '../../lib/bus/port';
import { parseConfig, type Config } from '../../lib/config';
import { createLogger, setLogSink } from '../../lib/log';
import type { Runtime } from '../../lib/runtime';
import { FsObjectStore } from '../../lib/store/fs';
import type { TopicName } from '../../lib/topics';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { ensureOwnedTables } from '../../lib/warehouse/setup';

/** A published message. */
export interface Published {
  topic: TopicName;
  payload: Record<string, unknown>;
  attributes: Attributes;
}

/** A bus that records messages instead of delivering them; `failNext` makes publishes throw. */
export class RecordingBus implements Bus {
  readonly messages: Published[] = [];
  failNext = 0;
  private seq = 0;
  publish(topic: TopicName, payload: object, attributes: Attributes = {}): Promise<string> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error('publish failed (test)'));
    }
    this.messages.push({
      topic,
      payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
      attributes,
    });
    this.seq += 1;
    return Promise.resolve(`rec-${this.seq}`);
  }
  on(topic: TopicName): Array<Record<string, unknown>> {
    return this.messages.filter((m) => m.topic === topic).map((m) => m.payload);
  }
}

/** Test config (local backend, temp dir). */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ NBA_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'nba-props-test-')), ...env });
}

/** Collects log lines written while a test runs. */
export function captureLogs(): {
  lines: string[];
  entries: () => Array<Record<string, unknown>>;
  restore: () => void;
} {
  const lines: string[] = [];
  const prev = setLogSink((l) => lines.push(l));
  return {
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => {
      setLogSink(prev);
    },
  };
}

/** A runtime on an in-memory DuckDB with the owned tables (no shipped data) and a RecordingBus. */
export async function memoryRuntime(
  now: () => Date = () => new Date(),
  config: Config = testConfig(),
): Promise<Runtime & { warehouse: DuckDbWarehouse; bus: RecordingBus; store: FsObjectStore }> {
  const warehouse = await DuckDbWarehouse.open(':memory:', config.datasetPrefix);
  await ensureOwnedTables(warehouse);
  return {
    config,
    warehouse,
    bus: new RecordingBus(),
    store: new FsObjectStore(join(config.localDir, 'bucket')),
    now,
    log: createLogger(),
  };
}
