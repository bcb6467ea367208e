/**
 * `npm start` builds only when a build input changed (scripts/build-if-stale.js), in a throwaway
 * project: fresh after a build, stale after an edit, an added file, a removed file or a deleted
 * dist/, and a real build through TypeScript records a fingerprint that matches.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'build-if-stale.js');

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'nba-stale-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(SCRIPT, join(root, 'scripts', 'build-if-stale.js'));
  symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(root, 'node_modules')); // for tsc
  writeFileSync(join(root, 'package.json'), '{"name":"x","private":true}\n');
  writeFileSync(
    join(root, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { outDir: 'dist', module: 'commonjs', rootDir: '.', types: [], skipLibCheck: true },
      include: ['cli'],
    }),
  );
  mkdirSync(join(root, 'cli'));
  writeFileSync(join(root, 'cli', 'index.ts'), 'export const answer: number = 42;\n');
  return root;
}

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts', 'build-if-stale.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
const fresh = (root: string) => run(root, '--check').status === 0;

describe('build only when stale', () => {
  it('builds a clean checkout, then skips until an input changes', () => {
    const root = project();
    expect(fresh(root)).toBe(false); // no dist/ yet
    expect(run(root).status).toBe(0); // builds through tsc
    expect(existsSync(join(root, 'dist', 'cli', 'index.js'))).toBe(true);
    expect(fresh(root)).toBe(true);

    writeFileSync(join(root, 'cli', 'index.ts'), 'export const answer: number = 43;\n');
    utimesSync(join(root, 'cli', 'index.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(fresh(root)).toBe(false); // edited
    expect(run(root).status).toBe(0);
    expect(fresh(root)).toBe(true);

    writeFileSync(join(root, 'cli', 'extra.ts'), 'export const more = 1;\n');
    expect(fresh(root)).toBe(false); // added
    expect(run(root).status).toBe(0);
    rmSync(join(root, 'cli', 'extra.ts'));
    expect(fresh(root)).toBe(false); // removed

    expect(run(root).status).toBe(0);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(fresh(root)).toBe(false); // dist/ deleted
  });

  it('fails, recording nothing, when the TypeScript does not compile', () => {
    const root = project();
    writeFileSync(join(root, 'cli', 'index.ts'), 'export const answer: number = "not a number";\n');
    expect(run(root).status).not.toBe(0);
    expect(fresh(root)).toBe(false);
  });
});
