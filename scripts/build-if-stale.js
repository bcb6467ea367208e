#!/usr/bin/env node
/**
 * Builds the TypeScript (`tsc -p tsconfig.build.json`, then the page scripts and the chart
 * library's copy into dist/site) only when a build input changed since the last build, so `npm start` costs one directory walk (a few ms) when nothing changed instead of
 * TypeScript's own incremental check (about 2 s), and still rebuilds after any edit.
 *
 * Inputs: every file under the folders tsconfig.build.json includes and under site/src, plus
 * package.json, package-lock.json and the tsconfig files. Their paths, sizes and modification times are hashed
 * into a fingerprint; a successful build writes it to dist/.build-fingerprint. The build is
 * skipped when the fingerprint matches and dist/cli/index.js exists: an edited, added or removed
 * input (or a git checkout, which rewrites the files it changes) changes the fingerprint.
 *
 *   node scripts/build-if-stale.js           # build if stale (npm start's prestart, npm run cli's precli)
 *   node scripts/build-if-stale.js --always  # build, then record the fingerprint (npm run build)
 *   node scripts/build-if-stale.js --check   # exit 0 when fresh, 1 when a build is needed
 *
 * Plain CommonJS with no dependency, because it runs before anything is compiled.
 */
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** Files outside the included folders whose change needs a build. */
const CONFIG_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'site/tsconfig.json',
];

/** The page scripts' sources (compiled by `tsc -b site/tsconfig.json` into dist/site), when present. */
const SITE_SOURCES = join('site', 'src');

/** Where a build records its fingerprint (inside dist/, so removing dist/ forces a build). */
const FINGERPRINT_FILE = join('dist', '.build-fingerprint');

/** The folders tsconfig.build.json compiles (its `include`; comments are not allowed in it). */
function includedFolders(root) {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  return Array.isArray(config.include) ? config.include : [];
}

/** Every file under `dir` (recursively), skipping node_modules and dot folders. */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Hash of the path, size and modification time of every build input under `root`. */
function fingerprint(root) {
  const files = [];
  for (const folder of includedFolders(root)) walk(join(root, folder), files);
  walk(join(root, SITE_SOURCES), files);
  for (const f of CONFIG_FILES) if (existsSync(join(root, f))) files.push(join(root, f));
  const hash = createHash('sha256');
  for (const f of files.map((x) => relative(root, x)).sort()) {
    const st = statSync(join(root, f));
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** True when the last build's fingerprint matches the inputs and the CLI (dist/cli/index.js) is built. */
function isFresh(root) {
  const file = join(root, FINGERPRINT_FILE);
  if (!existsSync(file) || !existsSync(join(root, 'dist', 'cli', 'index.js'))) return false;
  return readFileSync(file, 'utf8').trim() === fingerprint(root);
}

/** Runs `node <args>` in `root`; returns its exit code. */
function node(root, args) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

/**
 * The build: tsc over tsconfig.build.json, then, where the project has them, the page scripts
 * (`tsc -b site/tsconfig.json` -> dist/site) and the chart library's copy (dist/lib/site/vendor.js
 * -> dist/site/vendor). On success records the fingerprint taken before it ran. Returns the first
 * failing step's exit code, or 0.
 */
function build(root) {
  const before = fingerprint(root);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root, __dirname] });
  let code = node(root, [tsc, '-p', 'tsconfig.build.json']);
  if (code === 0 && existsSync(join(root, 'site', 'tsconfig.json'))) {
    code = node(root, [tsc, '-b', join('site', 'tsconfig.json')]);
  }
  if (code === 0 && existsSync(join(root, 'dist', 'lib', 'site', 'vendor.js'))) {
    code = node(root, [join('dist', 'lib', 'site', 'vendor.js')]);
  }
  if (code === 0) writeFileSync(join(root, FINGERPRINT_FILE), before + '\n');
  return code;
}

function main(argv) {
  const root = join(__dirname, '..');
  if (argv.includes('--check')) return isFresh(root) ? 0 : 1;
  if (!argv.includes('--always') && isFresh(root)) return 0;
  return build(root);
}

module.exports = { fingerprint, isFresh, build, FINGERPRINT_FILE };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
