/**
 * The one deploy artifact: importing this file registers all five entry points with
 * functions-framework (DESIGN §1), where each Cloud Function selects its entry point by name, and
 * hands the same handlers to the in-process bus of the local runtime (lib/bus/handlers.ts).
 */
import type { EventHandler } from '../lib/bus/local';
import { registerHandlers } from '../lib/bus/handlers';
import { getConfig } from '../lib/config';
import type { FunctionName } from '../lib/topics';
import * as startBatch from './startBatch';
import * as predictPlayer from './predictPlayer';
import * as onBatchComplete from './onBatchComplete';
import * as consolidate from './consolidate';
import * as exportTonight from './exportTonight';

export { FUNCTION_NAMES } from '../lib/topics';

/** The five CloudEvent handlers by entry-point name (what the local bus delivers to). */
export const HANDLERS: Readonly<Record<FunctionName, EventHandler>> = {
  startBatch: startBatch.handler,
  predictPlayer: predictPlayer.handler,
  onBatchComplete: onBatchComplete.handler,
  consolidate: consolidate.handler,
  exportTonight: exportTonight.handler,
};
registerHandlers(HANDLERS);

// Parse the configuration at cold start: a bad environment (e.g. a test_ dataset prefix in prod)
// fails the instance start, and so the deploy, instead of every invocation.
getConfig();
