/**
 * The charts section of the backtest report's Markdown (appended to lib/grading/report-markdown.ts's
 * report): each chart's SVG beside it, and the charts the report has no data for yet.
 */
import { BACKTEST_CHARTS } from './chart-ids';

/** What a chart needs from the report, for the "not in this report yet" list. */
const NEEDS: Readonly<Record<string, string>> = {
  reliability: '`systems[].probability.model.reliability`',
  'hit-rate': '`systems[].picks_main.hit_rate`',
  roi: '`systems[].picks_main.roi_best_price`',
  edge: '`systems[].picks_by_edge` (hit rate and ROI per |edge| bucket, picks at every priced line)',
  mae: '`systems[].lined.mae` and `mae_of_line`',
};

/** A chart written beside the report: its id, title and file name (relative to the Markdown). */
export interface WrittenChart {
  id: string;
  title: string;
  file: string;
}

/** The Markdown of the charts, starting with a blank line (to append to the report). */
export function chartsMarkdown(charts: readonly WrittenChart[]): string {
  const out: string[] = ['', '## Charts', ''];
  for (const c of charts) out.push(`### ${c.title}`, '', `![${c.title}](${c.file})`, '');
  const absent = BACKTEST_CHARTS.filter((c) => !charts.some((w) => w.id === c.id));
  if (absent.length) {
    out.push(
      'Not in this report yet:',
      '',
      ...absent.map((c) => `- ${c.title}: needs ${NEEDS[c.id] ?? 'report fields'}`),
      '',
    );
  }
  return out.join('\n').replace(/\n+$/, '');
}
