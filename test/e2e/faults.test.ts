/**
 * Fault injection over several real slates: the same slates run once on a clean in-process bus
 * and once with duplicates, delayed redeliveries, handler crashes (before and after the handler
 * ran) and every trigger delivered twice at once (test/helpers/faults.ts). Both runs must end with
 * the same tables and the same exports, with one batch per trigger, no dead letter, no staging
 * table left and no false late-player warning. The counts of injected faults are printed.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import '../../functions';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { PREDICTION_COLUMNS } from '../../lib/warehouse/schema';
import { FaultInjector, seeded } from '../helpers/faults';
import { captureLogs, testConfig } from '../helpers/runtime';

/** Real slates of the shipped data (3, 4 and 3 games), in date order. */
const SLATES = ['2025-11-13', '2025-11-20', '2025-11-25'];

/** Columns that differ between two runs by construction (ids and times of the run). */
const RUN_COLUMNS = new Set(['batch_id', 'prediction_id', 'created_at', 'updated_at']);
/** Export fields that differ between two runs by construction. */
const RUN_FIELDS = new Set(['generated_at', 'batch_id']);

interface Snapshot {
  predictions: unknown[];
  batches: unknown[];
  members: unknown[];
  exports: Record<string, unknown>;
  staging: string[];
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !RUN_FIELDS.has(k))
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

async function snapshot(rt: LocalRuntime): Promise<Snapshot> {
  const cols = PREDICTION_COLUMNS.map((c) => c.name).filter((n) => !RUN_COLUMNS.has(n));
  const predictions = await rt.warehouse.query(
    `SELECT ${cols.join(', ')} FROM {{nba_predictions.player_prop_predictions}}
     ORDER BY game_date, game_id, player_lookup, system_id, line_key`,
  );
  const batches = await rt.warehouse.query(
    `SELECT CAST(game_date AS STRING) AS game_date, expected_players, published_players, ineligible_players,
            lined_players, consolidated_rows, status, export_path,
            threshold_fired_at IS NOT NULL OR complete_fired_at IS NOT NULL AS fired
     FROM {{nba_predictions.prediction_batches}} ORDER BY game_date`,
  );
  const members = await rt.warehouse.query(
    `SELECT DISTINCT CAST(game_date AS STRING) AS game_date, player_lookup, game_id, team_abbr, line_points
     FROM {{nba_predictions.prediction_batch_members}} ORDER BY game_date, player_lookup`,
  );
  const exports: Record<string, unknown> = {};
  for (const f of files(rt.store.root)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    exports[relative(rt.store.root, f)] = strip(JSON.parse(readFileSync(f, 'utf8')));
  }
  return {
    predictions,
    batches,
    members,
    exports,
    staging: await rt.warehouse.listTables('nba_predictions', '_staging_'),
  };
}

async function runSlates(injector?: FaultInjector): Promise<{ snap: Snapshot; rt: LocalRuntime }> {
  const config = testConfig();
  const rt = await createLocalRuntime(config, {
    databasePath: ':memory:',
    bucketDir: mkdtempSync(join(tmpdir(), 'nba-props-bucket-')),
    backoffMs: () => 5,
    ...(injector ? { wrapHandler: injector.wrap } : {}),
  });
  setRuntime(rt);
  for (const date of SLATES) {
    await rt.bus.publish(TOPICS.trigger, { game_date: date, force: true, correlation_id: `faults-${date}` });
    if (injector) await injector.idle(rt.bus);
    else await rt.bus.drain();
  }
  return { snap: await snapshot(rt), rt };
}

describe('fault injection on the in-process bus over real slates', () => {
  let clean: Snapshot;
  beforeAll(async () => {
    const { snap, rt } = await runSlates();
    clean = snap;
    await rt.warehouse.close();
  });

  it('ends with the same tables and exports as a clean run', async () => {
    expect(clean.batches).toHaveLength(SLATES.length);
    expect(clean.predictions.length).toBeGreaterThan(2000);

    const injector = new FaultInjector(seeded(20251205));
    const logs = captureLogs();
    const { snap, rt } = await runSlates(injector);
    logs.restore();
    try {
      console.log(
        `fault injection over ${SLATES.length} slates (${SLATES.join(', ')}): ${JSON.stringify(injector.counts)}`,
      );
      for (const [kind, n] of Object.entries(injector.counts)) expect([kind, n > 0]).toEqual([kind, true]);
      expect(injector.delayedErrors).toEqual([]);
      expect(rt.bus.deadLetters).toEqual([]);

      expect(snap.batches).toEqual(clean.batches); // one batch per trigger, each exported
      expect(snap.members).toEqual(clean.members);
      expect(snap.predictions).toEqual(clean.predictions);
      expect(Object.keys(snap.exports)).toEqual(Object.keys(clean.exports));
      expect(snap.exports).toEqual(clean.exports);
      expect([snap.staging, clean.staging]).toEqual([[], []]);
      expect(logs.entries().filter((e) => e.event === 'late_player')).toEqual([]);
    } finally {
      await rt.warehouse.close();
    }
  });
});
