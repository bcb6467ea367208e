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
import type { Params, Warehouse } from '../../lib/warehouse/port';
import { MEMBERS_SPEC } from '../../lib/warehouse/schema';
import { ensureOwnedTables } from '../../lib/warehouse/setup';
import * as bsql from '../../lib/warehouse/sql/batches';

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

/** A prediction_batches row for tests: these defaults, overridden field by field. */
export interface TestBatch {
  batch_id: string;
  game_date?: string;
  /** created_at, ISO. */
  created?: string;
  expected_players?: number;
  deadline_at?: string;
  /** Sets consolidated_at (ISO) after the insert. */
  consolidated?: string;
  /** Players of the manifest (by default all in game `g`, BOS at home vs NYK, no line). */
  members?: readonly string[];
  /** Overrides the game, teams or line of every member. */
  member?: Partial<{
    game_id: string;
    team_abbr: string;
    opponent_team_abbr: string;
    is_home: boolean;
    line_points: number | null;
  }>;
  /** Staging rows per expected player, JSON (default `{}`: unknown, so completion always counts). */
  expected_rows_json?: string;
}

/** Inserts a batch row (and its manifest) with the statements startBatch uses. */
export async function insertBatch(wh: Warehouse, b: TestBatch): Promise<void> {
  const created = b.created ?? '2025-12-05T16:00:00.000Z';
  if (b.members && b.members.length > 0) {
    await wh.load(
      MEMBERS_SPEC,
      b.members.map((p) => ({
        batch_id: b.batch_id,
        game_date: b.game_date ?? '2025-12-05',
        player_lookup: p,
        game_id: 'g',
        team_abbr: 'BOS',
        opponent_team_abbr: 'NYK',
        is_home: true,
        line_points: null,
        created_at: created,
        ...b.member,
      })),
    );
  }
  await wh.execute(bsql.CREATE_BATCH, {
    batch_id: b.batch_id,
    game_date: b.game_date ?? '2025-12-05',
    correlation_id: 'c',
    now: created,
    expected_players: b.expected_players ?? 0,
    ineligible_players: 0,
    ineligible_json: '[]',
    lined_players: 0,
    deadline_at: b.deadline_at ?? new Date(Date.parse(created) + 90 * 60_000).toISOString(),
    trigger_message_id: `trigger-${b.batch_id}`,
    model_state_json: '{}',
    expected_rows_json: b.expected_rows_json ?? '{}',
  });
  if (b.consolidated) {
    await wh.execute(
      'UPDATE {{nba_predictions.prediction_batches}} SET consolidated_at = CAST(@at AS TIMESTAMP) WHERE batch_id = @b',
      { at: b.consolidated, b: b.batch_id },
    );
  }
}

/** Hooks of {@link hookedWarehouse}: run around `execute`, e.g. to inject a concurrent writer or a fault. */
export interface ExecuteHooks {
  /** Called before the statement runs; throwing fails the statement. */
  before?: (sql: string, params: Params | undefined) => Promise<void> | void;
  /** Called after the statement ran, with the rows it affected. */
  after?: (sql: string, params: Params | undefined, affected: number) => Promise<void> | void;
}

/**
 * The same warehouse with hooks around `execute` (fault injection: the statements still run on
 * the real DuckDB).
 */
export function hookedWarehouse(wh: Warehouse, hooks: ExecuteHooks): Warehouse {
  return {
    query: (sql, params) => wh.query(sql, params),
    queryColumns: (sql, params) => wh.queryColumns(sql, params),
    rowCount: (ref) => wh.rowCount(ref),
    execute: async (sql, params, opts) => {
      await hooks.before?.(sql, params);
      const n = await wh.execute(sql, params, opts);
      await hooks.after?.(sql, params, n);
      return n;
    },
    load: (spec, rows) => wh.load(spec, rows),
    createTable: (spec) => wh.createTable(spec),
    dropTable: (ref) => wh.dropTable(ref),
    tableExists: (ref) => wh.tableExists(ref),
    listTables: (dataset, prefix) => wh.listTables(dataset, prefix),
    close: () => wh.close(),
  };
}
