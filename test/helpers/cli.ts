/**
 * Runs the real CLI entry (cli/index.ts through ts-node, no build needed) in a child process, as a
 * user would run `nba-props`, on a temporary local folder; returns its exit code and output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const ENTRY = ['-r', 'ts-node/register/transpile-only', join(ROOT, 'cli', 'index.ts')];

/** A fresh empty folder under the OS temp dir. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `nba-cli-${prefix}-`));
}

/** What a CLI run returned. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a run: no npm variables, no inherited NBA_* settings, quiet tooling. */
function cliEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    ...extra,
  };
}

/** Runs `nba-props <args>` to its end. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [...ENTRY, ...args], {
    cwd: ROOT,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `nba-props <args>` and sends it `signal` (default SIGINT) as soon as a line of its stdout
 * matches `when`, or, with `{ file }`, as soon as that file appears (an event of the run, not a
 * time); resolves when it exits.
 */
export function cliInterrupted(
  args: string[],
  when: RegExp | { file: string },
  env: NodeJS.ProcessEnv = {},
  signal: NodeJS.Signals = 'SIGINT',
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: ROOT, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      child.kill(signal);
    };
    if (!(when instanceof RegExp)) {
      const watcher = watch(dirname(when.file), () => {
        if (existsSync(when.file)) send();
      });
      child.on('close', () => watcher.close());
    }
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (when instanceof RegExp && when.test(stdout)) send();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
