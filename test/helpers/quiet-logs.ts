/** Jest setup: log lines are discarded unless a test captures them (set NBA_TEST_LOGS=1 to see them). */
import { setLogSink } from '../../lib/log';

if (process.env.NBA_TEST_LOGS !== '1') setLogSink(() => undefined);
