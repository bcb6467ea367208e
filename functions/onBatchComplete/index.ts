/**
 * Entry point `onBatchComplete` (Cloud Functions gen2, Pub/Sub trigger): decode, validate with
 * `PredictionReady`, run lib/pipeline/batch-complete.ts, map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { PredictionReady } from '../../lib/messages';
import { onBatchComplete } from '../../lib/pipeline/batch-complete';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('onBatchComplete', PredictionReady, onBatchComplete);

ff.cloudEvent('onBatchComplete', handler);
