/**
 * The backtest replays the daily path (each date graded by the results export), so the performance
 * export through its last date equals its report when it starts at the season's first game: the
 * first three nights of 2025-26, through `nba-props backtest` itself.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtestCommand } from '../../cli/commands/backtest';
import type { BacktestReport } from '../../lib/grading/report-markdown';
import type { PerformanceDoc } from '../../lib/export/performance';
import type { ResultsDoc } from '../../lib/export/results';

describe('backtest 2025-10-21..2025-10-23', () => {
  it('writes a performance export whose season window is its report, and the results of each night', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nba-props-backtest-'));
    const out = join(dir, 'report.json');
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await backtestCommand({
        from: '2025-10-21',
        to: '2025-10-23',
        out,
        localDir: join(dir, 'local'),
      });
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BacktestReport;
    const bucket = join(dir, 'local', 'bucket', 'v1');
    const perf = JSON.parse(
      readFileSync(join(bucket, 'performance', 'systems.json'), 'utf8'),
    ) as PerformanceDoc;
    const season = perf.windows.season;
    expect([season.first_graded_date, season.last_graded_date, season.slates]).toEqual([
      '2025-10-21',
      '2025-10-23',
      3,
    ]);
    expect({ market: season.market, systems: season.systems }).toEqual({
      market: report.market,
      systems: report.systems,
    });
    expect(report.systems.find((s) => s.system_id === 'ensemble_v1')?.lined.n).toBeGreaterThan(150);
    expect(printed.join('')).toContain('its season window (2025-10-21..2025-10-23) equals this report');
    // each night was graded by its results export
    for (const d of ['2025-10-21', '2025-10-22', '2025-10-23']) {
      const r = JSON.parse(readFileSync(join(bucket, 'results', `${d}.json`), 'utf8')) as ResultsDoc;
      expect([r.game_date, r.status]).toEqual([d, 'complete']);
    }
  }, 300_000);
});
