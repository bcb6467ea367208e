/** The sentences of the CLI's guards, from the inputs npm and the file system give them. */
import { failureSentence } from '../../cli/failure-sentence';
import { followUp } from '../../cli/follow-up';
import { localDirMessage } from '../../cli/local-dir';
import { interruptMessage, runProgress } from '../../cli/interrupt';
import { npmKeptOptionsMessage } from '../../cli/npm-args';
import { TOPICS } from '../../lib/topics';

const fsError = (code: string) => Object.assign(new Error(`${code}: x`), { code });

describe('npmKeptOptionsMessage', () => {
  it('is null outside an npm script and when npm kept none of the options', () => {
    expect(npmKeptOptionsMessage({ npm_config_date: '2025-11-05' }, ['run'])).toBeNull();
    expect(
      npmKeptOptionsMessage({ npm_lifecycle_event: 'start', npm_config_cache: '/root/.npm' }, ['run']),
    ).toBeNull();
  });

  it("pairs `--from 2025-11-01` (npm keeps `from=true`, the date arrives as an argument) and names npm's `--to` expansion", () => {
    // `npm run cli backtest --from 2025-11-01 --to=2025-11-03`: npm expands --to to --token-description
    const env = {
      npm_lifecycle_event: 'cli',
      npm_config_from: 'true',
      npm_config_token_description: '2025-11-03',
    };
    expect(npmKeptOptionsMessage(env, ['backtest', '2025-11-01'])).toBe(
      'npm kept --from, --to=2025-11-03 for itself, so nba-props did not see it: type `npm run cli -- backtest --from 2025-11-01 --to 2025-11-03` (npm passes options to the script only after `--`)',
    );
  });
});

describe('localDirMessage', () => {
  it('says why the folder cannot be used for each file-system error it knows', () => {
    expect(localDirMessage('/data/ro', fsError('EROFS'))).toBe(
      'the local folder /data/ro is on a read-only file system: nba-props keeps its warehouse, bucket and logs there; choose a writable folder with --local-dir <folder> (or NBA_LOCAL_DIR)',
    );
    expect(localDirMessage('/data/ro', fsError('EACCES'))).toMatch(
      /^the local folder \/data\/ro is not writable by this user: /,
    );
    expect(localDirMessage('/data/ro', fsError('EBUSY'))).toBeNull();
    expect(localDirMessage('/data/ro', new Error('no code'))).toBeNull();
  });
});

describe('interruptMessage', () => {
  const req = (batch_id: string) => ({ topic: TOPICS.request, messageId: 'm', payload: { batch_id } });
  const done = { topic: TOPICS.ready, messageId: 'r', payload: { kind: 'player_done' } };

  it('counts the players requested and done from the bus log', () => {
    const p = runProgress([req('batch_x'), req('batch_x'), req('batch_x'), done]);
    expect(p).toEqual({ batchId: 'batch_x', requested: 3, done: 1, consolidating: false });
    expect(interruptMessage('2025-12-05', p, 48)).toBe(
      "interrupted (Ctrl-C): batch batch_x of 2025-12-05 stopped with 1 of 3 players predicted; their rows stay in the batch's staging table until it expires (48 h); finish it with `npm run cli -- consolidate --batch batch_x`, or run the date again with `npm start -- --date 2025-12-05`",
    );
  });

  it('before the first request there is nothing staged', () => {
    expect(interruptMessage('2025-12-05', runProgress([]), 48)).toBe(
      'interrupted (Ctrl-C) before any player of 2025-12-05 was predicted: nothing was staged; run it again with `npm start -- --date 2025-12-05`',
    );
  });
});

describe('followUp', () => {
  it('adds --local-dir only for a folder other than ./.local, quoted when the shell needs it', () => {
    expect(followUp('cli', 'view', '.local')).toBe('npm run cli -- view');
    expect(followUp('start', '', '.local')).toBe('npm start');
    expect(followUp('cli', 'status --batch b1', '/tmp/x')).toBe(
      'npm run cli -- --local-dir /tmp/x status --batch b1',
    );
    expect(followUp('start', '--date 2025-12-05', "/tmp/my dir's")).toBe(
      "npm start -- --local-dir '/tmp/my dir'\\''s' --date 2025-12-05",
    );
  });
});

describe('npmKeptOptionsMessage under `npm run cli` with no command', () => {
  it('names the one command that takes the options, or asks for the command first', () => {
    const cliEnv = (extra: Record<string, string>) => ({ npm_lifecycle_event: 'cli', ...extra });
    expect(npmKeptOptionsMessage(cliEnv({ npm_config_port: '8080' }), [])).toBe(
      'npm kept --port=8080 for itself, so nba-props did not see it: type `npm run cli -- view --port 8080` (npm passes options to the script only after `--`)',
    );
    expect(npmKeptOptionsMessage(cliEnv({ npm_config_from: '2025-11-01' }), [])).toBe(
      'npm kept --from=2025-11-01 for itself, so nba-props did not see it: type `npm run cli -- <command> --from 2025-11-01` (npm passes options to the script only after `--`; put the command first: training-rows or backtest)',
    );
    expect(npmKeptOptionsMessage(cliEnv({ npm_config_date: '2025-11-05' }), ['status'])).toBe(
      'npm kept --date=2025-11-05 for itself, so nba-props did not see it: type `npm run cli -- status --date 2025-11-05` (npm passes options to the script only after `--`)',
    );
  });
});

describe('failureSentence', () => {
  it('drops the code and message id of a permanent failure, and says how to make a missing batch', () => {
    expect(
      failureSentence(
        'permanent failure (NO_CONSOLIDATED_BATCH): message local-17-1: game_date: no consolidated batch for 2025-11-05; run the predictions first',
        '.local',
      ),
    ).toBe('no consolidated batch for 2025-11-05: run it first with `npm start -- --date 2025-11-05`');
    expect(
      failureSentence(
        'permanent failure (NOT_CONSOLIDATED): message local-3-1: batch_id: batch b1 has not been consolidated yet',
        '.local',
      ),
    ).toBe('batch_id: batch b1 has not been consolidated yet');
    expect(failureSentence('timeout talking to the warehouse', '.local')).toBe(
      'timeout talking to the warehouse',
    );
  });
});

describe('interruptMessage on SIGTERM', () => {
  it('names the signal and carries the local folder', () => {
    expect(interruptMessage('2025-12-05', runProgress([]), 48, '/tmp/x', 'SIGTERM')).toBe(
      'interrupted (SIGTERM) before any player of 2025-12-05 was predicted: nothing was staged; run it again with `npm start -- --local-dir /tmp/x --date 2025-12-05`',
    );
  });
});
