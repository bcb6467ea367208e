/**
 * The one shape of every Pub/Sub handler: decode -> validate -> check age -> call the pipeline ->
 * map errors (DESIGN §2). Permanent errors (bad payload, unknown batch) are logged with the message
 * id and acked; anything else is rethrown so Pub/Sub (or the local bus) redelivers it. Every line
 * an invocation logs carries its trace and execution id (lib/log.ts runInInvocation).
 */
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@google-cloud/functions-framework';
import type { z } from 'zod';
import { decodePubSubEvent, envelopeMessageId, type MessagePublishedData } from './bus/cloudevent';
import type { Attributes } from './bus/port';
import { PermanentError, RetryableError, errorMessage } from './errors';
import { invocationContext, runInInvocation, type Logger } from './log';
import * as logs from './logs';
import { describeIssues, firstIssuePath } from './messages';
import { getRuntime, type Runtime } from './runtime';
import type { FunctionName } from './topics';

/** Longest attribute value copied into a log label (attributes are not validated). */
export const MAX_LABEL_LENGTH = 128;

/** What a pipeline step gets besides the message. */
export interface HandlerContext {
  messageId: string;
  attributes: Attributes;
  log: Logger;
}

/** A pipeline step. */
export type Step<T> = (rt: Runtime, message: T, ctx: HandlerContext) => Promise<unknown>;

/**
 * Wraps a pipeline step as a CloudEvent handler for functions-framework.
 * The returned promise resolves (ack) on success and on permanent errors, and rejects (nack,
 * redelivery) on retryable ones.
 */
export function pubsubHandler<S extends z.ZodType>(
  name: FunctionName,
  schema: S,
  step: Step<z.infer<S>>,
): (ce: CloudEvent<MessagePublishedData>) => Promise<void> {
  return async (ce: CloudEvent<MessagePublishedData>): Promise<void> => {
    const rt = await getRuntime();
    const ctx = invocationContext({
      traceparent: ce.traceparent,
      projectId: rt.config.gcp.projectId,
      executionId: randomUUID().replace(/-/g, '').slice(0, 12),
    });
    return runInInvocation(ctx, () => handle(rt, ce));
  };

  async function handle(rt: Runtime, ce: CloudEvent<MessagePublishedData>): Promise<void> {
    let log = rt.log.child({ function: name, message_id: envelopeMessageId(ce) });
    let decoded;
    try {
      decoded = decodePubSubEvent(ce);
    } catch (err) {
      const code = err instanceof PermanentError ? err.code : 'BAD_ENVELOPE';
      logs.messageRejected(
        log,
        code,
        errorMessage(err),
        err instanceof PermanentError ? err.field : undefined,
      );
      return;
    }
    const a = decoded.attributes;
    const label = (v: string | undefined) => (v ? v.slice(0, MAX_LABEL_LENGTH) : undefined);
    log = log.child({
      message_id: decoded.messageId,
      ...(a.batch_id ? { batch_id: label(a.batch_id) } : {}),
      ...(a.player_lookup ? { player_lookup: label(a.player_lookup) } : {}),
      ...(a.correlation_id ? { correlation_id: label(a.correlation_id) } : {}),
    });
    if (decoded.publishTime) {
      const ageMinutes = (rt.now().getTime() - decoded.publishTime.getTime()) / 60_000;
      if (ageMinutes > rt.config.maxEventAgeMinutes) {
        logs.messageTooOld(log, ageMinutes, rt.config.maxEventAgeMinutes);
        return;
      }
    }
    const parsed = schema.safeParse(decoded.payload);
    if (!parsed.success) {
      logs.messageRejected(
        log,
        'BAD_PAYLOAD',
        `message ${decoded.messageId}: ${describeIssues(parsed.error, decoded.payload)}`,
        firstIssuePath(parsed.error),
      );
      return;
    }
    try {
      await step(rt, parsed.data, { messageId: decoded.messageId, attributes: a, log });
    } catch (err) {
      if (err instanceof PermanentError) {
        logs.permanentFailure(log, err.code, `message ${decoded.messageId}: ${err.message}`, err.field);
        return;
      }
      const code = err instanceof RetryableError ? err.code : 'UNEXPECTED';
      logs.retrying(log, code, `message ${decoded.messageId}: ${errorMessage(err)}`);
      throw err;
    }
  }
}
