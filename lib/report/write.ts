/**
 * Writes a backtest report's Markdown and SVG charts next to its JSON: for `reports/backtest-A_B.json`,
 * `reports/backtest-A_B.md` and `reports/backtest-A_B-<chart>.svg` (chart ids in chart-ids.ts).
 * A chart the report has no data for is not written, and an older SVG of it is removed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CHART_BUILDERS, renderSvg } from './charts';
import { backtestMarkdown } from './markdown';
import type { BacktestReport } from './types';

/**
 * Writes the Markdown and charts of the report whose JSON is (or will be) at `jsonPath`; returns
 * the paths written.
 * @throws the file-system error naming the path when the folder is not writable.
 */
export function writeReportFiles(jsonPath: string, report: BacktestReport): string[] {
  const dir = dirname(jsonPath);
  const name = basename(jsonPath).replace(/\.json$/i, '');
  const charts = new Map<string, string>();
  const written: string[] = [];
  for (const { id, build } of CHART_BUILDERS) {
    const file = `${name}-${id}.svg`;
    const option = build(report);
    if (!option) {
      rmSync(join(dir, file), { force: true });
      continue;
    }
    writeFileSync(join(dir, file), renderSvg(option) + '\n');
    charts.set(id, file);
    written.push(join(dir, file));
  }
  const md = join(dir, `${name}.md`);
  writeFileSync(md, backtestMarkdown(report, charts));
  written.push(md);
  return written;
}
