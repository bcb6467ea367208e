/** Serialization of bus payloads, shared by the Pub/Sub adapter and the in-process bus. */
import { PermanentError, errorMessage } from '../errors';

/**
 * The JSON text of a payload, as both buses send it.
 * @throws PermanentError(`UNSERIALIZABLE_PAYLOAD`) naming the topic when JSON.stringify throws (a
 *   BigInt, a cycle) or gives no text.
 */
export function serializePayload(topic: string, payload: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch (err) {
    throw new PermanentError(
      'UNSERIALIZABLE_PAYLOAD',
      `publish to ${topic}: payload is not JSON: ${errorMessage(err)}`,
      { cause: err },
    );
  }
  if (typeof text !== 'string') {
    throw new PermanentError('UNSERIALIZABLE_PAYLOAD', `publish to ${topic}: payload serializes to nothing`);
  }
  return text;
}
