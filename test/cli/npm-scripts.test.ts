/**
 * `npm run cli` before any build: the real `precli`/`cli` scripts of package.json, in a throwaway
 * project with no dist/, build first (scripts/build-if-stale.js) and then run the CLI, instead of
 * node's MODULE_NOT_FOUND for dist/cli/index.js.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

it('`npm run cli -- status` on a fresh checkout builds, then runs the command', () => {
  const root = mkdtempSync(join(tmpdir(), 'nba-precli-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'build-if-stale.js'), join(root, 'scripts', 'build-if-stale.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules')); // for tsc
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'x', private: true, scripts: { precli: scripts.precli, cli: scripts.cli } }),
  );
  writeFileSync(
    join(root, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { outDir: 'dist', module: 'commonjs', rootDir: '.', types: [], skipLibCheck: true },
      include: ['cli'],
    }),
  );
  mkdirSync(join(root, 'cli'));
  writeFileSync(
    join(root, 'cli', 'index.ts'),
    "declare const process: { argv: string[] };\nconsole.log('cli ran: ' + process.argv.slice(2).join(' '));\n",
  );
  expect(existsSync(join(root, 'dist'))).toBe(false);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'status'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  expect(r.stderr).not.toContain('MODULE_NOT_FOUND');
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('cli ran: status');
  expect(existsSync(join(root, 'dist', 'cli', 'index.js'))).toBe(true);
});
