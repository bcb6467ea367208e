/**
 * The real Pub/Sub wiring against the gcloud Pub/Sub emulator (skipped, with the reason printed,
 * where PUBSUB_EMULATOR_HOST is unset or the emulator does not answer `GET /` with `Ok`;
 * scripts/ci-services.sh starts it in CI when the machine has the jar and Java).
 *
 * In ONE process (so all five functions share one DuckDB file):
 * - the five entry points are served by functions-framework test servers on local ports;
 * - the runtime is built from config (`NBA_BUS=pubsub`, DuckDB warehouse, folder bucket), so the
 *   handlers publish through the PubSubBus adapter to the emulator;
 * - every topic gets a push subscription to its function (endpoint
 *   `http://127.0.0.1:<port>/projects/<p>/topics/<t>`, so functions-framework knows the topic), a
 *   dead-letter topic `<t>-dlq` (max 5 delivery attempts) and a pull subscription on it.
 * Then `{"game_date":"2025-12-05"}` is published to nba-predictions-trigger and the exported
 * all-players.json must equal the in-process bus's export of the same date (minus generated_at
 * and batch_id). A poison message (a re-export whose object write keeps failing) must reach the
 * dead-letter subscription after exactly 5 deliveries to the function. The daily-results message
 * (at 05:00 ET the morning after) grades the date and writes its results, the performance windows
 * and the best bets; the same message delivered again changes no object and no graded row.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import '../../functions';
import { PubSubBus } from '../../lib/bus/pubsub';
import { parseConfig } from '../../lib/config';
import { RetryableError } from '../../lib/errors';
import type { GcpRuntime } from '../../lib/gcp/runtime';
import { createLocalRuntime } from '../../lib/local/runtime';
import { setLogSink } from '../../lib/log';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { createRuntime, resetRuntime, setRuntime } from '../../lib/runtime';
import {
  ALL_TOPICS,
  deadLetterTopic,
  FUNCTION_NAMES,
  SUBSCRIBERS,
  TOPICS,
  type FunctionName,
  type TopicName,
} from '../../lib/topics';

const GAME_DATE = '2025-12-05';
const HOST = process.env.PUBSUB_EMULATOR_HOST;

/** Why the suite cannot run here, or null when the emulator answers. Synchronous (describe needs it). */
function emulatorUnavailable(): string | null {
  if (!HOST) return 'PUBSUB_EMULATOR_HOST is not set (source scripts/ci-services.sh; ci_services_start)';
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `fetch('http://${HOST}/', { signal: AbortSignal.timeout(3000) }).then((r) => r.text()).then((t) => process.stdout.write(t), (e) => process.stdout.write('ERR ' + e.message))`,
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const answer = (probe.stdout ?? '').trim();
  return answer === 'Ok'
    ? null
    : `the Pub/Sub emulator at ${HOST} did not answer GET / with Ok (got ${JSON.stringify(answer || probe.error?.message || '')})`;
}

/** Deep copy without generated_at and batch_id (they differ between two runs by design). */
function comparable(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc), (k: string, v: unknown) =>
    k === 'generated_at' || k === 'batch_id' ? undefined : v,
  );
}

async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const skipReason = emulatorUnavailable();
if (skipReason) process.stderr.write(`[pubsub-emulator] SKIPPED: ${skipReason}\n`);
const suite = skipReason ? describe.skip : describe;

suite(`Pub/Sub emulator at ${HOST ?? '(none)'}: five functions behind push subscriptions`, () => {
  const project = `nba-it-${Date.now().toString(36)}`;
  let work = '';
  const servers = new Map<FunctionName, Server>();
  const requests: Record<string, number> = {};
  let inFlight = 0;
  let admin: PubSub;
  let rt: GcpRuntime;
  let reference: unknown;
  const logs: Array<Record<string, unknown>> = [];
  let restoreSink: (() => void) | undefined;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // 1. The reference: the same date through the in-process bus (its own DuckDB and bucket).
    work = mkdtempSync(join(tmpdir(), 'nba-props-pubsub-'));
    let t0 = Date.now();
    const refConfig = parseConfig({ NBA_LOCAL_DIR: join(work, 'reference') });
    const ref = await createLocalRuntime(refConfig, { databasePath: ':memory:' });
    setRuntime(ref);
    await ref.bus.publish(TOPICS.trigger, { game_date: GAME_DATE });
    await ref.bus.drain();
    reference = JSON.parse(
      readFileSync(join(work, 'reference', 'bucket', 'v1', 'tonight', 'all-players.json'), 'utf8'),
    );
    expect(ref.bus.deadLetters).toEqual([]);
    await ref.warehouse.close();
    resetRuntime();
    timings.reference_run_ms = Date.now() - t0;

    // 2. The runtime chosen by config: Pub/Sub bus, DuckDB file warehouse, folder bucket.
    t0 = Date.now();
    const config = parseConfig({
      NBA_BUS: 'pubsub',
      GOOGLE_CLOUD_PROJECT: project,
      NBA_LOCAL_DIR: join(work, 'pubsub'),
      NBA_PUBLISH_TIMEOUT_MS: '10000',
    });
    expect(config.ports).toEqual({ warehouse: 'duckdb', bus: 'pubsub', store: 'fs' });
    rt = (await createRuntime(config)) as GcpRuntime;
    expect(rt.bus).toBeInstanceOf(PubSubBus);
    setRuntime(rt);
    const prev = setLogSink((line) => logs.push(JSON.parse(line) as Record<string, unknown>));
    restoreSink = () => setLogSink(prev);

    // 3. Five functions-framework servers in this process.
    for (const name of FUNCTION_NAMES) {
      const server = getTestServer(name);
      server.on('request', (_req, res) => {
        requests[name] = (requests[name] ?? 0) + 1;
        inFlight += 1;
        res.on('close', () => (inFlight -= 1));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.set(name, server);
    }

    // 4. Topics, dead-letter topics with a subscription each, push subscriptions to the functions.
    admin = new PubSub({ projectId: project });
    for (const topic of ALL_TOPICS) {
      const dlq = deadLetterTopic(topic);
      const [t] = await admin.createTopic(topic);
      const [d] = await admin.createTopic(dlq);
      await d.createSubscription(`${dlq}-sub`, { ackDeadlineSeconds: 10 });
      const port = (servers.get(SUBSCRIBERS[topic])?.address() as AddressInfo).port;
      await t.createSubscription(`${topic}-sub`, {
        pushConfig: { pushEndpoint: `http://127.0.0.1:${port}/projects/${project}/topics/${topic}` },
        deadLetterPolicy: { deadLetterTopic: `projects/${project}/topics/${dlq}`, maxDeliveryAttempts: 5 },
        ackDeadlineSeconds: 60,
      });
    }
    timings.setup_ms = Date.now() - t0;
  }, 180_000);

  afterAll(async () => {
    restoreSink?.();
    for (const s of servers.values()) await new Promise<void>((r) => s.close(() => r()));
    if (admin) {
      for (const topic of ALL_TOPICS) {
        for (const sub of [`${topic}-sub`, `${deadLetterTopic(topic)}-sub`])
          await admin
            .subscription(sub)
            .delete()
            .catch(() => undefined);
        for (const t of [topic, deadLetterTopic(topic)])
          await admin
            .topic(t)
            .delete()
            .catch(() => undefined);
      }
      await admin.close();
    }
    await rt?.close();
    resetRuntime();
    if (work) rmSync(work, { recursive: true, force: true });
    console.log(`[pubsub-emulator] timings ${JSON.stringify(timings)} requests ${JSON.stringify(requests)}`);
  });

  let batchId = '';

  it('exports the same all-players.json as the in-process bus for 2025-12-05', async () => {
    const t0 = Date.now();
    const triggerId = await admin.topic(TOPICS.trigger).publishMessage({ json: { game_date: GAME_DATE } });
    const batch = await waitFor('the final export of the batch', 150_000, async () => {
      const b = await findBatchOfTrigger(rt.warehouse, triggerId);
      const done =
        b?.complete_fired_at &&
        b.consolidated_at &&
        b.exported_at &&
        b.consolidated_at >= b.complete_fired_at &&
        b.exported_at >= b.consolidated_at;
      return done ? b : undefined;
    });
    // no delivery still running (a threshold export could otherwise still be writing)
    await waitFor('quiet functions', 30_000, () => Promise.resolve(inFlight === 0 ? true : undefined));
    timings.pubsub_run_ms = Date.now() - t0;
    batchId = batch.batch_id;

    const exported = JSON.parse(
      readFileSync(join(work, 'pubsub', 'bucket', 'v1', 'tonight', 'all-players.json'), 'utf8'),
    ) as {
      games: unknown[];
      total_players: number;
    };
    expect(exported.games).toHaveLength(12);
    expect(comparable(exported)).toEqual(comparable(reference));

    // every player went through Pub/Sub: one push to predictPlayer per published request (at least)
    expect(requests.startBatch).toBeGreaterThanOrEqual(1);
    expect(requests.predictPlayer).toBeGreaterThanOrEqual(batch.expected_players);
    expect(requests.onBatchComplete).toBeGreaterThanOrEqual(batch.expected_players);
    expect(requests.consolidate).toBeGreaterThanOrEqual(1);
    expect(requests.exportTonight).toBeGreaterThanOrEqual(1);
    const bus = rt.bus as PubSubBus;
    expect(bus.published).toBeGreaterThanOrEqual(2 * batch.expected_players + 2);
    expect(bus.peakInFlight).toBeLessThanOrEqual(rt.config.publishConcurrency);
    // every log line of the run is structured, and the handlers' lines carry the Pub/Sub message id
    expect(logs.every((l) => typeof l.severity === 'string' && typeof l.message === 'string')).toBe(true);
    const predicted = logs.filter((l) => l.event === 'player_predicted');
    expect(predicted.length).toBeGreaterThanOrEqual(batch.expected_players);
    for (const l of predicted) {
      const labels = l['logging.googleapis.com/labels'] as Record<string, string>;
      expect(labels.batch_id).toBe(batchId);
      expect(labels.message_id).toMatch(/^\d+$/);
      expect(labels.player_lookup).toMatch(/^[a-z0-9]+$/);
    }
  }, 200_000);

  it('grades and writes results, performance and best bets from the daily-results message; a redelivery changes nothing', async () => {
    expect(batchId).not.toBe('');
    // 05:00 ET on the morning after the slate: YESTERDAY is 2025-12-05
    const realNow = rt.now;
    rt.now = () => new Date('2025-12-06T10:00:00Z');
    try {
      const bucket = join(work, 'pubsub', 'bucket');
      const paths = [
        'v1/results/2025-12-05.json',
        'v1/results/latest.json',
        'v1/performance/systems.json',
        'v1/best-bets/2025-12-06.json',
      ];
      const daily = { export_types: ['results', 'performance', 'best-bets'], target_date: 'YESTERDAY' };
      const deliver = async () => {
        const id = await admin.topic(TOPICS.export).publishMessage({ json: daily });
        await waitFor('the daily exports', 60_000, () =>
          Promise.resolve(
            logs.some((l) => {
              const labels = l['logging.googleapis.com/labels'] as Record<string, string> | undefined;
              return (
                l.event === 'daily_exported' && l.export_type === 'best-bets' && labels?.message_id === id
              );
            })
              ? true
              : undefined,
          ),
        );
        await waitFor('quiet functions', 30_000, () => Promise.resolve(inFlight === 0 ? true : undefined));
        return id;
      };
      const t0 = Date.now();
      const first = await deliver();
      timings.daily_results_ms = Date.now() - t0;
      const files = paths.map((p) => readFileSync(join(bucket, p), 'utf8'));
      const results = JSON.parse(files[0]) as { game_date: string; status: string; lines: unknown[] };
      expect([results.game_date, results.status]).toEqual(['2025-12-05', 'complete']);
      expect(results.lines.length).toBeGreaterThan(150);
      const graded = await rt.warehouse.query(
        'SELECT * FROM {{nba_predictions.prediction_accuracy}} ORDER BY prediction_id',
      );
      expect(graded.length).toBeGreaterThan(3000);

      const second = await deliver();
      expect(second).not.toBe(first);
      expect(paths.map((p) => readFileSync(join(bucket, p), 'utf8'))).toEqual(files);
      expect(
        await rt.warehouse.query(
          'SELECT * FROM {{nba_predictions.prediction_accuracy}} ORDER BY prediction_id',
        ),
      ).toEqual(graded);
      const again = logs.filter((l) => {
        const labels = l['logging.googleapis.com/labels'] as Record<string, string> | undefined;
        return (
          labels?.message_id === second && (l.event === 'results_exported' || l.event === 'daily_exported')
        );
      });
      expect(
        again.map((l) => [l.event, l.event === 'results_exported' ? l.changed_rows : l.written]),
      ).toEqual([
        ['results_exported', 0],
        ['daily_exported', false],
        ['daily_exported', false],
      ]);
    } finally {
      rt.now = realNow;
    }
  }, 150_000);

  it('dead-letters a message whose handler keeps failing retryably, after exactly 5 deliveries', async () => {
    expect(batchId).not.toBe('');
    // The bucket "rejects" this date's predictions file: a folder now stands where the object goes,
    // so every delivery of the re-export fails with EISDIR, a non-permanent error (retry).
    const blocked = join(work, 'pubsub', 'bucket', 'v1', 'predictions', `${GAME_DATE}.json`);
    rmSync(blocked, { force: true });
    mkdirSync(join(blocked, 'blocked'), { recursive: true });

    // functions-framework reports each failed invocation on console.error; count them instead of printing
    const ffErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const t0 = Date.now();
    const dlqSub: Subscription = admin.subscription(`${deadLetterTopic(TOPICS.export)}-sub`);
    const received = new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no message on the dead-letter subscription within 60 s')),
        60_000,
      );
      dlqSub.on('message', (m: Message) => {
        clearTimeout(timer);
        m.ack();
        resolve(m);
      });
      dlqSub.on('error', reject);
    });
    const payload = { game_date: GAME_DATE, batch_id: batchId };
    const poisonId = await admin
      .topic(TOPICS.export)
      .publishMessage({ json: payload, attributes: { batch_id: batchId } });
    const dead = await received;
    timings.dead_letter_ms = Date.now() - t0;
    await dlqSub.close();

    expect(JSON.parse(dead.data.toString('utf8'))).toEqual(payload);
    expect(dead.attributes).toMatchObject({
      batch_id: batchId,
      CloudPubSubDeadLetterSourceDeliveryCount: '5',
      CloudPubSubDeadLetterSourceSubscription: `${TOPICS.export}-sub`,
    });
    // the function really ran 5 times and failed retryably each time, then never again
    await new Promise((r) => setTimeout(r, 2_500));
    const attempts = logs.filter((l) => {
      const labels = l['logging.googleapis.com/labels'] as Record<string, string> | undefined;
      return l.event === 'retrying' && labels?.message_id === poisonId && labels.function === 'exportTonight';
    });
    expect(attempts).toHaveLength(5);
    expect(String(attempts[0].message)).toContain('EISDIR');
    expect(ffErrors.mock.calls.filter((c) => String(c[0]).includes('EISDIR'))).toHaveLength(5);
    ffErrors.mockRestore();
  }, 90_000);

  it('publishes JSON with attributes through the adapter, and surfaces a missing topic as RetryableError', async () => {
    const topic = 'it-bus-check' as TopicName;
    const [t] = await admin.createTopic(topic);
    const [sub] = await t.createSubscription(`${topic}-sub`);
    const bus = new PubSubBus({ projectId: project, concurrency: 3, publishTimeoutMs: 5_000 });
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bus.publish(topic, { i, name: 'Nikola Jokić' }, { batch_id: 'b1', player_lookup: `p${i}` }),
      ),
    );
    expect(new Set(ids).size).toBe(20);
    expect(bus.peakInFlight).toBe(3);
    const got: Message[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${got.length}/20`)), 20_000);
      sub.on('message', (m: Message) => {
        m.ack();
        got.push(m);
        if (got.length === 20) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await sub.close();
    const byI = new Map(got.map((m) => [(JSON.parse(m.data.toString('utf8')) as { i: number }).i, m]));
    expect(JSON.parse(byI.get(7)?.data.toString('utf8') ?? '{}')).toEqual({ i: 7, name: 'Nikola Jokić' });
    expect(byI.get(7)?.attributes).toEqual({ batch_id: 'b1', player_lookup: 'p7' });

    const missing = await bus.publish('no-such-topic' as TopicName, { x: 1 }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RetryableError);
    expect((missing as Error).message).toMatch(/^publish to no-such-topic failed \(gRPC 5\): 5 NOT_FOUND/);
    await bus.close();
    await admin.subscription(`${topic}-sub`).delete();
    await t.delete();
  }, 60_000);
});
