/**
 * Entry point `predictPlayer` (Cloud Functions gen2, Pub/Sub trigger): decode, validate with
 * `PredictionRequest`, run lib/pipeline/predict-player.ts, map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { PredictionRequest } from '../../lib/messages';
import { predictPlayer } from '../../lib/pipeline/predict-player';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('predictPlayer', PredictionRequest, predictPlayer);

ff.cloudEvent('predictPlayer', handler);
