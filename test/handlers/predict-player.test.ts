/**
 * predictPlayer through functions-framework's test server, in the three shapes a Pub/Sub message
 * can arrive in: a binary-mode CloudEvent, a structured CloudEvent and a raw push envelope.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import '../../functions';
import type { PredictionRequest } from '../../lib/messages';
import { SYSTEM_IDS } from '../../lib/model/registry';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { stagingSpec } from '../../lib/warehouse/schema';
import { countStagedPlayers } from '../../lib/warehouse/sql/predictions';
import { request as makeRequest } from '../helpers/fixtures';
import { captureLogs, memoryRuntime, insertBatch } from '../helpers/runtime';

const BATCH = 'batch_test';
const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64');

async function runtimeWithBatch() {
  const rt = await memoryRuntime();
  await insertBatch(rt.warehouse, {
    batch_id: BATCH,
    created: new Date().toISOString(),
    expected_players: 1,
    members: ['testplayer'],
    member: { game_id: '0022500999', line_points: 15.5 },
  });
  await rt.warehouse.createTable(stagingSpec(BATCH, 48));
  setRuntime(rt);
  return rt;
}

const message = (payload: unknown, id: string) => ({
  message: {
    data: b64(payload),
    attributes: { batch_id: BATCH, player_lookup: 'testplayer' },
    messageId: id,
    publishTime: new Date().toISOString(),
  },
  subscription: 'projects/local/subscriptions/prediction-request-sub',
});

async function stagedRows(rt: Awaited<ReturnType<typeof runtimeWithBatch>>) {
  const [r] = await rt.warehouse.query<{ players: number; row_count: number }>(countStagedPlayers(BATCH), {
    batch_id: BATCH,
  });
  return r;
}

describe('predictPlayer handler', () => {
  const rows = SYSTEM_IDS.length * 5; // every system on each of the 5 ladder lines

  it('accepts a binary-mode CloudEvent', async () => {
    const rt = await runtimeWithBatch();
    await request(getTestServer('predictPlayer'))
      .post('/')
      .set('ce-specversion', '1.0')
      .set('ce-type', 'google.cloud.pubsub.topic.v1.messagePublished')
      .set('ce-source', '//pubsub.googleapis.com/projects/local/topics/prediction-request')
      .set('ce-id', 'bin-1')
      .set('Content-Type', 'application/json')
      .send(message(makeRequest(), 'bin-1'))
      .expect(204);
    expect(await stagedRows(rt)).toEqual({ players: 1, row_count: rows });
    expect(rt.bus.on(TOPICS.ready)).toEqual([
      {
        kind: 'player_done',
        batch_id: BATCH,
        game_date: '2025-12-05',
        player_lookup: 'testplayer',
        rows_written: rows,
      },
    ]);
  });

  it('accepts a structured-mode CloudEvent', async () => {
    const rt = await runtimeWithBatch();
    await request(getTestServer('predictPlayer'))
      .post('/')
      .set('Content-Type', 'application/cloudevents+json')
      .send({
        specversion: '1.0',
        type: 'google.cloud.pubsub.topic.v1.messagePublished',
        source: '//pubsub.googleapis.com/projects/local/topics/prediction-request',
        id: 'str-1',
        data: message(makeRequest(), 'str-1'),
      })
      .expect(204);
    expect((await stagedRows(rt)).row_count).toBe(rows);
  });

  it('accepts a raw Pub/Sub push envelope', async () => {
    const rt = await runtimeWithBatch();
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .set('Content-Type', 'application/json')
      .send(message(makeRequest(), 'push-1'))
      .expect(204);
    expect((await stagedRows(rt)).row_count).toBe(rows);
    expect(rt.bus.on(TOPICS.ready)).toHaveLength(1);
  });

  it('acks a bad payload with an error naming the field, the value and the message id', async () => {
    const rt = await runtimeWithBatch();
    const logs = captureLogs();
    const bad = {
      ...makeRequest(),
      line: { points: 'abc', over_odds: -110, under_odds: -110, books: 1, books_total: 1 },
    };
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send(message(bad, 'bad-1'))
      .expect(204);
    logs.restore();
    const rejected = logs.entries().find((e) => e.event === 'message_rejected');
    expect(rejected?.message).toContain('message bad-1');
    expect(rejected?.message).toContain('line.points');
    expect(rejected?.message).toContain('"abc"');
    expect(rejected?.severity).toBe('ERROR');
    expect((await stagedRows(rt)).row_count).toBe(0);
  });

  it('acks a message for an unknown batch as a permanent error', async () => {
    const rt = await runtimeWithBatch();
    const logs = captureLogs();
    const req: PredictionRequest = makeRequest({ batch_id: 'batch_nope' });
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send(message(req, 'u-1'))
      .expect(204);
    logs.restore();
    expect(
      logs.entries().some((e) => e.event === 'permanent_failure' && String(e.message).includes('batch_nope')),
    ).toBe(true);
    expect(rt.bus.messages).toHaveLength(0);
  });

  it('answers 500 when publishing fails, so Pub/Sub redelivers', async () => {
    const rt = await runtimeWithBatch();
    rt.bus.failNext = 1;
    const crash = jest.spyOn(console, 'error').mockImplementation(() => undefined); // functions-framework logs the 500
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send(message(makeRequest(), 'r-1'))
      .expect(500);
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send(message(makeRequest(), 'r-1'))
      .expect(204);
    // what functions-framework logged with the 500: the publish failure itself
    const logged = crash.mock.calls.flat().map((x) => (x instanceof Error ? x.message : String(x)));
    crash.mockRestore();
    expect(logged.join('\n')).toContain('publish failed (test)');
    // the redelivery loaded the same keys again; consolidation keeps one row per key
    expect(await stagedRows(rt)).toEqual({ players: 1, row_count: 2 * rows });
  });

  it('drops an event older than the maximum age with a log line', async () => {
    const rt = await runtimeWithBatch();
    const logs = captureLogs();
    const old = message(makeRequest(), 'old-1');
    old.message.publishTime = '2020-01-01T00:00:00.000Z';
    await request(getTestServer('predictPlayer'))
      .post('/projects/local/topics/prediction-request')
      .send(old)
      .expect(204);
    logs.restore();
    expect(logs.entries().some((e) => e.event === 'message_too_old')).toBe(true);
    expect((await stagedRows(rt)).row_count).toBe(0);
  });
});
