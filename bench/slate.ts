/**
 * Benchmark: warm wall time of a whole slate on the embedded default, in one process.
 *
 * Opens the local runtime once in its own folder (`.local/bench/`, or `.local/bench-<N>` with
 * `--players N`), runs one warm-up slate (which also loads the shipped data on first use), then
 * times `--runs` slates: trigger -> startBatch -> predictPlayer x N -> onBatchComplete ->
 * consolidate -> exportTonight, through the in-process bus, DuckDB and the folder bucket.
 *
 *   node dist/bench/slate.js                          # 2025-12-05, 5 runs, this build
 *   node dist/bench/slate.js --date 2025-11-05 --runs 10
 *   node dist/bench/slate.js --players 1000           # the slate grown to 1,000 players (bench/clone.ts)
 *   node dist/bench/slate.js --code /tmp/nba-before   # the same bench on another checkout's build
 *
 * Prints one JSON object: every run's milliseconds, min / median / max, the process's peak RSS.
 */
import { join } from 'node:path';
import { clonePlayers } from './clone';
import { loadBuild, msSince, option, spread } from './code';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // `npm run bench -- 2025-12-05 9` (date, runs) still works
  const [posDate, posRuns] = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const gameDate = option(argv, 'date') ?? posDate ?? '2025-12-05';
  const runs = Number(option(argv, 'runs') ?? posRuns ?? 5);
  const target = option(argv, 'players') ? Number(option(argv, 'players')) : undefined;
  const code = option(argv, 'code');
  const b = loadBuild(code);
  b.log.setLogSink(() => undefined);
  const base =
    option(argv, 'dir') ?? join(process.env.NBA_LOCAL_DIR ?? '.local', target ? `bench-${target}` : 'bench');
  const config = b.config.parseConfig({ ...process.env, NBA_LOCAL_DIR: base });
  const tOpen = process.hrtime.bigint();
  const rt = await b.localRuntime.createLocalRuntime(config);
  const openMs = msSince(tOpen);
  b.runtime.setRuntime(rt);

  const once = async () => {
    rt.bus.published.length = 0;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const id = await rt.bus.publish(b.topics.TOPICS.trigger, { game_date: gameDate, force: true });
    await rt.bus.drain();
    const ms = msSince(t0);
    const cpu = process.cpuUsage(c0);
    const batch = await b.batchStore.findBatchOfTrigger(rt.warehouse, id);
    if (batch?.status !== 'exported' || rt.bus.deadLetters.length > 0)
      throw new Error(
        `run did not export (batch ${batch?.batch_id ?? 'none'}, ${rt.bus.deadLetters.length} dead letters)`,
      );
    const lookups = () =>
      rt.bus.published
        .filter((m) => m.topic === b.topics.TOPICS.request)
        .map((m) => (m.payload as { player_lookup: string }).player_lookup);
    return {
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      players: batch.expected_players,
      rows: batch.consolidated_rows ?? 0,
      lookups,
    };
  };

  let warm = await once();
  let cloned = 0;
  if (target !== undefined && warm.players < target) {
    cloned = await clonePlayers(rt.warehouse, warm.lookups(), target);
    warm = await once();
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const r = await once();
    times.push(r.ms);
    cpu.push(r.cpuMs);
  }
  await rt.warehouse.close();
  const out = {
    code: code ?? '(this build)',
    game_date: gameDate,
    players: warm.players,
    cloned_players: cloned,
    consolidated_rows: warm.rows,
    open_runtime_ms: Math.round(openMs),
    seeded: rt.seeded,
    warmup_ms: Math.round(warm.ms),
    runs,
    times_ms: times.map((t) => Math.round(t)),
    ...spread(times),
    cpu_median_ms: spread(cpu).median,
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
