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

describe('feature_json on staging rows', () => {
  it.each([
    ['a line and a 5-line ladder', {}, 5],
    ['a line without a ladder', { line_ladder: [] }, 1],
    ['no line', { line: null, line_ladder: [], market: [] }, 1],
  ])('%s: on each system main-line (or no-line) row only, the same features', (_l, over, lines) => {
    const rows = predictRequest(request(over), '2025-12-05T16:00:00.000Z');
    const carrying = rows.filter((r) => r.feature_json !== null);
    // one row per system carries them: its main line, or its row without a line
    expect(carrying.map((r) => r.system_id).sort()).toEqual([...SYSTEM_IDS].sort());
    expect(carrying.every((r) => r.is_main_line === true || r.line_key === -1)).toBe(true);
    expect(new Set(carrying.map((r) => r.feature_json)).size).toBe(1);
    expect(JSON.parse(String(carrying[0].feature_json))).toHaveProperty('games_played_season');
    expect(rows.length - carrying.length).toBe(SYSTEM_IDS.length * (lines - 1));
  });
});
