/**
 * The child-process side of the benchmarks (bench/ab.ts): run a command timed, with its peak RSS
 * from `/usr/bin/time -v` when the machine has it; read its JSON result; print table rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { msSince } from './code';

/** GNU time, for the peak RSS of a child (`Maximum resident set size`). */
const TIME = '/usr/bin/time';

/** One timed run of a command: wall milliseconds, peak RSS in MiB (null without GNU time), output. */
export interface Timed {
  wall_ms: number;
  peak_rss_mib: number | null;
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time -v (when present); wall time measured around it. */
export function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Timed {
  const withTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(withTime ? TIME : cmd, withTime ? ['-v', cmd, ...args] : args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = msSince(t0);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return {
    wall_ms: Math.round(wall),
    peak_rss_mib: rss ? Math.round(Number(rss[1]) / 1024) : null,
    status: r.status ?? 1,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
  };
}

/** `t`, or an Error with the end of its output when it exited non-zero. */
export function mustSucceed(t: Timed, what: string): Timed {
  if (t.status !== 0)
    throw new Error(`${what} exited ${t.status}:\n${t.stdout.slice(-2000)}\n${t.stderr.slice(-2000)}`);
  return t;
}

/** The last line of `stdout` that is a JSON object, parsed. */
export function lastJson<T>(stdout: string): T {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`no JSON in output: ${stdout.slice(-500)}`);
  return JSON.parse(line) as T;
}

/** "median (min..max)" of a spread, in ms or (unit 's') seconds. */
export const fmt = (s: { min: number; median: number; max: number }, unit = 'ms') =>
  unit === 's'
    ? `${(s.median / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}..${(s.max / 1000).toFixed(2)})`
    : `${s.median} ${unit} (${s.min}..${s.max})`;

/** One Markdown table row on stdout. */
export function row(label: string, ...cells: string[]): void {
  process.stdout.write(`| ${[label, ...cells].join(' | ')} |\n`);
}
