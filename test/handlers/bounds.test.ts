/**
 * Every field of every message is bounded to what it can be (lib/messages.ts BOUNDS): a value
 * that passes cannot reach an object path, a BigInt or a MERGE key it would break. Through the
 * real handler, each such message is acked (204) with an error naming the field.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import supertest from 'supertest';
import '../../functions';
import { PredictionReady, PredictionRequest, TriggerMessage } from '../../lib/messages';
import { setRuntime } from '../../lib/runtime';
import { stagingSpec } from '../../lib/warehouse/schema';
import { request } from '../helpers/fixtures';
import { captureLogs, insertBatch, memoryRuntime } from '../helpers/runtime';

const BATCH = 'batch_test';
const line = (points: number) => ({ points, over_odds: -110, under_odds: -110, books: 6, books_total: 8 });

/** Requests that used to pass, each with the field it must be refused on. */
const BAD_REQUESTS: Array<[string, string, Partial<PredictionRequest> | Record<string, unknown>]> = [
  ['a 10 KB player_lookup', 'player_lookup', { player_lookup: 'a'.repeat(10_000) }],
  ['a ladder of [1e308]', 'line_ladder.0', { line_ladder: [1e308] }],
  ['a ladder of [1000]', 'line_ladder.0', { line_ladder: [1000] }],
  ['a ladder line 5 points off the main line', 'line_ladder.1', { line_ladder: [15.5, 20.5] }],
  ['a ladder of 9 lines', 'line_ladder', { line_ladder: [13.5, 14, 14.5, 15, 15.5, 16, 16.5, 17, 17.5] }],
  ['a ladder without a line', 'line_ladder', { line: null, line_ladder: [15.5] }],
  ['a line of 999', 'line.points', { line: line(999), line_ladder: [] }],
  ['a line of 15.3', 'line.points', { line: line(15.3), line_ladder: [] }],
  ['odds of -1e9', 'line.over_odds', { line: { ...line(15.5), over_odds: -1e9 } }],
  ['more books on the line than in total', 'line.books', { line: { ...line(15.5), books: 9 } }],
  ['a 10 KB player_name', 'player_name', { player_name: 'N'.repeat(10_000) }],
  ['a game id with a quote', 'game_id', { game_id: "0022500999' OR 1=1" }],
  ['a 10 KB correlation_id', 'correlation_id', { correlation_id: 'c'.repeat(10_000) }],
];

describe('message bounds', () => {
  const base = request();

  it('accepts the requests startBatch publishes', () => {
    expect(PredictionRequest.safeParse(base).success).toBe(true);
    expect(PredictionRequest.safeParse(request({ line: null, line_ladder: [] })).success).toBe(true);
  });

  it.each(BAD_REQUESTS)('refuses %s, naming %s', (_what: string, field: string, over: object) => {
    const r = PredictionRequest.safeParse({ ...base, ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('bounds the history, the team contexts and the other topics too', () => {
    const refused = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
      !schema.safeParse(v).success;
    const game = base.history[0];
    expect(refused(PredictionRequest, { ...base, history: [{ ...game, minutes: 1e6 }] })).toBe(true);
    expect(refused(PredictionRequest, { ...base, history: [{ ...game, points: -3 }] })).toBe(true);
    expect(refused(PredictionRequest, { ...base, history: Array(101).fill(game) })).toBe(true);
    expect(refused(PredictionRequest, { ...base, opponent: { ...base.opponent, pace: 1e9 } })).toBe(true);
    expect(
      refused(PredictionRequest, { ...base, league: { ...base.league, def_rank: { 'NOT A TEAM': 1 } } }),
    ).toBe(true);
    const done = {
      kind: 'player_done',
      batch_id: BATCH,
      game_date: '2025-12-05',
      player_lookup: 'a',
      rows_written: 25,
    };
    expect(refused(PredictionReady, done)).toBe(false);
    expect(refused(PredictionReady, { ...done, rows_written: 1e12 })).toBe(true);
    expect(refused(PredictionReady, { ...done, batch_id: 'b'.repeat(500) })).toBe(true);
    expect(refused(TriggerMessage, { min_minutes: 1e9 })).toBe(true);
  });
});

describe('predictPlayer with out-of-bounds requests', () => {
  beforeAll(async () => {
    const rt = await memoryRuntime();
    await insertBatch(rt.warehouse, { batch_id: BATCH, expected_players: 1, members: ['testplayer'] });
    await rt.warehouse.createTable(stagingSpec(BATCH, 48));
    setRuntime(rt);
  });

  it.each(BAD_REQUESTS)(
    'acks %s with an error naming %s and the message id',
    async (_what: string, field: string, over: object) => {
      const id = `bound-${field}`;
      const logs = captureLogs();
      await supertest(getTestServer('predictPlayer'))
        .post('/projects/local/topics/prediction-request')
        .send({
          message: {
            data: Buffer.from(JSON.stringify({ ...request(), ...over })).toString('base64'),
            messageId: id,
          },
          subscription: 's',
        })
        .expect(204);
      logs.restore();
      const e = logs.entries().find((x) => x.event === 'message_rejected');
      expect(e).toMatchObject({ code: 'BAD_PAYLOAD', severity: 'ERROR' });
      expect(String(e?.message)).toContain(`message ${id}: `);
      expect(String(e?.message)).toContain(`${field}: `);
    },
  );
});
