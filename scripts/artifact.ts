/**
 * The deploy artifact as terraform/source.tf builds it, reproduced on this machine so its size can
 * be measured: the files `local.artifact_patterns` selects (Terraform `fileset` globbing) plus the
 * `.npmrc` the archive adds, zipped; then what the function build installs from that package.json
 * and lockfile (`npm ci` with NODE_ENV=production, as the Node.js buildpack runs it when no build
 * script runs; docs/platform-notes.md B.1 and terraform/functions.tf GOOGLE_NODE_RUN_SCRIPTS).
 *
 *   npm run build && npx ts-node --transpile-only scripts/artifact.ts [npm ci flags, e.g. --omit=dev]
 *
 * Prints JSON: file count, zip bytes, installed node_modules bytes and packages, and whether
 * `@duckdb/*` was installed. Needs `zip` and the npm registry (or a warm npm cache).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';

const ROOT = join(__dirname, '..');

/** Terraform fileset() globbing: `*` stays within a folder, `**` spans folders (or none). */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (pattern.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** What terraform/source.tf puts in the artifact: the path patterns and the `.npmrc` text. */
export async function artifactSpec(root = ROOT): Promise<{ patterns: string[]; npmrc: string }> {
  const json = (await parse('source.tf', readFileSync(join(root, 'terraform', 'source.tf'), 'utf8'))) as {
    locals?: Array<Record<string, unknown>>;
  };
  const locals = Object.assign({}, ...(json.locals ?? [])) as Record<string, unknown>;
  const patterns = locals.artifact_patterns;
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) {
    throw new Error('terraform/source.tf: local.artifact_patterns is not a list of strings');
  }
  const npmrc = typeof locals.artifact_npmrc === 'string' ? locals.artifact_npmrc : '';
  return { patterns, npmrc };
}

function walk(dir: string, root: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === '.local') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, root, out);
    else out.push(relative(root, path).split('\\').join('/'));
  }
}

/** The files of the checkout the patterns select, sorted (what `local.artifact_files` holds). */
export function selectFiles(patterns: readonly string[], root = ROOT): string[] {
  const res = patterns.map(globToRegExp);
  const all: string[] = [];
  walk(root, root, all);
  return all.filter((f) => res.some((r) => r.test(f))).sort();
}

function bytesOf(dir: string): number {
  if (!existsSync(dir)) return 0;
  const s = statSync(dir);
  if (!s.isDirectory()) return s.size;
  return readdirSync(dir).reduce((sum, name) => sum + bytesOf(join(dir, name)), 0);
}

async function main(): Promise<void> {
  const { patterns, npmrc } = await artifactSpec();
  const files = selectFiles(patterns);
  const work = mkdtempSync(join(tmpdir(), 'nba-props-artifact-'));
  try {
    const app = join(work, 'app');
    for (const f of files) {
      mkdirSync(join(app, dirname(f)), { recursive: true });
      cpSync(join(ROOT, f), join(app, f));
    }
    if (npmrc !== '') writeFileSync(join(app, '.npmrc'), npmrc);
    const zip = join(work, 'source.zip');
    execFileSync('zip', ['-q', '-r', '-9', zip, '.'], { cwd: app });
    const env = { ...process.env, NODE_ENV: 'production' };
    const flags = process.argv.slice(2);
    execFileSync('npm', ['ci', '--quiet', '--no-fund', '--no-audit', ...flags], {
      cwd: app,
      env,
      stdio: 'ignore',
    });
    const modules = join(app, 'node_modules');
    const lock = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const installed = Object.keys(lock.packages);
    console.log(
      JSON.stringify(
        {
          npm_ci: ['npm', 'ci', ...flags].join(' '),
          files: files.length,
          npmrc: npmrc.trim() || null,
          zip_bytes: statSync(zip).size,
          node_modules_bytes: bytesOf(modules),
          packages: installed.length,
          duckdb_installed: installed.filter((p) => p.includes('@duckdb/')),
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
