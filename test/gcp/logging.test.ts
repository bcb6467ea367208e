/**
 * Logs as Cloud Logging reads them: the handlers run a whole slate (2025-12-05, shipped data, the
 * in-process bus) plus one bad message, with the production log sink (process.stdout), and every
 * line written to stdout is parsed as one JSON object with `severity`, `message` and
 * `logging.googleapis.com/labels` (docs/local-stack.md §5: Cloud Run lifts these into the
 * LogEntry). The handler lines carry function, message_id, batch_id and player_lookup labels.
 *
 * The modules are loaded fresh (jest.resetModules) so the log sink is the real stdout writer, not
 * the quiet sink the jest setup installs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Entry = Record<string, unknown> & {
  severity: string;
  message: string;
  'logging.googleapis.com/labels'?: Record<string, string>;
};

const SEVERITIES = new Set(['DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL']);
let entries: Entry[] = [];
let rawLines: string[] = [];
let triggerId = '';
let badId = '';
const dir = mkdtempSync(join(tmpdir(), 'nba-props-logs-'));

beforeAll(async () => {
  jest.resetModules();
  await import('../../functions');
  const { parseConfig } = await import('../../lib/config');
  const { createLocalRuntime } = await import('../../lib/local/runtime');
  const { setRuntime } = await import('../../lib/runtime');
  const { TOPICS } = await import('../../lib/topics');
  const rt = await createLocalRuntime(parseConfig({ NBA_LOCAL_DIR: dir }), { databasePath: ':memory:' });
  setRuntime(rt);
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    triggerId = await rt.bus.publish(TOPICS.trigger, {
      game_date: '2025-12-05',
      correlation_id: 'log-test-1',
    });
    badId = await rt.bus.publish(TOPICS.trigger, { game_date: '2025-13-45' });
    await rt.bus.drain();
  } finally {
    spy.mockRestore();
    await rt.warehouse.close();
  }
  rawLines = writes
    .join('')
    .split('\n')
    .filter((l) => l !== '');
  entries = rawLines.map((l) => JSON.parse(l) as Entry);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const labels = (e: Entry) => e['logging.googleapis.com/labels'] ?? {};
const byEvent = (ev: string) => entries.filter((e) => e.event === ev);

describe('structured logs on stdout', () => {
  it('writes only JSON lines, each with a severity Cloud Logging knows and a message', () => {
    expect(rawLines.length).toBeGreaterThan(200);
    for (const e of entries) {
      expect(SEVERITIES.has(e.severity)).toBe(true);
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
      for (const v of Object.values(labels(e))) expect(typeof v).toBe('string');
    }
  });

  it('labels the batch start with function, message id, batch, correlation id and date', () => {
    const [started] = byEvent('batch_started');
    expect(started.severity).toBe('INFO');
    expect(started.message).toMatch(
      /^batch batch_2025_12_05_[0-9a-f]{16} started for 2025-12-05: 12 games, \d+ players/,
    );
    expect(labels(started)).toMatchObject({
      function: 'startBatch',
      message_id: triggerId,
      correlation_id: 'log-test-1',
      game_date: '2025-12-05',
    });
    expect(labels(started).batch_id).toMatch(/^batch_2025_12_05_[0-9a-f]{16}$/);
  });

  it('labels every predicted player with batch_id, player_lookup and its own message id', () => {
    const [started] = byEvent('batch_started');
    const predicted = byEvent('player_predicted');
    expect(predicted.length).toBe(started.expected_players);
    const ids = new Set<string>();
    for (const e of predicted) {
      expect(labels(e)).toMatchObject({ function: 'predictPlayer', batch_id: labels(started).batch_id });
      expect(labels(e).player_lookup).toMatch(/^[a-z0-9]+$/);
      ids.add(labels(e).message_id);
    }
    expect(ids.size).toBe(predicted.length);
    expect(predicted.find((e) => labels(e).player_lookup === 'nikolajokic')?.rows_written).toBe(25);
  });

  it('labels milestones, the consolidation and the export with the batch', () => {
    const batch = labels(byEvent('batch_started')[0]).batch_id;
    expect(byEvent('milestone_fired').map((e) => [labels(e).function, labels(e).batch_id])).toEqual(
      expect.arrayContaining([['onBatchComplete', batch]]),
    );
    for (const e of byEvent('consolidated'))
      expect(labels(e)).toMatchObject({ function: 'consolidate', batch_id: batch });
    const exported = byEvent('exported');
    expect(exported.length).toBeGreaterThanOrEqual(1);
    for (const e of exported)
      expect(labels(e)).toMatchObject({
        function: 'exportTonight',
        batch_id: batch,
        game_date: '2025-12-05',
      });
  });

  it('logs a bad message as ERROR with its message id, the field and the value', () => {
    const rejected = byEvent('message_rejected').filter((e) => labels(e).message_id === badId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].severity).toBe('ERROR');
    expect(rejected[0].code).toBe('BAD_PAYLOAD');
    expect(rejected[0].message).toContain(`message ${badId}`);
    expect(rejected[0].message).toContain('game_date');
    expect(rejected[0].message).toContain('2025-13-45');
    expect(labels(rejected[0]).function).toBe('startBatch');
  });
});
