/**
 * The Pub/Sub bus adapter without any server: the REAL @google-cloud/pubsub client aimed at a
 * closed local port. Proves that a failed publish is surfaced (never swallowed) as a
 * RetryableError naming the topic, within the configured publish deadline, and that publishes are
 * bounded by the concurrency limit. Publishing for real is covered by
 * test/integration/pubsub-emulator.test.ts against the emulator.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { createServer } from 'node:net';
import { PubSub } from '@google-cloud/pubsub';
import { PubSubBus } from '../../lib/bus/pubsub';
import { PermanentError, RetryableError } from '../../lib/errors';
import { TOPICS } from '../../lib/topics';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let client: PubSub;

beforeAll(async () => {
  client = new PubSub({
    projectId: 'demo-project',
    apiEndpoint: `127.0.0.1:${await closedPort()}`,
    emulatorMode: true,
  });
});
afterAll(() => client.close());

describe('PubSubBus when Pub/Sub cannot be reached', () => {
  it('rejects every publish with a RetryableError within the publish deadline, at most `concurrency` at once', async () => {
    const bus = new PubSubBus({ projectId: 'demo-project', concurrency: 2, publishTimeoutMs: 500, client });
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((p) =>
        bus.publish(
          TOPICS.ready,
          { kind: 'player_done', player_lookup: p },
          { batch_id: 'b1', player_lookup: p },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) {
      const reason = (r as PromiseRejectedResult).reason as RetryableError;
      expect(reason).toBeInstanceOf(RetryableError);
      expect(reason.code).toBe('PUBLISH_FAILED');
      expect(reason.message).toMatch(
        /^publish to prediction-ready failed \(gRPC 4\): Total timeout of API google\.pubsub\.v1\.Publisher exceeded 500 milliseconds/,
      );
    }
    // 3 publishes, 2 at a time (the p-limit), each failing on the 500 ms deadline the message names
    expect(bus.peakInFlight).toBe(2);
    expect(bus.published).toBe(0);
  });
});

describe('PubSubBus at the edges of a publish', () => {
  it('refuses a payload that is not JSON as a permanent error, before any request', async () => {
    const bus = new PubSubBus({ projectId: 'demo-project', concurrency: 2, publishTimeoutMs: 500, client });
    const err = await bus.publish(TOPICS.ready, { rows_written: 10n }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'UNSERIALIZABLE_PAYLOAD' });
    expect((err as Error).message).toContain('publish to prediction-ready: payload is not JSON');
    expect(bus.peakInFlight).toBe(0);
  });

  it('reports a flush that failed at close instead of swallowing it, and still closes the client', async () => {
    let closed = false;
    // A client double whose topic cannot send its pending batch (the adapter's close is under test).
    const failing = {
      topic: () => ({
        publishMessage: () => Promise.resolve('m-1'),
        flush: () => Promise.reject(new Error('14 UNAVAILABLE: connection refused')),
      }),
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    } as unknown as PubSub;
    const bus = new PubSubBus({ projectId: 'demo-project', concurrency: 2, client: failing });
    await bus.publish(TOPICS.ready, { kind: 'sweep' });
    const err = await bus.close().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'PUBLISH_FLUSH_FAILED' });
    expect((err as Error).message).toBe(
      'Pub/Sub flush failed for prediction-ready: 14 UNAVAILABLE: connection refused',
    );
    expect(closed).toBe(true);
  });
});
