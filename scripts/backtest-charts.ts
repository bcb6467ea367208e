/**
 * Redraws a backtest report's SVG charts and Markdown from its JSON, without replaying the dates
 * (the backtest command writes the same files; this is for a chart or Markdown change):
 *
 *   npx ts-node scripts/backtest-charts.ts reports/backtest-2025-10-21_2025-12-06.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availabilityMarkdown } from '../cli/commands/backtest-availability';
import { reportMarkdown, type BacktestReport } from '../lib/grading/report-markdown';
import { chartsMarkdown, writeReportCharts } from '../lib/report/write';

const [json] = process.argv.slice(2);
if (!json?.endsWith('.json')) {
  process.stderr.write('usage: scripts/backtest-charts.ts <report.json>\n');
  process.exit(2);
}
const { availability, ...report } = JSON.parse(readFileSync(json, 'utf8')) as BacktestReport & {
  availability?: Parameters<typeof availabilityMarkdown>[0];
};
const charts = writeReportCharts(json, report);
const md = json.replace(/\.json$/, '.md');
const availabilityPart = availability ? '\n\n' + availabilityMarkdown(availability) : '';
writeFileSync(md, reportMarkdown(report) + availabilityPart + chartsMarkdown(charts) + '\n');
process.stdout.write(`wrote ${md} and ${charts.map((c) => c.file).join(', ')}\n`);
