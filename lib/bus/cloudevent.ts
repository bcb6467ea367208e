/**
 * Pub/Sub `messagePublished` CloudEvents: the envelope Cloud Functions gen2 hands a handler, built
 * by the local bus and decoded by every handler. Shape: functions-framework's
 * `MessagePublishedData` (`data.message.data` is base64 JSON); see research/local-stack.md §2.
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

/** Builds the CloudEvent Eventarc would deliver for a message published to `topic`. */
export function buildPubSubEvent(args: {
  project: string;
  topic: string;
  messageId: string;
  payload: object;
  attributes?: Attributes;
  publishTime: Date;
}): CloudEvent<MessagePublishedData> {
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
        data: Buffer.from(JSON.stringify(args.payload), 'utf8').toString('base64'),
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

/**
 * Decodes a CloudEvent's Pub/Sub message: base64 -> UTF-8 -> JSON.
 * @throws PermanentError(`BAD_ENVELOPE`) when there is no message or no data, and
 *   PermanentError(`BAD_JSON`) when the data is not JSON; both name the message id.
 */
export function decodePubSubEvent(ce: CloudEvent<MessagePublishedData>): DecodedMessage {
  const message = ce.data?.message;
  const messageId = message?.messageId ?? message?.message_id ?? ce.id ?? 'unknown';
  if (!message) throw new PermanentError('BAD_ENVELOPE', `message ${messageId}: event has no data.message`);
  if (typeof message.data !== 'string' || message.data.length === 0) {
    throw new PermanentError('BAD_ENVELOPE', `message ${messageId}: data.message.data is empty`);
  }
  const text = Buffer.from(message.data, 'base64').toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    throw new PermanentError(
      'BAD_JSON',
      `message ${messageId}: data is not JSON (${(err as Error).message}): ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  const when = message.publishTime ?? message.publish_time ?? ce.time;
  const publishTime = when ? new Date(when) : undefined;
  return {
    messageId,
    attributes: message.attributes ?? {},
    publishTime: publishTime && !Number.isNaN(publishTime.getTime()) ? publishTime : undefined,
    payload,
  };
}
