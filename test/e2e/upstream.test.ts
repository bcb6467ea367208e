/**
 * Bad upstream rows on the embedded default with the shipped real data: one bad cell in a CSV does
 * not stop the loader (the row is rejected with file, line and reason), and one bad row in an
 * upstream table does not stall a batch (the player is reported ineligible with the field and
 * value, and left out of expected_players, so "complete" still fires).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import '../../functions';
import { SHIPPED_FILES, seedLocalWarehouse } from '../../lib/data/seed-local';
import type { TonightDoc } from '../../lib/export/tonight';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { findBatchOfTrigger } from '../../lib/data/batches';
import { dataFile } from '../../lib/paths';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { stagingTable } from '../../lib/warehouse/tables';
import { testConfig } from '../helpers/runtime';

const DATE = '2025-11-13'; // 3 games, 45 players with lines

describe('the local CSV loader', () => {
  it('rejects bad rows one by one with file, line and reason, and loads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nba-props-data-'));
    for (const f of SHIPPED_FILES) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(dataFile(f), join(dir, f));
    }
    const file = 'player_games_2025_26.csv.gz';
    const lines = gunzipSync(readFileSync(dataFile(file)))
      .toString('utf8')
      .split('\n');
    const header = lines[0].split(',');
    const set = (line: number, column: string, value: string) => {
      const cells = lines[line - 1].split(',');
      cells[header.indexOf(column)] = value;
      lines[line - 1] = cells.join(',');
    };
    set(2, 'minutes', 'DNP'); // the cell that stopped every local command
    set(3, 'game_date', '2025-13-01');
    set(4, 'pts', '-3');
    set(5, 'minutes', '');
    writeFileSync(join(dir, file), gzipSync(lines.join('\n')));

    const wh = await DuckDbWarehouse.open(':memory:', '');
    try {
      const report = await seedLocalWarehouse(wh, { dataDir: dir });
      expect(report.loaded).toBe(true);
      expect(report.rejected.map((r) => [r.file, r.line, r.column])).toEqual([
        [file, 2, 'minutes'],
        [file, 3, 'game_date'],
        [file, 4, 'pts'],
        [file, 5, 'minutes'],
      ]);
      expect(report.rejected[0].reason).toContain('Could not convert string "DNP" to \'DOUBLE\'');
      expect(report.rejected[3].reason).toContain('The minutes cell is empty.');
      const [{ n }] = await wh.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM nba_analytics.player_game_summary WHERE season = '2025-26'",
      );
      const shipped = await DuckDbWarehouse.open(':memory:', '');
      await seedLocalWarehouse(shipped);
      const [{ n: all }] = await shipped.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM nba_analytics.player_game_summary WHERE season = '2025-26'",
      );
      await shipped.close();
      expect(all - n).toBe(4);
    } finally {
      await wh.close();
    }
  });
});

describe('a slate with bad upstream rows', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
    setRuntime(rt);
  });
  afterAll(() => rt.warehouse.close());

  it('reports the players whose request would be refused as ineligible, and still completes', async () => {
    const lined = await rt.warehouse.query<{ player_lookup: string }>(
      `SELECT DISTINCT player_lookup FROM {{nba_raw.odds_api_player_points_props}}
       WHERE game_date = CAST(@d AS DATE) ORDER BY player_lookup LIMIT 2`,
      { d: DATE },
    );
    const [badLine, badMinutes] = lined.map((r) => r.player_lookup);
    // A line of 999 at every book, and a box score with negative minutes.
    await rt.warehouse.execute(
      `UPDATE {{nba_raw.odds_api_player_points_props}} SET points_line = 999
       WHERE game_date = CAST(@d AS DATE) AND player_lookup = @p`,
      { d: DATE, p: badLine },
    );
    await rt.warehouse.execute(
      `UPDATE {{nba_analytics.player_game_summary}} SET minutes_played = -5
       WHERE player_lookup = @p AND game_date = (
         SELECT MAX(game_date) FROM {{nba_analytics.player_game_summary}}
         WHERE player_lookup = @p AND game_date < CAST(@d AS DATE))`,
      { d: DATE, p: badMinutes },
    );
    const trigger = await rt.bus.publish(TOPICS.trigger, { game_date: DATE, force: true });
    await rt.bus.drain();
    const batch = await findBatchOfTrigger(rt.warehouse, trigger);
    expect(batch?.complete_fired_at).not.toBeNull();
    expect(batch?.status).toBe('exported');
    expect(await rt.warehouse.tableExists(stagingTable(batch?.batch_id ?? ''))).toBe(false);
    expect(rt.bus.deadLetters).toEqual([]);

    const ineligible = JSON.parse(batch?.ineligible_json ?? '[]') as Array<{
      player_lookup: string;
      reason: string;
      detail: string;
    }>;
    const of = (p: string) => ineligible.find((i) => i.player_lookup === p);
    expect(of(badLine)?.reason).toBe('INVALID_REQUEST');
    expect(of(badLine)?.detail).toMatch(
      /^line\.points: must be a points line from 0\.5 to 80 in halves \(got 999\)/,
    );
    expect(of(badMinutes)?.reason).toBe('INVALID_REQUEST');
    expect(of(badMinutes)?.detail).toMatch(/^history\.0\.minutes: .*\(got -5\)/);

    const tonight = JSON.parse(
      readFileSync(join(rt.store.root, 'v1/tonight/all-players.json'), 'utf8'),
    ) as TonightDoc;
    const exported = tonight.games.flatMap((g) => g.players.map((p) => p.player_lookup));
    expect(exported).toHaveLength(batch?.expected_players ?? -1);
    expect(exported).not.toContain(badLine);
    expect(exported).not.toContain(badMinutes);
  });
});
