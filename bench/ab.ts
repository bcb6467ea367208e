/**
 * Side by side: the code before a change and after it, measured in one run, alternating (A B A B
 * ...) so that load from anything else on the machine falls on both sides alike. Each measurement
 * is its own child process; peak RSS comes from `/usr/bin/time -v`. "before" is a checkout of the
 * earlier commit with `npm ci && npm run build` done; "after" is this checkout.
 *
 *   node dist/bench/ab.js slate    --before /tmp/nba-before   # warm 248-player slate, in process
 *   node dist/bench/ab.js backtest --before /tmp/nba-before   # 46 slates, wall + peak RSS + report check
 *   node dist/bench/ab.js start    --before /tmp/nba-before   # npm start vs node dist/cli/index.js run
 *   node dist/bench/ab.js loader   --before /tmp/nba-before   # batch history loader vs per-player loop
 *   node dist/bench/ab.js scale    [--before /tmp/nba-before] # 1,000-player slate vs the 248-player one
 *   node dist/bench/ab.js interrupt                           # Ctrl-C a backtest, rerun, compare reports
 *
 * Options: --rounds N (alternations), --runs N (timed slates per child), --work DIR (scratch
 * folder, default $TMPDIR/nba-props-ab), --from/--to (backtest range). Prints a table per side
 * (min / median / max) and the ratio of medians, then one JSON line with everything.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { option, spread } from './code';
import { largestRealDifference, reportDifferences } from './compare-reports';
import { fmt, lastJson, mustSucceed, row, timed } from './process';

interface Side {
  name: 'before' | 'after';
  checkout: string;
}

const argv = process.argv.slice(2);
const what = argv[0];
const rounds = Number(option(argv, 'rounds') ?? 3);
const work = resolve(option(argv, 'work') ?? join(tmpdir(), 'nba-props-ab'));
const afterCheckout = resolve(option(argv, 'after') ?? join(__dirname, '..', '..'));
const beforeCheckout = option(argv, 'before') ? resolve(option(argv, 'before') ?? '') : undefined;
const benchDist = join(afterCheckout, 'dist', 'bench');

function sides(required: boolean): Side[] {
  if (!beforeCheckout) {
    if (required) throw new Error('--before <checkout of the earlier commit, built> is required');
    return [{ name: 'after', checkout: afterCheckout }];
  }
  return [
    { name: 'before', checkout: beforeCheckout },
    { name: 'after', checkout: afterCheckout },
  ];
}

/** Warm slate in process: bench/slate.js driving each side's build. */
function slate(): object {
  const runs = option(argv, 'runs') ?? '3';
  const date = option(argv, 'date') ?? '2025-12-05';
  const ss = sides(true);
  const times: Record<string, number[]> = { before: [], after: [] };
  const rss: Record<string, number[]> = { before: [], after: [] };
  let players = 0;
  for (let r = 0; r < rounds; r += 1) {
    for (const s of r % 2 === 0 ? ss : [...ss].reverse()) {
      const t = mustSucceed(
        timed(
          process.execPath,
          [
            join(benchDist, 'slate.js'),
            '--code',
            s.checkout,
            '--runs',
            runs,
            '--date',
            date,
            '--dir',
            join(work, `slate-${s.name}`),
          ],
          afterCheckout,
        ),
        `slate ${s.name}`,
      );
      const out = lastJson<{ times_ms: number[]; players: number }>(t.stdout);
      times[s.name].push(...out.times_ms);
      if (t.peak_rss_mib !== null) rss[s.name].push(t.peak_rss_mib);
      players = out.players;
    }
  }
  const b = spread(times.before);
  const a = spread(times.after);
  row('warm slate', 'before', 'after', 'after / before');
  row(
    `${date} (${players} players), ${times.after.length} runs a side`,
    fmt(b, 's'),
    fmt(a, 's'),
    (a.median / b.median).toFixed(2),
  );
  return {
    bench: 'slate',
    date,
    players,
    before: b,
    after: a,
    peak_rss_mib: rss,
    ratio: a.median / b.median,
  };
}

/** The backtest CLI of each side on a fresh copy of a warehouse with the shipped data loaded. */
function backtest(): object {
  const from = option(argv, 'from') ?? '2025-10-21';
  const to = option(argv, 'to') ?? '2025-12-06';
  const reference = resolve(
    option(argv, 'reference') ?? join(afterCheckout, 'reports', `backtest-${from}_${to}.json`),
  );
  const ss = sides(true);
  const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const s of ss) {
    const tmpl = join(work, `bt-template-${s.name}`);
    if (!existsSync(join(tmpl, 'backtest', 'warehouse.duckdb'))) {
      // a backtest of one day without games: loads the shipped data, then nothing to replay (a
      // build since the CLI's exit codes were settled says so with exit 2, an older one exits 0)
      const t = timed(
        process.execPath,
        ['dist/cli/index.js', 'backtest', '--from', dayBefore, '--to', dayBefore],
        s.checkout,
        { NBA_LOCAL_DIR: tmpl },
      );
      if (!existsSync(join(tmpl, 'backtest', 'warehouse.duckdb'))) mustSucceed(t, `template ${s.name}`);
    }
  }
  const wall: Record<string, number[]> = { before: [], after: [] };
  const rss: Record<string, number[]> = { before: [], after: [] };
  const checks: string[] = [];
  const ref = existsSync(reference) ? (JSON.parse(readFileSync(reference, 'utf8')) as unknown) : undefined;
  const afterReports: unknown[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const s of r % 2 === 0 ? ss : [...ss].reverse()) {
      const dir = join(work, `bt-${s.name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, 'backtest'), { recursive: true });
      copyFileSync(
        join(work, `bt-template-${s.name}`, 'backtest', 'warehouse.duckdb'),
        join(dir, 'backtest', 'warehouse.duckdb'),
      );
      const out = join(dir, 'report.json');
      const t = mustSucceed(
        timed(
          process.execPath,
          ['dist/cli/index.js', 'backtest', '--from', from, '--to', to, '--out', out],
          s.checkout,
          { NBA_LOCAL_DIR: dir },
        ),
        `backtest ${s.name}`,
      );
      wall[s.name].push(t.wall_ms);
      if (t.peak_rss_mib !== null) rss[s.name].push(t.peak_rss_mib);
      const report = JSON.parse(readFileSync(out, 'utf8')) as unknown;
      if (s.name === 'after') afterReports.push(report);
      if (ref !== undefined) {
        const d = reportDifferences(ref, report);
        checks.push(
          `${s.name} round ${r + 1}: ${d.length === 0 ? `same as ${reference} (largest real difference ${largestRealDifference(ref, report).toExponential(1)})` : `DIFFERENT: ${d.slice(0, 5).join('; ')}`}`,
        );
      }
    }
  }
  const reproducible = afterReports.every(
    (x) =>
      largestRealDifference(afterReports[0], x) === 0 && reportDifferences(afterReports[0], x).length === 0,
  );
  const b = spread(wall.before);
  const a = spread(wall.after);
  row(`backtest ${from}..${to}`, 'before', 'after', 'after / before');
  row(`wall, ${rounds} runs a side`, fmt(b, 's'), fmt(a, 's'), (a.median / b.median).toFixed(2));
  row('peak RSS MiB', fmt(spread(rss.before), 'MiB'), fmt(spread(rss.after), 'MiB'), '');
  for (const c of checks) process.stdout.write(`report ${c}\n`);
  process.stdout.write(`after's reports bit-identical to each other: ${reproducible}\n`);
  return {
    bench: 'backtest',
    from,
    to,
    before: b,
    after: a,
    peak_rss_mib: rss,
    checks,
    after_reproducible: reproducible,
  };
}

/** `npm start` against the built CLI, on the slate and on a date that fails at once (the overhead alone). */
function start(): object {
  const ss = sides(true);
  const cases: Array<{ label: string; extra: string[] }> = [
    { label: 'slate 2025-12-05', extra: [] },
    { label: 'date outside the data (exits at once)', extra: ['--date', '2000-01-01'] },
  ];
  const res: Record<string, number[]> = {};
  for (const s of ss) {
    // seed the side's folder once
    timed(process.execPath, ['dist/cli/index.js', 'run', '--date', '2000-01-01'], s.checkout, {
      NBA_LOCAL_DIR: join(work, `start-${s.name}`),
    });
  }
  for (let r = 0; r < rounds; r += 1) {
    for (const s of r % 2 === 0 ? ss : [...ss].reverse()) {
      const env = { NBA_LOCAL_DIR: join(work, `start-${s.name}`) };
      for (const c of cases) {
        const cli = timed(process.execPath, ['dist/cli/index.js', 'run', ...c.extra], s.checkout, env);
        const npm = timed('npm', ['start', ...(c.extra.length ? ['--', ...c.extra] : [])], s.checkout, env);
        for (const [k, t] of [
          ['cli', cli],
          ['npm', npm],
        ] as const) {
          const key = `${s.name}|${c.label}|${k}`;
          (res[key] ??= []).push(t.wall_ms);
        }
      }
    }
  }
  row('npm start overhead', 'before', 'after');
  const out: Record<string, object> = {};
  for (const c of cases) {
    const cells = ss.map((s) => {
      const cli = spread(res[`${s.name}|${c.label}|cli`]);
      const npm = spread(res[`${s.name}|${c.label}|npm`]);
      out[`${s.name} ${c.label}`] = { cli, npm, overhead_ms: npm.median - cli.median };
      return `npm start ${fmt(npm, 's')} vs CLI ${fmt(cli, 's')}: +${((npm.median - cli.median) / 1000).toFixed(2)} s`;
    });
    row(c.label, ...cells);
  }
  return { bench: 'start', results: out };
}

/** The loader bench of each side. */
function loader(): object {
  const players = option(argv, 'players') ?? '248,450,1000';
  const ss = sides(true);
  type Res = { players: number; digest: string; loop_ms: { median: number }; batch_ms: { median: number } };
  const all: Record<string, Res[][]> = { before: [], after: [] };
  for (let r = 0; r < rounds; r += 1) {
    for (const s of r % 2 === 0 ? ss : [...ss].reverse()) {
      const t = mustSucceed(
        timed(
          process.execPath,
          [
            join(benchDist, 'loader.js'),
            '--code',
            s.checkout,
            '--players',
            players,
            '--dir',
            join(work, `loader-${s.name}`),
          ],
          afterCheckout,
        ),
        `loader ${s.name}`,
      );
      all[s.name].push(lastJson<{ results: Res[] }>(t.stdout).results);
    }
  }
  row('history loader', 'before: batch, loop, loop / batch', 'after: batch, loop, loop / batch');
  const out: object[] = [];
  const sizes = all.after[0].map((x) => x.players);
  sizes.forEach((n, i) => {
    const cells = ss.map((s) => {
      const batch = spread(all[s.name].map((rs) => rs[i].batch_ms.median));
      const loop = spread(all[s.name].map((rs) => rs[i].loop_ms.median));
      out.push({
        side: s.name,
        players: n,
        batch,
        loop,
        speedup: loop.median / batch.median,
        digest: all[s.name][0][i].digest,
      });
      return `${fmt(batch)}, ${fmt(loop, 'ms')}, ${(loop.median / batch.median).toFixed(0)}x`;
    });
    const digests = new Set(ss.map((s) => all[s.name][0][i].digest));
    row(`${n} players${digests.size === 1 ? '' : ' (DIGESTS DIFFER)'}`, ...cells);
  });
  return { bench: 'loader', results: out };
}

/** A 1,000-player slate against the 248-player one, time and peak RSS, per side. */
function scale(): object {
  const runs = option(argv, 'runs') ?? '3';
  const target = option(argv, 'players') ?? '1000';
  const ss = sides(false);
  const res: Record<string, { ms: number[]; rss: number[]; players: number }> = {};
  for (let r = 0; r < rounds; r += 1) {
    for (const s of r % 2 === 0 ? ss : [...ss].reverse()) {
      for (const size of ['248', target]) {
        const args = [
          join(benchDist, 'slate.js'),
          '--code',
          s.checkout,
          '--runs',
          runs,
          '--dir',
          join(work, `scale-${size}-${s.name}`),
        ];
        if (size !== '248') args.push('--players', size);
        const t = mustSucceed(timed(process.execPath, args, afterCheckout), `scale ${s.name} ${size}`);
        const o = lastJson<{ times_ms: number[]; players: number }>(t.stdout);
        const k = `${s.name}|${size}`;
        res[k] ??= { ms: [], rss: [], players: o.players };
        res[k].ms.push(...o.times_ms);
        if (t.peak_rss_mib !== null) res[k].rss.push(t.peak_rss_mib);
      }
    }
  }
  row('scaling', ...ss.map((s) => s.name));
  const out: Record<string, object> = {};
  for (const size of ['248', target]) {
    row(
      `${res[`after|${size}`].players} players: warm slate, peak RSS`,
      ...ss.map(
        (s) =>
          `${fmt(spread(res[`${s.name}|${size}`].ms), 's')}, ${fmt(spread(res[`${s.name}|${size}`].rss), 'MiB')}`,
      ),
    );
  }
  row(
    `${target} / 248: time, RSS`,
    ...ss.map((s) => {
      const big = res[`${s.name}|${target}`];
      const small = res[`${s.name}|248`];
      const tr = spread(big.ms).median / spread(small.ms).median;
      const rr = spread(big.rss).median / spread(small.rss).median;
      out[s.name] = {
        small: spread(small.ms),
        big: spread(big.ms),
        rss_small: spread(small.rss),
        rss_big: spread(big.rss),
        time_ratio: tr,
        rss_ratio: rr,
        players: [small.players, big.players],
      };
      return `${tr.toFixed(2)}x, ${rr.toFixed(2)}x`;
    }),
  );
  return { bench: 'scale', results: out };
}

/** Starts a backtest, interrupts it with SIGINT after `--after-s` seconds, reruns it, compares. */
async function interrupt(): Promise<object> {
  const from = option(argv, 'from') ?? '2025-10-21';
  const to = option(argv, 'to') ?? '2025-12-06';
  const afterS = Number(option(argv, 'after-s') ?? 8);
  const dir = join(work, 'interrupt');
  rmSync(dir, { recursive: true, force: true });
  const env = { ...process.env, NBA_LOCAL_DIR: dir };
  const cli = ['dist/cli/index.js', 'backtest', '--from', from, '--to', to];
  // 1. a complete run, for the reference
  const full = timed(process.execPath, [...cli, '--out', join(dir, 'full.json')], afterCheckout, {
    NBA_LOCAL_DIR: dir,
  });
  mustSucceed(full, 'full backtest');
  // 2. a run interrupted part way
  const child = spawn(process.execPath, [...cli, '--out', join(dir, 'interrupted.json')], {
    cwd: afterCheckout,
    env,
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, afterS * 1000));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  // 3. the rerun after the interruption
  const rerun = mustSucceed(
    timed(process.execPath, [...cli, '--out', join(dir, 'rerun.json')], afterCheckout, {
      NBA_LOCAL_DIR: dir,
    }),
    'rerun',
  );
  const a = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) as unknown;
  const b = JSON.parse(readFileSync(join(dir, 'rerun.json'), 'utf8')) as unknown;
  const diffs = reportDifferences(a, b);
  const identical = diffs.length === 0 && largestRealDifference(a, b) === 0;
  process.stdout.write(
    `interrupted after ${afterS} s (exit ${code}, ${existsSync(join(dir, 'interrupted.json')) ? 'wrote a report' : 'no report'}); rerun ${(rerun.wall_ms / 1000).toFixed(1)} s: ${identical ? 'report bit-identical to the uninterrupted run' : `DIFFERENT: ${diffs.slice(0, 5).join('; ')}`}\n`,
  );
  return { bench: 'interrupt', interrupted_after_s: afterS, exit: code, identical };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const load0 = loadavg()[0];
  const benches: Record<string, () => object | Promise<object>> = {
    slate,
    backtest,
    start,
    loader,
    scale,
    interrupt,
  };
  const fn = what ? benches[what] : undefined;
  if (!fn)
    throw new Error(`usage: ab.js <${Object.keys(benches).join('|')}> [--before <checkout>] [--rounds N]`);
  const result = await fn();
  process.stdout.write(
    JSON.stringify({ ...result, rounds, load_average: [load0, loadavg()[0]], node: process.version }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
