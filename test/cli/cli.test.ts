/**
 * The CLI as a user meets it: each case runs the real entry (cli/index.ts) in a child process on a
 * temporary local folder and checks the one sentence it prints and its exit code. The dates are
 * facts of the shipped data a person can check: the schedule covers 2024-10-22..2026-04-12,
 * 2024-10-22 is the first night of the box scores and has no prop lines, 2024-12-24 has no game.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliInterrupted, tempDir } from '../helpers/cli';

describe('nba-props', () => {
  it('--local-dir puts the warehouse, bucket and logs in that folder, not in NBA_LOCAL_DIR', () => {
    const dir = tempDir('flag');
    const env = tempDir('env');
    const r = cli(['--local-dir', dir, 'run', '--date', '2024-12-24'], {
      NBA_LOCAL_DIR: join(env, 'unused'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 players predicted: there is no game on the schedule for 2024-12-24\n');
    expect(existsSync(join(dir, 'warehouse.duckdb'))).toBe(true);
    expect(existsSync(join(dir, 'bucket', 'v1', 'tonight', 'all-players.json'))).toBe(true);
    expect(existsSync(join(env, 'unused'))).toBe(false);
  });

  it('`npm start --date=2025-11-05` (no --) stops with the command to type, exit 2', () => {
    // what npm hands the script: the option as its own config, the script's own arguments only
    const r = cli(['run'], {
      npm_lifecycle_event: 'start',
      npm_config_date: '2025-11-05',
      NBA_LOCAL_DIR: tempDir('npm'),
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: npm kept --date=2025-11-05 for itself, so nba-props did not see it: type `npm start -- --date 2025-11-05` (npm passes options to the script only after `--`)\n',
    );
  });

  it('a local folder that cannot be written is one sentence, exit 1', () => {
    const file = join(tempDir('ro'), 'a-file');
    writeFileSync(file, '');
    const r = cli(['--local-dir', join(file, 'local'), 'status']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: the local folder ${join(file, 'local')} lies under a file, not a folder: nba-props keeps its warehouse, bucket and logs there; choose a writable folder with --local-dir <folder> (or NBA_LOCAL_DIR)\n`,
    );
  });

  it('a backtest of dates outside the data exits 2 with the range the data covers', () => {
    const r = cli(['--local-dir', tempDir('bt'), 'backtest', '--from', '2030-01-01', '--to', '2030-01-03']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: no schedule data for 2030-01-01..2030-01-03: the data covers 2024-10-22..2026-04-12; pick dates inside it\n',
    );
  });

  it('`run` on the first night of the data says why nobody was predicted', () => {
    const r = cli(['--local-dir', tempDir('first'), 'run', '--date', '2024-10-22']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/players +0 predicted \(0 with lines\), 0 ineligible/);
    expect(r.stdout).toContain(
      '0 players predicted: the box scores start on 2024-10-22, so no player has a game before 2024-10-22 (a prediction needs his recent games), and no book posted a prop line for it\n',
    );
  });

  it('`consolidate --batch` of a superseded batch is one sentence naming the newer batch, exit 1', () => {
    const dir = tempDir('sup');
    expect(cli(['--local-dir', dir, 'run', '--date', '2024-10-22']).status).toBe(0);
    expect(cli(['--local-dir', dir, 'run', '--date', '2024-10-22']).status).toBe(0);
    const status = cli(['--local-dir', dir, 'status', '--date', '2024-10-22']).stdout;
    const newer = /^(\S+)\s+2024-10-22\s+exported/m.exec(status)?.[1];
    const older = /^(\S+)\s+2024-10-22\s+superseded/m.exec(status)?.[1];
    expect(newer).toMatch(/^batch_2024_10_22_/);
    expect(older).toMatch(/^batch_2024_10_22_/);
    const r = cli(['--local-dir', dir, 'consolidate', '--batch', older ?? '']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: batch ${older} was superseded by ${newer}, a later run of 2024-10-22: its predictions now belong to that batch; use ${newer} (or leave the batch out)\n`,
    );
  });

  it('Ctrl-C during a run says what was left and how to finish it (exit 130), and that command finishes it', async () => {
    const dir = tempDir('int');
    // SIGINT as soon as the first player's predictions are written (a log line of the run)
    const r = await cliInterrupted(
      ['--local-dir', dir, 'run', '--date', '2025-12-05', '--verbose'],
      /"event":"player_predicted"/,
    );
    expect(r.status).toBe(130);
    const m =
      /interrupted \(Ctrl-C\): batch (batch_2025_12_05_\w+) of 2025-12-05 stopped with (\d+) of (\d+) players predicted; their rows stay in the batch's staging table until it expires \(\d+ h\); finish it with `npm run cli -- --local-dir (\S+) consolidate --batch \1`, or run the date again with `npm start -- --local-dir \4 --date 2025-12-05`\n$/.exec(
        r.stderr,
      );
    expect(m).not.toBeNull();
    const [, batch, done, requested, printedDir] = m ?? [];
    expect(printedDir).toBe(dir);
    expect(Number(done)).toBeGreaterThanOrEqual(1);
    expect(Number(done)).toBeLessThan(Number(requested));
    expect(cli(['--local-dir', dir, 'status', '--batch', batch]).stdout).toMatch(/running/);
    const finish = cli(['--local-dir', dir, 'consolidate', '--batch', batch]);
    expect(finish.status).toBe(0);
    expect(finish.stdout).toMatch(/exported at\s+\d{4}-/);
  });
});
