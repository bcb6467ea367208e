/**
 * The modules a benchmark drives, loaded from a build: this one (default) or another checkout's
 * `dist/` (`--code <checkout>`), so the same bench script measures the code before and after a
 * change side by side. Only entry points whose shape both sides share are used.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

type ConfigModule = typeof import('../lib/config');
type LogModule = typeof import('../lib/log');
type LocalRuntimeModule = typeof import('../lib/local/runtime');
type RuntimeModule = typeof import('../lib/runtime');
type TopicsModule = typeof import('../lib/topics');
type BatchStoreModule = typeof import('../lib/data/batches');
type DuckDbModule = typeof import('../lib/warehouse/duckdb');
type SeedModule = typeof import('../lib/data/seed-local');
type SetupModule = typeof import('../lib/warehouse/setup');

/** A build's modules. */
export interface Build {
  /** The build's `dist/` folder. */
  dist: string;
  config: ConfigModule;
  log: LogModule;
  localRuntime: LocalRuntimeModule;
  runtime: RuntimeModule;
  topics: TopicsModule;
  batchStore: BatchStoreModule;
  duckdb: DuckDbModule;
  seed: SeedModule;
  setup: SetupModule;
  /** Any other module of the build, by path under dist/ (e.g. `lib/warehouse/sql/slate`). */
  load<T>(path: string): T;
  /** The first of `paths` the build has (a module that moved between builds). */
  loadFirst<T>(paths: string[]): T;
}

/**
 * Loads a build. `checkout` is a repository folder with `dist/` built (`npm run build`); without
 * it, this build. Registers the build's five functions (its `functions/index`).
 */
export function loadBuild(checkout?: string): Build {
  const dist = checkout ? join(resolve(checkout), 'dist') : resolve(__dirname, '..');
  const requireFrom = createRequire(join(dist, 'index.js'));
  const load = <T>(path: string): T => requireFrom(join(dist, path)) as T;
  load('functions/index');
  const loadFirst = <T>(paths: string[]): T => {
    const found = paths.find((p) => existsSync(join(dist, `${p}.js`)));
    if (!found) throw new Error(`none of ${paths.join(', ')} in ${dist}`);
    return load<T>(found);
  };
  return {
    dist,
    config: load('lib/config'),
    log: load('lib/log'),
    localRuntime: load('lib/local/runtime'),
    runtime: load('lib/runtime'),
    topics: load('lib/topics'),
    // lib/data/batches since the data access left lib/pipeline; older builds have the old path
    batchStore: loadFirst(['lib/data/batches', 'lib/pipeline/batch-store']),
    duckdb: load('lib/warehouse/duckdb'),
    seed: load('lib/data/seed-local'),
    setup: load('lib/warehouse/setup'),
    load,
    loadFirst,
  };
}

/** Value of `--name value` in argv, or undefined. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** min / median / max of milliseconds, rounded to 0.1 ms. */
export function spread(ms: readonly number[]): { min: number; median: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  const mid = s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { min: r(s[0]), median: r(mid), max: r(s[s.length - 1]) };
}

/** Milliseconds since `t0` (from `process.hrtime.bigint()`). */
export function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
