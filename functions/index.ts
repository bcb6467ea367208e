/**
 * The one deploy artifact: importing this file registers all five entry points with
 * functions-framework (DESIGN §1). Each Cloud Function selects its entry point by name.
 */
import { getConfig } from '../lib/config';
import './startBatch';
import './predictPlayer';
import './onBatchComplete';
import './consolidate';
import './exportTonight';

export { FUNCTION_NAMES } from '../lib/topics';

// Parse the configuration at cold start: a bad environment (e.g. a test_ dataset prefix in prod)
// fails the instance start, and so the deploy, instead of every invocation.
getConfig();
