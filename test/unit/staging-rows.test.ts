/**
 * startBatch records how many staging rows each player will write (lib/model/rows.ts
 * stagingRowCount); completion tracking trusts it to skip counts. It must be exactly what
 * predictPlayer writes, for a lined player with a ladder, a lined player without one, and a player
 * without a line.
 */
import { stagingRowCount } from '../../lib/model/rows';
import { SYSTEM_IDS } from '../../lib/model/registry';
import { predictRequest } from '../../lib/pipeline/predict-player';
import { request } from '../helpers/fixtures';

describe('staging rows per request', () => {
  it.each([
    ['a line and a 5-line ladder', {}, SYSTEM_IDS.length * 5],
    ['a line without a ladder', { line_ladder: [] }, SYSTEM_IDS.length],
    ['no line', { line: null, line_ladder: [], market: [] }, SYSTEM_IDS.length],
  ])('%s', (_label, over, expected) => {
    const req = request(over);
    expect(stagingRowCount(req)).toBe(expected);
    expect(predictRequest(req, '2025-12-05T16:00:00.000Z')).toHaveLength(expected);
  });
});
