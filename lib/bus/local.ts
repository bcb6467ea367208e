/**
 * In-process bus: the local stand-in for Pub/Sub push subscriptions (DESIGN §6).
 *
 * - Each topic has one subscriber function (lib/topics.ts SUBSCRIBERS), resolved by name (the local
 *   runtime passes lib/bus/handlers.ts), so the bus never imports a function module.
 * - Delivery is at-least-once: a handler that throws is redelivered with exponential backoff, up to
 *   `maxDeliveryAttempts`; then the message goes to the dead-letter list (`<topic>-dlq`).
 * - Deliveries run concurrently, bounded by p-limit.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@google-cloud/functions-framework';
import pLimit from 'p-limit';
import { errorMessage } from '../errors';
import { deadLetterTopic, SUBSCRIBERS, type FunctionName, type TopicName } from '../topics';
import { buildPubSubEvent, type MessagePublishedData } from './cloudevent';
import type { Attributes, Bus } from './port';
import { serializePayload } from './serialize';

/** A CloudEvent handler as registered with functions-framework. */
export type EventHandler = (ce: CloudEvent<MessagePublishedData>) => unknown;

/** A message that exhausted its delivery attempts. */
export interface DeadLetter {
  topic: TopicName;
  deadLetterTopic: string;
  messageId: string;
  payload: object;
  attempts: number;
  lastError: string;
}

/** Options of {@link LocalBus}. */
export interface LocalBusOptions {
  /** Returns the handler registered under a function name. */
  resolve: (name: FunctionName) => EventHandler;
  /** Concurrent deliveries (p-limit). */
  concurrency: number;
  /** Attempts before dead-lettering (Pub/Sub default 5). */
  maxDeliveryAttempts: number;
  /** Backoff before attempt n+1, milliseconds. Default 25 * 2^(n-1). */
  backoffMs?: (attempt: number) => number;
  /** Project id shown in CloudEvent sources. */
  project?: string;
  /** Clock, for publish times. */
  now?: () => Date;
}

interface Envelope {
  topic: TopicName;
  messageId: string;
  /** The payload as serialized at publish (what Pub/Sub would carry). */
  data: string;
  attributes: Attributes;
  publishTime: Date;
}

/** A published message; `payload` is parsed from the serialized data on each read. */
export interface PublishedMessage {
  topic: TopicName;
  messageId: string;
  readonly payload: object;
}

function publishedMessage(topic: TopicName, messageId: string, data: string): PublishedMessage {
  return {
    topic,
    messageId,
    get payload() {
      return JSON.parse(data) as object;
    },
  };
}

/**
 * In-process, at-least-once bus with retries and a dead-letter list.
 * Events: `published` (topic, messageId), `delivered` (topic, messageId), `retry` (topic, messageId,
 * attempt, error), `dead-lettered` (DeadLetter).
 */
export class LocalBus extends EventEmitter implements Bus {
  readonly deadLetters: DeadLetter[] = [];
  /** Every message published, in order (for status and tests). */
  readonly published: PublishedMessage[] = [];
  private readonly limit: ReturnType<typeof pLimit>;
  private pending = 0;
  private waiters: Array<() => void> = [];
  private seq = 0;
  private readonly runId = randomUUID().slice(0, 8);

  constructor(private readonly opts: LocalBusOptions) {
    super();
    this.limit = pLimit(opts.concurrency);
  }

  /**
   * Queues `payload` for delivery to the topic's subscriber; resolves with the message id.
   * @throws PermanentError(`UNSERIALIZABLE_PAYLOAD`) when the payload is not JSON (a BigInt, a
   *   cycle): no redelivery can fix it. An unknown topic rejects with an Error.
   */
  publish(topic: TopicName, payload: object, attributes: Attributes = {}): Promise<string> {
    if (!(topic in SUBSCRIBERS)) return Promise.reject(new Error(`local bus: unknown topic "${topic}"`));
    // Serialize now, once, as Pub/Sub does, so later mutation of `payload` cannot leak into delivery.
    let data: string;
    try {
      data = serializePayload(topic, payload);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    this.seq += 1;
    const messageId = `local-${this.runId}-${this.seq}`;
    const env: Envelope = {
      topic,
      messageId,
      data,
      attributes,
      publishTime: (this.opts.now ?? (() => new Date()))(),
    };
    this.published.push(publishedMessage(topic, messageId, data));
    this.pending += 1;
    this.emit('published', topic, messageId);
    this.schedule(env, 1);
    return Promise.resolve(messageId);
  }

  /** Resolves when no message is queued, running or waiting for a retry. */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(env: Envelope, attempt: number): void {
    void this.limit(() => this.deliver(env, attempt));
  }

  private async deliver(env: Envelope, attempt: number): Promise<void> {
    try {
      // Inside the try: a missing handler is a failed delivery (retried, then dead-lettered), so
      // the message always settles and drain() always resolves.
      const handler = this.opts.resolve(SUBSCRIBERS[env.topic]);
      const ce = buildPubSubEvent({
        project: this.opts.project ?? 'local',
        topic: env.topic,
        messageId: env.messageId,
        data: env.data,
        attributes: env.attributes,
        publishTime: env.publishTime,
      });
      await handler(ce);
      this.emit('delivered', env.topic, env.messageId);
      this.settle();
    } catch (err) {
      if (attempt >= this.opts.maxDeliveryAttempts) {
        const dl: DeadLetter = {
          topic: env.topic,
          deadLetterTopic: deadLetterTopic(env.topic),
          messageId: env.messageId,
          payload: JSON.parse(env.data) as object,
          attempts: attempt,
          lastError: errorMessage(err),
        };
        this.deadLetters.push(dl);
        this.emit('dead-lettered', dl);
        this.settle();
        return;
      }
      this.emit('retry', env.topic, env.messageId, attempt, errorMessage(err));
      const wait = (this.opts.backoffMs ?? ((n: number) => 25 * 2 ** (n - 1)))(attempt);
      setTimeout(() => this.schedule(env, attempt + 1), wait);
    }
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }
}
