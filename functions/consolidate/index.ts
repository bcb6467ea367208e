/**
 * Entry point `consolidate` (Cloud Functions gen2, Pub/Sub trigger): decode, validate with
 * `ConsolidateMessage`, run lib/pipeline/consolidate.ts, map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { ConsolidateMessage } from '../../lib/messages';
import { consolidate } from '../../lib/pipeline/consolidate';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('consolidate', ConsolidateMessage, consolidate);

ff.cloudEvent('consolidate', handler);
