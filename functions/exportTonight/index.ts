/**
 * Entry point `exportTonight` (Cloud Functions gen2, Pub/Sub trigger on nba-phase6-export-trigger):
 * decode, validate with `ExportTriggerMessage`, run the exports it asks for (lib/pipeline/exports.ts:
 * tonight's export, or results / performance / best bets), map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { ExportTriggerMessage } from '../../lib/messages';
import { runExports } from '../../lib/pipeline/exports';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('exportTonight', ExportTriggerMessage, runExports);

ff.cloudEvent('exportTonight', handler);
