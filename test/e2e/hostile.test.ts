/**
 * Hostile messages against a live batch, on every topic and every transport a handler can receive
 * them by: a binary-mode CloudEvent, a structured-mode CloudEvent and a raw Pub/Sub push envelope
 * (through functions-framework's test server), and a direct call of the registered function. Each
 * must be acked (2xx, or a resolved call) with an ERROR log line naming its message id and the bad
 * field, and the targeted batch must still complete and export every one of its real players.
 */
import type { CloudEvent } from '@google-cloud/functions-framework';
import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import '../../functions';
import type { EventHandler } from '../../lib/bus/local';
import { PUBSUB_EVENT_TYPE, type MessagePublishedData } from '../../lib/bus/cloudevent';
import type { TonightDoc } from '../../lib/export/tonight';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import type { PredictionRequest } from '../../lib/messages';
import { findBatchOfTrigger, type BatchRow } from '../../lib/data/batches';
import { setRuntime } from '../../lib/runtime';
import { SUBSCRIBERS, TOPICS, type FunctionName, type TopicName } from '../../lib/topics';
import { stagingTable } from '../../lib/warehouse/tables';
import { captureLogs, testConfig } from '../helpers/runtime';

const DATE = '2025-11-13'; // 3 games

/** The data of a hostile message: a JSON payload, or raw text / nothing. */
type Data = { json: unknown } | { raw: string };

interface Case {
  name: string;
  topic: TopicName;
  data: Data;
  event: 'message_rejected' | 'permanent_failure';
  code: string;
  field: string;
}

let rt: LocalRuntime;
let openGate: () => void = () => undefined;
let batch: BatchRow;
let member: PredictionRequest;

beforeAll(async () => {
  // predictPlayer deliveries of the bus wait at a gate, so the batch is live while the hostile
  // messages arrive.
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const wrapHandler = (name: FunctionName, handler: EventHandler): EventHandler =>
    name === 'predictPlayer' ? async (ce) => gate.then(() => handler(ce)) : handler;
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:', wrapHandler });
  setRuntime(rt);
  let triggerId = '';
  const started = new Promise<void>((resolve) =>
    rt.bus.on('delivered', (topic: string, id: string) => {
      if (topic === TOPICS.trigger && id === triggerId) resolve();
    }),
  );
  triggerId = await rt.bus.publish(TOPICS.trigger, { game_date: DATE, force: true });
  await started;
  batch = (await findBatchOfTrigger(rt.warehouse, triggerId)) as BatchRow;
  const requests = rt.bus.published
    .filter((m) => m.topic === TOPICS.request)
    .map((m) => m.payload as PredictionRequest);
  member = requests.find((r) => r.line !== null) as PredictionRequest;
});
afterAll(() => rt.warehouse.close());

function cases(): Case[] {
  const b = batch.batch_id;
  const other = rt.bus.published
    .map((m) => m.payload as PredictionRequest)
    .find((r) => r.game_id !== undefined && r.game_id !== member.game_id) as PredictionRequest;
  const done = {
    kind: 'player_done',
    batch_id: b,
    game_date: DATE,
    player_lookup: member.player_lookup,
    rows_written: 25,
  };
  const bad = (
    topic: TopicName,
    name: string,
    json: unknown,
    code: string,
    field: string,
    event: Case['event'] = 'permanent_failure',
  ): Case => ({ name, topic, data: { json }, event, code, field });
  const payload = (topic: TopicName, name: string, json: unknown, field: string) =>
    bad(topic, name, json, 'BAD_PAYLOAD', field, 'message_rejected');
  return [
    payload(TOPICS.trigger, 'a date that is not a date', { game_date: '2025-13-40' }, 'game_date'),
    payload(TOPICS.trigger, 'min_minutes of 1e9', { game_date: DATE, min_minutes: 1e9 }, 'min_minutes'),
    payload(
      TOPICS.trigger,
      'a 10 KB correlation_id',
      { correlation_id: 'c'.repeat(10_000) },
      'correlation_id',
    ),
    bad(
      TOPICS.trigger,
      'a date outside the data',
      { game_date: '2027-01-01' },
      'DATE_OUTSIDE_DATA',
      'game_date',
    ),
    {
      name: 'data that is not JSON',
      topic: TOPICS.trigger,
      data: { raw: '{"game_date": ' },
      event: 'message_rejected',
      code: 'BAD_JSON',
      field: 'message.data',
    },
    {
      name: 'empty data',
      topic: TOPICS.trigger,
      data: { raw: '' },
      event: 'message_rejected',
      code: 'BAD_ENVELOPE',
      field: 'message.data',
    },
    bad(
      TOPICS.request,
      'an impostor',
      { ...member, player_lookup: 'impostorplayer' },
      'NOT_IN_BATCH',
      'player_lookup',
    ),
    bad(
      TOPICS.request,
      'a member in another game',
      { ...member, game_id: other.game_id },
      'NOT_IN_BATCH',
      'game_id',
    ),
    bad(
      TOPICS.request,
      'a member on another date',
      { ...member, game_date: '2025-11-14' },
      'NOT_IN_BATCH',
      'game_date',
    ),
    bad(
      TOPICS.request,
      'a member with a forged line',
      { ...member, line: { ...member.line, points: 60.5 }, line_ladder: [], market: [] },
      'NOT_IN_BATCH',
      'line.points',
    ),
    bad(
      TOPICS.request,
      'a batch that does not exist',
      { ...member, batch_id: 'batch_2025_11_13_ffffffffffffffff' },
      'UNKNOWN_BATCH',
      'batch_id',
    ),
    payload(
      TOPICS.request,
      'a 10 KB player_lookup',
      { ...member, player_lookup: 'a'.repeat(10_000) },
      'player_lookup',
    ),
    payload(TOPICS.request, 'a ladder of [1e308]', { ...member, line_ladder: [1e308] }, 'line_ladder.0'),
    payload(
      TOPICS.request,
      'a batch id with SQL in it',
      { ...member, batch_id: "b'; DROP TABLE x; --" },
      'batch_id',
    ),
    bad(
      TOPICS.ready,
      'an impostor done',
      { ...done, player_lookup: 'impostorplayer' },
      'NOT_IN_BATCH',
      'player_lookup',
    ),
    bad(
      TOPICS.ready,
      'a member done on another date',
      { ...done, game_date: '2025-11-14' },
      'NOT_IN_BATCH',
      'game_date',
    ),
    payload(TOPICS.ready, 'rows_written of -1', { ...done, rows_written: -1 }, 'rows_written'),
    payload(TOPICS.ready, 'an unknown kind', { ...done, kind: 'explode' }, 'kind'),
    bad(
      TOPICS.consolidate,
      'a complete that did not happen',
      { batch_id: b, game_date: DATE, reason: 'complete' },
      'MILESTONE_NOT_FIRED',
      'reason',
    ),
    bad(
      TOPICS.consolidate,
      'the batch on another date',
      { batch_id: b, game_date: '2025-11-14', reason: 'threshold' },
      'GAME_DATE_MISMATCH',
      'game_date',
    ),
    bad(
      TOPICS.consolidate,
      'a batch that does not exist',
      { batch_id: 'batch_nope', game_date: DATE, reason: 'manual' },
      'UNKNOWN_BATCH',
      'batch_id',
    ),
    payload(
      TOPICS.consolidate,
      'a reason that is not one',
      { batch_id: b, game_date: DATE, reason: 'because' },
      'reason',
    ),
    bad(
      TOPICS.export,
      'the batch before its consolidation',
      { game_date: DATE, batch_id: b },
      'NOT_CONSOLIDATED',
      'batch_id',
    ),
    bad(
      TOPICS.export,
      'the batch on another date',
      { game_date: '2025-11-14', batch_id: b },
      'GAME_DATE_MISMATCH',
      'game_date',
    ),
    payload(TOPICS.export, 'a date that is not one', { game_date: 'tomorrow-ish' }, 'game_date'),
    payload(
      TOPICS.export,
      'an export type that is not one',
      { export_types: ['everything'], target_date: 'YESTERDAY' },
      'export_types.0',
    ),
  ];
}

const dataOf = (d: Data) =>
  'raw' in d ? Buffer.from(d.raw).toString('base64') : Buffer.from(JSON.stringify(d.json)).toString('base64');

/** A Pub/Sub message as the push subscription sends it. */
const pubsubMessage = (d: Data, id: string, topic: TopicName): MessagePublishedData => ({
  message: {
    data: dataOf(d),
    messageId: id,
    publishTime: new Date().toISOString(),
    attributes: { batch_id: 'x' },
  },
  subscription: `projects/local/subscriptions/${topic}-sub`,
});

type Transport = 'binary' | 'structured' | 'push' | 'direct';

/** Sends a case by one transport; resolves with the HTTP status (204 for a direct call that resolved). */
async function send(c: Case, transport: Transport, id: string): Promise<number> {
  const fn = SUBSCRIBERS[c.topic];
  const source = `//pubsub.googleapis.com/projects/local/topics/${c.topic}`;
  const body = pubsubMessage(c.data, id, c.topic);
  const server = () => supertest(getTestServer(fn));
  switch (transport) {
    case 'binary':
      return (
        await server()
          .post('/')
          .set('ce-specversion', '1.0')
          .set('ce-type', PUBSUB_EVENT_TYPE)
          .set('ce-source', source)
          .set('ce-id', id)
          .set('Content-Type', 'application/json')
          .send(body)
      ).status;
    case 'structured':
      return (
        await server()
          .post('/')
          .set('Content-Type', 'application/cloudevents+json')
          .send({ specversion: '1.0', type: PUBSUB_EVENT_TYPE, source, id, data: body })
      ).status;
    case 'push':
      return (await server().post(`/projects/local/topics/${c.topic}`).send(body)).status;
    case 'direct': {
      const ce = {
        specversion: '1.0',
        type: PUBSUB_EVENT_TYPE,
        source,
        id,
        data: body,
      } as CloudEvent<MessagePublishedData>;
      await (getFunction(fn) as (e: CloudEvent<MessagePublishedData>) => Promise<void>)(ce);
      return 204;
    }
  }
}

describe('hostile messages against a live batch', () => {
  it('acks each with a specific error naming the message id and the field, and the batch still exports every real player', async () => {
    const all = cases();
    const transports: Transport[] = ['binary', 'structured', 'push', 'direct'];
    const misses: string[] = [];
    const logs = captureLogs();
    let n = 0;
    for (const c of all) {
      for (const t of transports) {
        n += 1;
        const id = `hostile-${n}-${t}`;
        const before = logs.lines.length;
        const status = await send(c, t, id);
        const entries = logs.lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
        const hit = entries.find(
          (e) =>
            e.event === c.event &&
            e.code === c.code &&
            e.field === c.field &&
            e.severity === 'ERROR' &&
            String(e.message).includes(`message ${id}`) &&
            (e['logging.googleapis.com/labels'] as Record<string, string> | undefined)?.message_id === id,
        );
        if (status < 200 || status > 299 || !hit) {
          misses.push(
            `${c.topic} ${c.name} via ${t}: HTTP ${status}; logged ${JSON.stringify(entries.map((e) => [e.event, e.code, e.field, e.message]))}`,
          );
        }
      }
    }
    expect(misses).toEqual([]);
    expect(n).toBe(all.length * transports.length);

    openGate();
    await rt.bus.drain();
    logs.restore();
    const after = (await findBatchOfTrigger(rt.warehouse, batch.trigger_message_id ?? '')) as BatchRow;
    expect([after.status, after.complete_fired_at !== null, after.deadline_fired_at]).toEqual([
      'exported',
      true,
      null,
    ]);
    expect(await rt.warehouse.tableExists(stagingTable(after.batch_id))).toBe(false);
    expect(rt.bus.deadLetters).toEqual([]);
    const tonight = JSON.parse(
      readFileSync(join(rt.store.root, 'v1/tonight/all-players.json'), 'utf8'),
    ) as TonightDoc;
    const exported = tonight.games.flatMap((g) => g.players.map((p) => p.player_lookup)).sort();
    const expected = rt.bus.published
      .filter((m) => m.topic === TOPICS.request)
      .map((m) => (m.payload as PredictionRequest).player_lookup)
      .sort();
    expect(tonight.game_date).toBe(DATE);
    expect(exported).toEqual(expected);
    expect(exported).toHaveLength(after.expected_players);
  });
});
