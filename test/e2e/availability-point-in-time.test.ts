/**
 * Availability is point in time: on the shipped real data, deleting every row dated on or after D
 * (except D's lines, D's schedule and D's injury report rows) leaves tonight's availability of
 * every player unchanged, and a run at the 11:30 ET morning run uses only the previous day's
 * injury report pull.
 */
import { morningRunInstant } from '../../lib/dates';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { loadSlate } from '../../lib/data/slate';
import { TABLES, tableToken } from '../../lib/warehouse/tables';
import { testConfig } from '../helpers/runtime';

const D = '2025-10-29';
let rt: LocalRuntime;

beforeAll(async () => {
  rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
});
afterAll(() => rt.warehouse.close());

async function availabilityOfDate() {
  const slate = await loadSlate(rt.warehouse, D, rt.config, rt.config.minMinutes, morningRunInstant(D));
  return new Map(
    slate.selection.candidates.map((c) => [c.player_lookup, { team: c.team_abbr, a: c.availability }]),
  );
}

describe('the shipped injury report', () => {
  it("loads all 1,484 rows with report_time at 5:30 PM ET of the pull day and the box scores' player_lookup", async () => {
    const t = tableToken(TABLES.injuryReport);
    const [count] = await rt.warehouse.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`);
    expect(Number(count.n)).toBe(1484);
    const rows = await rt.warehouse.query<{ report_time: string; status: string; team_abbr: string }>(
      `SELECT report_time, status, team_abbr FROM ${t} WHERE player_lookup = 'jimmybutler' AND game_date = CAST('2025-10-21' AS DATE) ORDER BY report_time`,
    );
    // the pull of the day before and the game day's own pull
    expect(rows).toEqual([
      { report_time: '2025-10-20T21:30:00.000Z', status: 'Probable', team_abbr: 'GSW' },
      { report_time: '2025-10-21T21:30:00.000Z', status: 'Probable', team_abbr: 'GSW' },
    ]);
    const [est] = await rt.warehouse.query<{ t: string }>(
      `SELECT MIN(report_time) AS t FROM ${t} WHERE game_date = CAST('2025-11-07' AS DATE)`,
    );
    expect(est.t).toBe('2025-11-06T22:30:00.000Z'); // EST after 2025-11-02
  });
});

describe(`availability for ${D} at its 11:30 ET run`, () => {
  it('uses only the 2025-10-28 pull of the injury report and is unchanged once the future is deleted', async () => {
    const before = await availabilityOfDate();
    const all = [...before.values()];
    const fromReport = all.filter((x) => x.a?.reasons[0]?.startsWith('injury report'));
    expect(fromReport.length).toBeGreaterThan(5);
    for (const x of fromReport) expect(x.a?.reasons[0]).toMatch(/^injury report 2025-10-28 5:30 PM ET: /);
    expect(all.filter((x) => x.a?.status === 'likely_out').length).toBeGreaterThan(5);

    const del = (table: (typeof TABLES)[keyof typeof TABLES], op: string) =>
      rt.warehouse.execute(`DELETE FROM ${tableToken(table)} WHERE game_date ${op} CAST(@d AS DATE)`, {
        d: D,
      });
    await del(TABLES.playerGameSummary, '>=');
    await del(TABLES.teamGameSummary, '>=');
    await del(TABLES.odds, '>');
    await del(TABLES.schedule, '>');
    await del(TABLES.injuryReport, '>');
    const [left] = await rt.warehouse.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ${tableToken(TABLES.playerGameSummary)} WHERE game_date >= CAST(@d AS DATE)`,
      { d: D },
    );
    expect(Number(left.n)).toBe(0);

    const after = await availabilityOfDate();
    expect([...after.entries()].sort()).toEqual([...before.entries()].sort());
  });
});
