import type { CloudEvent } from '@google-cloud/functions-framework';
import { decodePubSubEvent, type MessagePublishedData } from '../../lib/bus/cloudevent';
import { LocalBus } from '../../lib/bus/local';
import { PermanentError } from '../../lib/errors';
import { TOPICS } from '../../lib/topics';

type Ev = CloudEvent<MessagePublishedData>;

describe('in-process bus', () => {
  it('delivers a Pub/Sub CloudEvent whose base64 data decodes to the payload', async () => {
    const seen: unknown[] = [];
    const bus = new LocalBus({
      resolve: () => (ce: Ev) => {
        const m = decodePubSubEvent(ce);
        seen.push([ce.type, m.payload, m.attributes.batch_id]);
      },
      concurrency: 2,
      maxDeliveryAttempts: 5,
    });
    await bus.publish(TOPICS.export, { game_date: '2025-12-05', name: 'Nikola Jokić' }, { batch_id: 'b1' });
    await bus.drain();
    expect(seen).toEqual([
      [
        'google.cloud.pubsub.topic.v1.messagePublished',
        { game_date: '2025-12-05', name: 'Nikola Jokić' },
        'b1',
      ],
    ]);
  });

  it('redelivers a handler that throws, then dead-letters after the last attempt', async () => {
    const attempts: Record<string, number> = {};
    const bus = new LocalBus({
      resolve: () => (ce: Ev) => {
        const { n } = decodePubSubEvent(ce).payload as { n: number };
        attempts[n] = (attempts[n] ?? 0) + 1;
        if (n === 1 && attempts[n] < 3) throw new Error('transient');
        if (n === 2) throw new Error('poison');
      },
      concurrency: 4,
      maxDeliveryAttempts: 5,
      backoffMs: () => 1,
    });
    await bus.publish(TOPICS.export, { n: 1 });
    await bus.publish(TOPICS.export, { n: 2 });
    await bus.drain();
    expect(attempts).toEqual({ 1: 3, 2: 5 });
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({
      deadLetterTopic: 'nba-phase6-export-trigger-dlq',
      attempts: 5,
      lastError: 'poison',
      payload: { n: 2 },
    });
  });

  it('runs at most `concurrency` handlers at once', async () => {
    let running = 0;
    let peak = 0;
    const bus = new LocalBus({
      resolve: () => async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      },
      concurrency: 3,
      maxDeliveryAttempts: 1,
    });
    for (let i = 0; i < 12; i += 1) await bus.publish(TOPICS.request, { i });
    await bus.drain();
    expect(peak).toBe(3);
  });

  it('settles a message whose handler is missing: retried, dead-lettered, and drain() resolves', async () => {
    const bus = new LocalBus({
      resolve: (name) => {
        throw new Error(`function ${name} is not registered`);
      },
      concurrency: 2,
      maxDeliveryAttempts: 3,
      backoffMs: () => 1,
    });
    await bus.publish(TOPICS.export, { game_date: '2025-12-05' });
    await bus.drain();
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({
      deadLetterTopic: 'nba-phase6-export-trigger-dlq',
      attempts: 3,
      lastError: 'function exportTonight is not registered',
    });
  });

  it('refuses a payload that is not JSON at publish, as a permanent error, and delivers nothing', async () => {
    const seen: unknown[] = [];
    const bus = new LocalBus({
      resolve: () => (ce: Ev) => seen.push(ce.id),
      concurrency: 1,
      maxDeliveryAttempts: 5,
    });
    const cyclic: Record<string, unknown> = { game_date: '2025-12-05' };
    cyclic.self = cyclic;
    const err = await bus.publish(TOPICS.export, cyclic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'UNSERIALIZABLE_PAYLOAD' });
    await bus.drain();
    expect([seen, bus.published]).toEqual([[], []]);
  });
});
