/**
 * Entry point `exportTonight` (Cloud Functions gen2, Pub/Sub trigger): decode, validate with
 * `ExportMessage`, run lib/pipeline/export-tonight.ts, map errors. All logic lives in lib/.
 */
import * as ff from '@google-cloud/functions-framework';
import { pubsubHandler } from '../../lib/handler';
import { ExportMessage } from '../../lib/messages';
import { exportTonight } from '../../lib/pipeline/export-tonight';

/** The CloudEvent handler, exported for in-process callers. */
export const handler = pubsubHandler('exportTonight', ExportMessage, exportTonight);

ff.cloudEvent('exportTonight', handler);
