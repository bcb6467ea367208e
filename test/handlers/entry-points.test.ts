/**
 * Every entry point is registered under its exported name, and a payload that fails validation is
 * acked (204) with an error naming the field and the message id: bad input never crashes a handler.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { HANDLERS } from '../../functions';
import { setRuntime } from '../../lib/runtime';
import { FUNCTION_NAMES, SUBSCRIBERS } from '../../lib/topics';
import { captureLogs, memoryRuntime } from '../helpers/runtime';

const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64');

const BAD: Record<string, [unknown, string]> = {
  startBatch: [{ game_date: '2025-13-40' }, 'game_date'],
  predictPlayer: [{ batch_id: 'b' }, 'game_date'],
  onBatchComplete: [
    {
      kind: 'player_done',
      batch_id: 'b',
      game_date: '2025-12-05',
      player_lookup: 'Bad Name',
      rows_written: 1,
    },
    'player_lookup',
  ],
  consolidate: [{ batch_id: 'b', game_date: '2025-12-05', reason: 'because' }, 'reason'],
  exportTonight: [{ game_date: 'tomorrow-ish' }, 'game_date'],
};

describe('entry points', () => {
  beforeAll(async () => setRuntime(await memoryRuntime()));

  it('registers a handler for each topic under the name of its subscriber, and exports it', () => {
    // the deploy artifact's exports are the handlers the topics name, and each is served
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.values(SUBSCRIBERS).sort());
    for (const name of Object.values(SUBSCRIBERS)) expect(() => getTestServer(name)).not.toThrow();
    expect(() => getTestServer('noSuchFunction')).toThrow();
  });

  it.each(FUNCTION_NAMES.map((n) => [n]))('%s acks a bad payload and names the field', async (name) => {
    const [payload, field] = BAD[name];
    const logs = captureLogs();
    await request(getTestServer(name))
      .post('/projects/local/topics/t')
      .send({ message: { data: b64(payload), messageId: `bad-${name}` }, subscription: 's' })
      .expect(204);
    logs.restore();
    const e = logs.entries().find((x) => x.event === 'message_rejected');
    expect(e?.message).toContain(`message bad-${name}`);
    expect(e?.message).toContain(`${field}:`);
  });

  it('acks a message whose data is not JSON', async () => {
    const logs = captureLogs();
    await request(getTestServer('startBatch'))
      .post('/projects/local/topics/t')
      .send({
        message: { data: Buffer.from('{not json').toString('base64'), messageId: 'nj-1' },
        subscription: 's',
      })
      .expect(204);
    logs.restore();
    expect(logs.entries().find((x) => x.event === 'message_rejected')?.message).toContain(
      'message nj-1: data is not JSON',
    );
  });

  it.each([
    ['empty data', { data: '', messageId: 'push-empty-1' }],
    ['no data', { messageId: 'push-none-1', attributes: { batch_id: 'b' } }],
    ['snake-case id and no data', { message_id: 'push-snake-1' }],
  ])('logs the message id of a raw push envelope with %s', async (_what, message) => {
    const id = String(
      (message as { messageId?: string }).messageId ?? (message as { message_id?: string }).message_id,
    );
    const logs = captureLogs();
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send({ message, subscription: 'projects/local/subscriptions/prediction-request-sub' })
      .expect(204);
    logs.restore();
    const e = logs.entries().find((x) => x.event === 'message_rejected');
    expect(e).toMatchObject({ code: 'BAD_ENVELOPE', field: 'message.data' });
    expect(e?.message).toBe(`message rejected (BAD_ENVELOPE): message ${id}: data.message.data is empty`);
    expect((e?.['logging.googleapis.com/labels'] as Record<string, string>).message_id).toBe(id);
  });
});
