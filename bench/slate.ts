/**
 * Benchmark: warm wall time of a whole slate on the embedded default.
 *
 * Opens the local runtime once (its own warehouse folder, `.local/bench/`, so your `.local/` is not
 * touched), runs one warm-up slate (which also loads the shipped data on first use), then times N
 * runs of trigger -> ... -> export through the in-process bus and prints min / median / max.
 *
 *   npm run bench                     # 2025-12-05, 5 runs
 *   npm run bench -- 2025-11-05 10    # another date, 10 runs
 */
import { join } from 'node:path';
import '../functions';
import { parseConfig } from '../lib/config';
import { setLogSink } from '../lib/log';
import { createLocalRuntime } from '../lib/local/runtime';
import { findBatchOfTrigger } from '../lib/pipeline/batch-store';
import { setRuntime } from '../lib/runtime';
import { TOPICS } from '../lib/topics';

async function main(): Promise<void> {
  const gameDate = process.argv[2] ?? '2025-12-05';
  const runs = Number(process.argv[3] ?? 5);
  setLogSink(() => undefined);
  const config = parseConfig({
    ...process.env,
    NBA_LOCAL_DIR: join(process.env.NBA_LOCAL_DIR ?? '.local', 'bench'),
  });
  const tOpen = Date.now();
  const rt = await createLocalRuntime(config);
  const openMs = Date.now() - tOpen;
  setRuntime(rt);

  const once = async () => {
    const t0 = process.hrtime.bigint();
    const id = await rt.bus.publish(TOPICS.trigger, { game_date: gameDate, force: true });
    await rt.bus.drain();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const batch = await findBatchOfTrigger(rt.warehouse, id);
    if (batch?.status !== 'exported')
      throw new Error(`run did not export (batch ${batch?.batch_id ?? 'none'})`);
    return { ms, players: batch.expected_players, rows: batch.consolidated_rows ?? 0 };
  };

  const warm = await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await once()).ms);
  await rt.warehouse.close();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const out = {
    game_date: gameDate,
    players: warm.players,
    consolidated_rows: warm.rows,
    open_runtime_ms: openMs,
    seeded: rt.seeded,
    warmup_ms: Math.round(warm.ms),
    runs,
    min_ms: Math.round(times[0]),
    median_ms: Math.round(median),
    max_ms: Math.round(times[times.length - 1]),
    node: process.version,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
