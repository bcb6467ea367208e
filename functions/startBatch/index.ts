/**
 * Entry point `startBatch` (Cloud Functions gen2, Pub/Sub trigger): decode, validate with
 * `TriggerMessage`, run lib/pipeline/start-batch.ts, map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { TriggerMessage } from '../../lib/messages';
import { startBatch } from '../../lib/pipeline/start-batch';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('startBatch', TriggerMessage, startBatch);

ff.cloudEvent('startBatch', handler);
