/**
 * Pub/Sub `messagePublished` CloudEvents: the envelope Cloud Functions gen2 hands a handler, built
 * by the local bus and decoded by every handler. Shape: functions-framework's
 * `MessagePublishedData` (`data.message.data` is base64 JSON); see docs/local-stack.md §2.
 */
import type { CloudEvent } from '@google-cloud/functions-framework';
import { PermanentError } from '../errors';
import type { Attributes } from './port';

/** `data` of a Pub/Sub CloudEvent. Push envelopes spell the ids in both camel and snake case. */
export interface MessagePublishedData {
  message?: {
    data?: string;
    attributes?: Attributes;
    messageId?: string;
    message_id?: string;
    publishTime?: string;
    publish_time?: string;
  };
  subscription?: string;
}

/** The CloudEvent type of a Pub/Sub publish. */
export const PUBSUB_EVENT_TYPE = 'google.cloud.pubsub.topic.v1.messagePublished';

/**
 * Builds the CloudEvent Eventarc would deliver for a message published to `topic`: `payload` as
 * JSON, or `data` when the caller already serialized it.
 */
export function buildPubSubEvent(
  args: {
    project: string;
    topic: string;
    messageId: string;
    attributes?: Attributes;
    publishTime: Date;
  } & ({ payload: object } | { data: string }),
): CloudEvent<MessagePublishedData> {
  const publishTime = args.publishTime.toISOString();
  return {
    specversion: '1.0',
    id: args.messageId,
    type: PUBSUB_EVENT_TYPE,
    source: `//pubsub.googleapis.com/projects/${args.project}/topics/${args.topic}`,
    time: publishTime,
    datacontenttype: 'application/json',
    data: {
      message: {
        data: Buffer.from('data' in args ? args.data : JSON.stringify(args.payload), 'utf8').toString(
          'base64',
        ),
        attributes: args.attributes ?? {},
        messageId: args.messageId,
        publishTime,
      },
      subscription: `projects/${args.project}/subscriptions/${args.topic}-sub`,
    },
  };
}

/** A decoded Pub/Sub message. */
export interface DecodedMessage {
  messageId: string;
  attributes: Attributes;
  /** Publish time, or the CloudEvent time; undefined when neither is present. */
  publishTime?: Date;
  /** The parsed JSON payload (not yet validated). */
  payload: unknown;
}

/** Longest message id accepted (Pub/Sub's are about 16 digits; ids end up in table rows and logs). */
export const MAX_MESSAGE_ID_LENGTH = 128;

/**
 * The Pub/Sub message of an event in any shape a handler receives: a CloudEvent (`data.message`),
 * or a raw push envelope `{message, subscription}` that functions-framework passes through
 * unconverted when `message.data` is empty or missing (its legacy Pub/Sub middleware only
 * converts envelopes with data).
 */
function messageOf(ce: unknown): MessagePublishedData['message'] | undefined {
  if (ce === null || typeof ce !== 'object') return undefined;
  const o = ce as { data?: unknown; message?: unknown };
  const fromData =
    o.data !== null && typeof o.data === 'object' ? (o.data as MessagePublishedData).message : undefined;
  const m = fromData ?? o.message;
  return m !== null && typeof m === 'object' ? m : undefined;
}

/**
 * The message id of an event whatever its envelope: the Pub/Sub message id (camel or snake case),
 * else the CloudEvent id, else `unknown`; cut to {@link MAX_MESSAGE_ID_LENGTH} characters.
 */
export function envelopeMessageId(ce: unknown): string {
  const m = messageOf(ce);
  const id = [m?.messageId, m?.message_id, (ce as { id?: unknown } | null)?.id].find(
    (x): x is string => typeof x === 'string' && x !== '',
  );
  return id === undefined ? 'unknown' : id.slice(0, MAX_MESSAGE_ID_LENGTH);
}

/**
 * Decodes a CloudEvent's Pub/Sub message: base64 -> UTF-8 -> JSON.
 * @throws PermanentError(`BAD_ENVELOPE`) when there is no message, no data or an over-long message
 *   id, and PermanentError(`BAD_JSON`) when the data is not JSON; each names the message id.
 */
export function decodePubSubEvent(ce: CloudEvent<MessagePublishedData>): DecodedMessage {
  const message = messageOf(ce);
  const messageId = envelopeMessageId(ce);
  const rawId = message?.messageId ?? message?.message_id ?? (ce as { id?: unknown } | null)?.id;
  if (typeof rawId === 'string' && rawId.length > MAX_MESSAGE_ID_LENGTH) {
    throw new PermanentError(
      'BAD_ENVELOPE',
      `message ${messageId}...: the message id is ${rawId.length} characters (at most ${MAX_MESSAGE_ID_LENGTH})`,
      { field: 'message.messageId' },
    );
  }
  if (!message) {
    throw new PermanentError('BAD_ENVELOPE', `message ${messageId}: event has no data.message`, {
      field: 'message',
    });
  }
  if (typeof message.data !== 'string' || message.data.length === 0) {
    throw new PermanentError('BAD_ENVELOPE', `message ${messageId}: data.message.data is empty`, {
      field: 'message.data',
    });
  }
  const text = Buffer.from(message.data, 'base64').toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    throw new PermanentError(
      'BAD_JSON',
      `message ${messageId}: data is not JSON (${(err as Error).message}): ${JSON.stringify(text.slice(0, 80))}`,
      { field: 'message.data' },
    );
  }
  const when = message.publishTime ?? message.publish_time ?? (ce as { time?: string } | null)?.time;
  const publishTime = typeof when === 'string' ? new Date(when) : undefined;
  const attributes: Attributes = {};
  if (message.attributes !== null && typeof message.attributes === 'object') {
    for (const [k, v] of Object.entries(message.attributes)) if (typeof v === 'string') attributes[k] = v;
  }
  return {
    messageId,
    attributes,
    publishTime: publishTime && !Number.isNaN(publishTime.getTime()) ? publishTime : undefined,
    payload,
  };
}
