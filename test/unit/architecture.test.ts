/**
 * The import rules of the codebase, checked on the real import graph (madge, the same graph
 * `npx madge --circular --extensions ts lib cli functions` prints): no cycle; imports run one way
 * (functions -> lib, cli -> lib, never back); no function module imports another; production code
 * never imports functions-framework's test tooling; the steps of lib/pipeline/ (one per handler)
 * import no other step, only what lies below them (lib/data for the warehouse's tables, the pure
 * core); the pure core (lib/model, lib/slate, lib/grading, lib/export) imports no port, adapter,
 * data access or step.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of madge's API this test uses (madge ships no type declarations). */
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
type Madge = (paths: string[], config: { baseDir: string; fileExtensions: string[] }) => Promise<MadgeResult>;

const ROOT = join(__dirname, '..', '..');
const madge = createRequire(__filename)('madge') as Madge;

let graph: Record<string, string[]>;
let cycles: string[][];

beforeAll(async () => {
  const result = await madge(['lib', 'cli', 'functions'], { baseDir: ROOT, fileExtensions: ['ts'] });
  graph = result.obj();
  cycles = result.circular();
}, 60_000);

const edges = () => Object.entries(graph).flatMap(([from, tos]) => tos.map((to) => [from, to] as const));

describe('import graph', () => {
  it('reads the whole tree (the entry file and its five functions)', () => {
    expect(graph['functions/index.ts']).toEqual(
      expect.arrayContaining([
        'functions/consolidate/index.ts',
        'functions/exportTonight/index.ts',
        'functions/onBatchComplete/index.ts',
        'functions/predictPlayer/index.ts',
        'functions/startBatch/index.ts',
      ]),
    );
    expect(Object.keys(graph).length).toBeGreaterThan(90);
  });

  it('has no cycle', () => {
    expect(cycles).toEqual([]);
  });

  it('lib imports neither functions/ nor cli/', () => {
    const back = edges().filter(([from, to]) => from.startsWith('lib/') && !to.startsWith('lib/'));
    expect(back).toEqual([]);
  });

  it('no function module imports another function module', () => {
    const sideways = edges().filter(([from, to]) => {
      const a = /^functions\/([^/]+)\//.exec(from)?.[1];
      const b = /^functions\/([^/]+)\//.exec(to)?.[1];
      return a !== undefined && b !== undefined && a !== b;
    });
    expect(sideways).toEqual([]);
  });

  it('production code does not import functions-framework test tooling', () => {
    const users = Object.keys(graph).filter((f) =>
      readFileSync(join(ROOT, f), 'utf8').includes('@google-cloud/functions-framework/testing'),
    );
    expect(users).toEqual([]);
  });

  it('a lib/pipeline/ step imports no other step (the export step imports only its own parts)', () => {
    const isStep = (f: string) => /^lib\/pipeline\/[^/]+\.ts$/.test(f);
    const steps = Object.keys(graph).filter(isStep);
    // lib/pipeline/ holds the five steps and nothing else (data access lives in lib/data/)
    expect([...steps].sort()).toEqual([
      'lib/pipeline/batch-complete.ts',
      'lib/pipeline/consolidate.ts',
      'lib/pipeline/exports.ts',
      'lib/pipeline/predict-player.ts',
      'lib/pipeline/start-batch.ts',
    ]);
    const sideways = edges().filter(([from, to]) => from.startsWith('lib/pipeline/') && isStep(to));
    expect(sideways).toEqual([]);
  });

  it('lib/model, lib/slate, lib/grading and lib/export import no warehouse, bus, store, data access or step', () => {
    const core = /^lib\/(model|slate|grading|export)\//;
    const io = /^lib\/(warehouse|bus|store|data|pipeline|gcp|local)\/|^lib\/runtime(-types)?\.ts$/;
    const down = edges().filter(([from, to]) => core.test(from) && io.test(to));
    expect(down).toEqual([]);
  });

  it('lib/training builds its rows from the data access and the core, not from the steps', () => {
    const up = edges().filter(
      ([from, to]) => from.startsWith('lib/training/') && to.startsWith('lib/pipeline/'),
    );
    expect(up).toEqual([]);
  });
});
