/**
 * Faults a newcomer met with the CLI, each run through the real entry (cli/index.ts) in a child
 * process on a temporary local folder: a damaged warehouse file, hints that lost --local-dir, npm
 * keeping an option of `npm run cli`, an unwritable `backtest --out`, an empty --local-dir, signals,
 * a port in use, an export of an earlier date and a date with no predictions.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  closeSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cli, cliInterrupted, ROOT, tempDir } from '../helpers/cli';

/** The sentence for a damaged warehouse in `dir`. */
const damaged = (dir: string) =>
  `error: the local warehouse ${dir}/warehouse.duckdb is damaged or is not a DuckDB database file: it is safe to delete (the next run loads the shipped data again; the exports in ${dir}/bucket are kept): rm -f ${dir}/warehouse.duckdb ${dir}/warehouse.duckdb.wal\n`;

describe('a damaged warehouse file', () => {
  let loaded = '';
  beforeAll(() => {
    const dir = tempDir('wh');
    expect(cli(['--local-dir', dir, 'status']).status).toBe(0); // loads the shipped data
    loaded = join(dir, 'warehouse.duckdb');
  });

  /** A local folder holding a copy of the loaded warehouse, damaged by `harm`. */
  const damagedCopy = (name: string, harm: (file: string) => void): string => {
    const dir = tempDir(name);
    copyFileSync(loaded, join(dir, 'warehouse.duckdb'));
    harm(join(dir, 'warehouse.duckdb'));
    return dir;
  };
  /** Overwrites `length` bytes at `offset` with 0x55. */
  const overwrite = (file: string, offset: number, length: number) => {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(length, 0x55), 0, length, offset);
    closeSync(fd);
  };

  it.each([
    ['cut to 0 bytes', (f: string) => truncateSync(f, 0)],
    ['cut to 4 KB', (f: string) => truncateSync(f, 4096)],
    ['overwritten after its first block', (f: string) => overwrite(f, 4096, 8192)],
  ])('%s is one sentence with the rm that clears it, exit 1', (name, harm) => {
    const dir = damagedCopy('dmg', harm);
    const r = cli(['--local-dir', dir, 'status']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(damaged(dir));
  });

  it('overwritten in the middle fails the run with the same sentence, and after the rm the next run works', () => {
    const dir = damagedCopy('mid', (f) =>
      overwrite(f, Math.floor(statSync(f).size / 8192) * 4096 - (1 << 19), 1 << 20),
    );
    const r = cli(['--local-dir', dir, 'run', '--date', '2024-10-22']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(damaged(dir));
    rmSync(join(dir, 'warehouse.duckdb'));
    rmSync(join(dir, 'warehouse.duckdb.wal'), { force: true });
    const next = cli(['--local-dir', dir, 'status']);
    expect(next.status).toBe(0);
    expect(next.stdout).toBe(`no batches yet: run \`npm start -- --local-dir ${dir}\`\n`);
  });
});

describe('follow-up commands and exports of an earlier date', () => {
  it('carry --local-dir, and export says v1/tonight/ keeps the later date', () => {
    const dir = tempDir('hint');
    const later = cli(['--local-dir', dir, 'run', '--date', '2024-10-23']);
    expect(later.stdout).toMatch(
      new RegExp(
        `results of 2024-10-22 +none yet: npm start -- --local-dir ${dir} --date 2024-10-22 && npm run cli -- --local-dir ${dir} export --types results,performance --date 2024-10-22\\n`,
      ),
    );
    expect(later.stdout).toContain(`see the pages: npm run cli -- --local-dir ${dir} view\n`);
    expect(cli(['--local-dir', dir, 'run', '--date', '2024-10-22']).status).toBe(0);
    const r = cli(['--local-dir', dir, 'export', '--types', 'tonight', '--date', '2024-10-22']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `export 2024-10-22\n  all players  ${dir}/bucket/v1/tonight/all-players.json (not written: v1/tonight/ keeps 2024-10-23, a later date)\n  predictions  ${dir}/bucket/v1/predictions/2024-10-22.json\n`,
    );
  });

  it('`consolidate` of an unknown batch names the status command with --local-dir', () => {
    const dir = tempDir('nob');
    const r = cli(['--local-dir', dir, 'consolidate', '--batch', 'batch_nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: no batch batch_nope: list batches with \`npm run cli -- --local-dir ${dir} status\`\n`,
    );
  });

  it('`export` of a date never run is the sentence with the command that runs it, exit 1', () => {
    const dir = tempDir('noc');
    const r = cli(['--local-dir', dir, 'export', '--date', '2025-11-05']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: no consolidated batch for 2025-11-05: run it first with \`npm start -- --local-dir ${dir} --date 2025-11-05\`\n`,
    );
  });
});

describe('arguments', () => {
  it('`npm run cli --date=2025-11-05` (npm kept it, no command) suggests the command with `run`, exit 2', () => {
    const r = cli([], {
      npm_lifecycle_event: 'cli',
      npm_config_date: '2025-11-05',
      NBA_LOCAL_DIR: tempDir('npmcli'),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'error: npm kept --date=2025-11-05 for itself, so nba-props did not see it: type `npm run cli -- run --date 2025-11-05` (npm passes options to the script only after `--`)\n',
    );
  });

  it("`--local-dir ''` is refused, exit 2, and nothing is written in the current directory", () => {
    const r = cli(['--local-dir', '', 'status']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: --local-dir is empty: give the folder of the warehouse, bucket and logs (e.g. --local-dir .local), or leave the option out for NBA_LOCAL_DIR or .local\n',
    );
    expect(existsSync(join(ROOT, 'warehouse.duckdb'))).toBe(false);
  });

  it('`backtest --out` under a file fails before the replay, exit 1', () => {
    const file = join(tempDir('btf'), 'a-file');
    writeFileSync(file, '');
    const r = cli([
      '--local-dir',
      tempDir('bto'),
      'backtest',
      '--from',
      '2025-11-01',
      '--to',
      '2025-11-01',
      '--out',
      join(file, 'bt.json'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: cannot write --out ${join(file, 'bt.json')}: its folder is a file, not a folder; nothing was run\n`,
    );
  });

  it('`backtest --out` in a folder that does not exist creates it before the replay', () => {
    const out = join(tempDir('btn'), 'new', 'sub', 'bt.json');
    // dates outside the data stop right after the check: the folder was made first
    expect(
      cli([
        '--local-dir',
        tempDir('btl'),
        'backtest',
        '--from',
        '2030-01-01',
        '--to',
        '2030-01-01',
        '--out',
        out,
      ]).status,
    ).toBe(2);
    expect(existsSync(join(out, '..'))).toBe(true);
  });
});

describe('signals and ports', () => {
  it('SIGTERM during a run says what was left, like Ctrl-C, exit 143', async () => {
    const dir = tempDir('term');
    const r = await cliInterrupted(
      ['--local-dir', dir, 'run', '--date', '2025-12-05', '--verbose'],
      /"event":"player_predicted"/,
      {},
      'SIGTERM',
    );
    expect(r.status).toBe(143);
    expect(r.stderr).toMatch(
      new RegExp(
        `^\\ninterrupted \\(SIGTERM\\): batch (batch_2025_12_05_\\w+) of 2025-12-05 stopped with \\d+ of \\d+ players predicted; .*finish it with \`npm run cli -- --local-dir ${dir} consolidate --batch \\1\`, or run the date again with \`npm start -- --local-dir ${dir} --date 2025-12-05\`\\n$`,
      ),
    );
  });

  it('Ctrl-C during the first data load is one sentence, exit 130, and the next run loads the data', async () => {
    const dir = tempDir('load');
    const r = await cliInterrupted(['--local-dir', dir, 'status'], { file: join(dir, 'warehouse.duckdb') });
    expect(r.status).toBe(130);
    expect(r.stderr).toBe(
      `\ninterrupted (Ctrl-C) while loading the shipped NBA data into ${dir}/warehouse.duckdb: nothing was run; the next run loads it again\n`,
    );
    const next = cli(['--local-dir', dir, 'status']);
    expect(next.status).toBe(0);
    expect(next.stdout).toBe(`no batches yet: run \`npm start -- --local-dir ${dir}\`\n`);
  });

  describe('view --port', () => {
    let taken: Server;
    beforeAll(() => new Promise<void>((done) => (taken = createServer().listen(0, '127.0.0.1', done))));
    afterAll(() => new Promise<void>((done) => taken.close(() => done())));

    it('of a port in use is one sentence, exit 1', () => {
      const pages = tempDir('pages');
      mkdirSync(join(pages, 'v1'));
      writeFileSync(join(pages, 'v1', 'index.html'), '<html></html>');
      const { port } = taken.address() as AddressInfo;
      const r = cli(['view', '--dir', pages, '--port', String(port)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `error: port ${port} on 127.0.0.1 is in use by another program: pick another with --port <port>, or leave --port out for a free one\n`,
      );
    });
  });
});
