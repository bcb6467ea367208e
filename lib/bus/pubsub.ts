/**
 * Pub/Sub adapter of the bus port (`@google-cloud/pubsub` major 5; Google Cloud path, and the
 * Pub/Sub emulator when `PUBSUB_EMULATOR_HOST` is set, which the client honours by itself).
 *
 * - The payload is JSON (UTF-8) in the message data; attributes (batch_id, player_lookup,
 *   correlation_id) are string attributes beside it.
 * - Publishes are bounded by p-limit (`concurrency` in flight at once), so a 500-player fan-out does
 *   not open 500 publish calls at once.
 * - A publish that fails (after the client's own retries, bounded by `publishTimeoutMs`) rejects
 *   with a RetryableError naming the topic and the gRPC status: the calling handler fails and
 *   Pub/Sub redelivers its message. Nothing is swallowed.
 */
import { PubSub, type Topic } from '@google-cloud/pubsub';
import pLimit from 'p-limit';
import { RetryableError, errorMessage } from '../errors';
import { serializePayload } from './serialize';
import type { TopicName } from '../topics';
import type { Attributes, Bus } from './port';

/** Options of {@link PubSubBus}. */
export interface PubSubBusOptions {
  /** Project of the topics. */
  projectId: string;
  /** Publishes in flight at once (DESIGN §2: p-limit bounded). */
  concurrency: number;
  /** Total deadline of one publish including the client's retries, ms. Default 60 000. */
  publishTimeoutMs?: number;
  /** A ready client (tests). Default `new PubSub({projectId})`. */
  client?: PubSub;
}

/** Bus port on Pub/Sub. */
export class PubSubBus implements Bus {
  readonly client: PubSub;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly topics = new Map<string, Topic>();
  private readonly timeoutMs: number;
  private inFlightNow = 0;
  /** Highest number of publishes that were in flight at once (observability and tests). */
  peakInFlight = 0;
  /** Messages published successfully by this instance. */
  published = 0;

  constructor(opts: PubSubBusOptions) {
    this.client = opts.client ?? new PubSub({ projectId: opts.projectId });
    this.limit = pLimit(opts.concurrency);
    this.timeoutMs = opts.publishTimeoutMs ?? 60_000;
  }

  private topic(name: TopicName): Topic {
    let t = this.topics.get(name);
    if (!t) {
      t = this.client.topic(name, { gaxOpts: { timeout: this.timeoutMs } });
      this.topics.set(name, t);
    }
    return t;
  }

  /**
   * Publishes `payload` as JSON with `attributes`; resolves with the Pub/Sub message id.
   * @throws RetryableError(`PUBLISH_FAILED`) with the topic and the client's error (gRPC code and
   *   text, e.g. "5 NOT_FOUND: Topic not found" or "4 DEADLINE_EXCEEDED ..."); PermanentError
   *   (`UNSERIALIZABLE_PAYLOAD`) when the payload is not JSON, which no retry can fix.
   */
  publish(topic: TopicName, payload: object, attributes: Attributes = {}): Promise<string> {
    let data: Buffer;
    try {
      data = Buffer.from(serializePayload(topic, payload), 'utf8');
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(attributes)) if (typeof v === 'string') attrs[k] = v;
    return this.limit(async () => {
      this.inFlightNow += 1;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlightNow);
      try {
        const id = await this.topic(topic).publishMessage({ data, attributes: attrs });
        this.published += 1;
        return id;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        throw new RetryableError(
          'PUBLISH_FAILED',
          `publish to ${topic} failed${typeof code === 'number' ? ` (gRPC ${code})` : ''}: ${errorMessage(err)}`,
          { cause: err },
        );
      } finally {
        this.inFlightNow -= 1;
      }
    });
  }

  /**
   * Flushes pending batches and closes the client's channels.
   * @throws RetryableError(`PUBLISH_FLUSH_FAILED`) naming every topic whose pending messages could
   *   not be sent (the client is closed either way): those messages were not published.
   */
  async close(): Promise<void> {
    const topics = [...this.topics.entries()];
    const results = await Promise.allSettled(topics.map(([, t]) => t.flush()));
    await this.client.close();
    const failed = results
      .map((r, i) => (r.status === 'rejected' ? `${topics[i][0]}: ${errorMessage(r.reason)}` : null))
      .filter((x): x is string => x !== null);
    if (failed.length > 0) {
      throw new RetryableError('PUBLISH_FLUSH_FAILED', `Pub/Sub flush failed for ${failed.join('; ')}`);
    }
  }
}
