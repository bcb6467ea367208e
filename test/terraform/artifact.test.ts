/**
 * The one deploy artifact: an allowlist of the built package that holds what the entry point and
 * the runtime read (package.json "main", the xgboost model, the data/ folder lib/paths.ts looks
 * for) and nothing else, uploaded under a content-hash name that every function builds from.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { defaultXgboostPaths } from '../../lib/model/xgboost/artifacts';
import { packageRoot } from '../../lib/paths';
import { defaultSiteSources } from '../../lib/site/bundle';
import { VENDOR_FILES } from '../../lib/site/vendor';
import { show } from './hcl-eval';
import { terraform, type TerraformModel } from './terraform-model';
import { globToRegExp } from '../../scripts/artifact';

const ROOT = join(__dirname, '..', '..');
const MAIN = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;

let model: TerraformModel;
let patterns: RegExp[];
const shipped = (path: string) => patterns.some((p) => p.test(path));

beforeAll(async () => {
  model = await terraform();
  const raw = model.local('artifact_patterns');
  if (!Array.isArray(raw)) throw new Error('local.artifact_patterns is not a list');
  patterns = raw.map((p) => globToRegExp(show(p)));
});

describe('deploy artifact', () => {
  it('ships the entry point, its compiled lib/ and the lockfile the build installs from', () => {
    for (const path of [MAIN, 'dist/lib/pipeline/start-batch.js', 'package.json', 'package-lock.json']) {
      expect({ path, shipped: shipped(path) }).toEqual({ path, shipped: true });
    }
  });

  it('ships the xgboost model files the runtime loads', () => {
    const paths = defaultXgboostPaths();
    for (const p of [paths.model, paths.meta]) {
      const path = relative(packageRoot(), p);
      expect({ path, shipped: shipped(path) }).toEqual({ path, shipped: true });
    }
  });

  it('ships the pages exportTonight uploads: HTML, CSS, compiled page scripts and the backtest report', () => {
    const src = defaultSiteSources();
    const files = [
      ...readdirSync(src.pagesDir)
        .filter((f) => /\.(html|css)$/.test(f))
        .map((f) => join(src.pagesDir, f)),
      ...readdirSync(src.reportsDir)
        .filter((f) => f.startsWith('backtest-'))
        .map((f) => join(src.reportsDir, f)),
      join(src.scriptsDir, 'tonight.js'),
      join(src.scriptsDir, 'player.js'),
      join(src.scriptsDir, 'performance.js'),
      ...VENDOR_FILES.map((f) => join(src.vendorDir, f.to)),
    ];
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(3);
    for (const f of files) {
      const path = relative(packageRoot(), f);
      expect({ path, shipped: shipped(path) }).toEqual({ path, shipped: true });
    }
    // the chart library ships as the build's copy: the functions install no echarts (62 MB)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect([pkg.dependencies.echarts, typeof pkg.devDependencies.echarts]).toEqual([undefined, 'string']);
  });

  it('ships enough for lib/paths.ts to find the package root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nba-props-artifact-'));
    try {
      const candidates = ['package.json', 'dist/lib/paths.js', ...readdirSync(join(ROOT, 'data')).map((f) => `data/${f}`)];
      for (const path of candidates.filter(shipped)) {
        mkdirSync(join(dir, dirname(path)), { recursive: true });
        writeFileSync(join(dir, path), '');
      }
      expect(packageRoot(join(dir, 'dist', 'lib'))).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships nothing else from the checkout', () => {
    for (const path of [
      '.local/warehouse.duckdb',
      'lib/config.ts',
      'test/terraform/iam.test.ts',
      'dist/test/unit/dates.test.js',
      'dist/cli/index.js',
      'dist/.tsbuildinfo',
      'data/player_games_2024_25.csv.gz',
      'node_modules/zod/index.js',
      'node_modules/echarts/dist/echarts.common.min.js',
      'site/src/tonight.ts',
      'site/tsconfig.json',
      'dist/site/.tsbuildinfo',
      'terraform/terraform.tfstate',
      '.env',
    ]) {
      expect({ path, shipped: shipped(path) }).toEqual({ path, shipped: false });
    }
  });

  it('zips exactly those files and uploads them under a content-hash name', () => {
    const [archive] = model.instances('archive_file', 'source', 'data');
    const source = (archive?.raw.dynamic as { source?: unknown } | undefined)?.source;
    expect(source).toEqual([
      {
        for_each: '${toset(local.artifact_files)}',
        content: [{ filename: '${source.value}', content: '${file("${local.package_root}/${source.value}")}' }],
      },
    ]);
    const [object] = model.instances('google_storage_bucket_object', 'source');
    expect(object?.raw.name).toBe('nba-props/${local.artifact_hash}.zip');
    expect(object?.raw.source).toBe('${data.archive_file.source.output_path}');
  });

  it('adds an .npmrc so the function build installs no optional dependency, and DuckDB is the only one', () => {
    // @duckdb/node-bindings: the layer under node-api the local adapter reads vectors through
    expect(model.local('artifact_npmrc')).toBe('optional=false\n');
    const [archive] = model.instances('archive_file', 'source', 'data');
    expect(archive?.raw.source).toEqual([{ filename: '.npmrc', content: '${local.artifact_npmrc}' }]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.optionalDependencies ?? {})).toEqual(['@duckdb/node-api', '@duckdb/node-bindings']);
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@duckdb/'))).toEqual([]);
    // Everything the lockfile marks optional (and not dev-only) comes from DuckDB or is a platform
    // shim the cloud runtime does not need; nothing the Google path loads is optional.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optional?: boolean; dev?: boolean }>;
    };
    const optional = Object.entries(lock.packages)
      .filter(([, p]) => p.optional && !p.dev)
      .map(([path]) => path.replace(/^node_modules\//, ''));
    expect(optional.filter((p) => !p.startsWith('@duckdb/'))).toEqual(['@pkgjs/parseargs']);
  });

  it('refuses to plan without a build', () => {
    const [object] = model.instances('google_storage_bucket_object', 'source');
    expect(JSON.stringify(object?.raw.lifecycle)).toContain(`contains(local.artifact_files, \\"${MAIN}\\")`);
  });
});
