/**
 * The one deploy artifact: importing this file registers all five entry points with
 * functions-framework (DESIGN §1). Each Cloud Function selects its entry point by name.
 */
import './startBatch';
import './predictPlayer';
import './onBatchComplete';
import './consolidate';
import './exportTonight';

export { FUNCTION_NAMES } from '../lib/topics';
