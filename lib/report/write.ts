/**
 * Writes a backtest report's SVG charts next to its JSON: for `reports/backtest-A_B.json`,
 * `reports/backtest-A_B-<chart>.svg` (chart ids in chart-ids.ts). A chart the report has no data
 * for is not written, and an older SVG of it is removed. The Markdown links them
 * ({@link chartsMarkdown}).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { chartTitle } from './chart-ids';
import { CHART_BUILDERS, renderSvg } from './charts';
import type { WrittenChart } from './markdown';
import type { ChartReport } from './types';

export { chartsMarkdown, type WrittenChart } from './markdown';

/**
 * Writes the charts of the report whose JSON is (or will be) at `jsonPath`; returns them in display
 * order with their file names (relative to the JSON's folder).
 * @throws the file-system error naming the path when the folder is not writable.
 */
export function writeReportCharts(jsonPath: string, report: ChartReport): WrittenChart[] {
  const dir = dirname(jsonPath);
  const name = basename(jsonPath).replace(/\.json$/i, '');
  const written: WrittenChart[] = [];
  for (const { id, build } of CHART_BUILDERS) {
    const file = `${name}-${id}.svg`;
    const option = build(report);
    if (!option) {
      rmSync(join(dir, file), { force: true });
      continue;
    }
    writeFileSync(join(dir, file), renderSvg(option) + '\n');
    written.push({ id, title: chartTitle(id), file });
  }
  return written;
}
