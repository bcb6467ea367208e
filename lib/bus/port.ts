/**
 * The bus port: publish a JSON message to a topic. Pub/Sub on Google Cloud, an in-process bus
 * locally. Delivery is at-least-once in both, so every consumer is idempotent at its business key.
 */
import type { TopicName } from '../topics';

/** String attributes carried beside the payload (batch_id, player_lookup, correlation_id). */
export type Attributes = Record<string, string>;

/** The bus port. */
export interface Bus {
  /**
   * Publishes `payload` (serialized as JSON, UTF-8) to `topic` and resolves with the message id.
   * @throws RetryableError when the bus cannot accept the message (the caller's handler fails and
   *   is redelivered; publish failures are never swallowed).
   */
  publish(topic: TopicName, payload: object, attributes?: Attributes): Promise<string>;
}
