/**
 * The Markdown version of a backtest report: the per-system table, the charts (SVG files beside
 * it) and which charts the report has no data for yet.
 */
import { BACKTEST_CHARTS } from './chart-ids';
import type { BacktestReport } from './types';

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const num = (x: number | null | undefined, d = 2) => (isNum(x) ? x.toFixed(d) : '-');
const pct = (x: number | null | undefined, d = 1) => (isNum(x) ? `${(100 * x).toFixed(d)}%` : '-');

/** What each chart needs from the report, for the "not in this report yet" list. */
const NEEDS: Readonly<Record<string, string>> = {
  reliability: '`systems[].reliability`',
  edge: '`systems[].by_edge`',
  'hit-rate': '`systems[].hit_rate`',
  mae: '`systems[].mae_lined` and `mae_of_line`',
};

/**
 * The report as Markdown. `charts` maps a chart id to its SVG file name (relative to the Markdown);
 * the charts not in it are listed as not in this report yet.
 */
export function backtestMarkdown(report: BacktestReport, charts: ReadonlyMap<string, string>): string {
  const out: string[] = [
    `# Backtest ${report.from} to ${report.to}`,
    '',
    'Every date replayed point in time through the same functions (each date sees only earlier games',
    'and its own lines), graded against the box scores; main-line rows. The 95% interval comes from a',
    'bootstrap over whole slates.' +
      (isNum(report.break_even_110) ? ` Break-even at -110 is ${pct(report.break_even_110, 2)}.` : ''),
    '',
    "| system | predictions | MAE | MAE (lined) | line's MAE | bias | calls | hit rate | 95% CI (slates) |",
    '|---|---|---|---|---|---|---|---|---|',
    ...report.systems.map((s) =>
      [
        `\`${s.system_id}\``,
        String(s.predictions ?? '-'),
        num(s.mae),
        num(s.mae_lined),
        num(s.mae_of_line),
        num(s.bias),
        String(s.calls ?? '-'),
        pct(s.hit_rate),
        s.hit_rate_ci95 ? `${pct(s.hit_rate_ci95[0])}..${pct(s.hit_rate_ci95[1])}` : '-',
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
    '',
  ];
  const shown = BACKTEST_CHARTS.filter((c) => charts.has(c.id));
  const absent = BACKTEST_CHARTS.filter((c) => !charts.has(c.id));
  for (const c of shown) out.push(`## ${c.title}`, '', `![${c.title}](${charts.get(c.id)})`, '');
  if (absent.length) {
    out.push(
      '## Not in this report yet',
      '',
      ...absent.map((c) => `- ${c.title}: needs ${NEEDS[c.id] ?? 'report fields'}`),
      '',
    );
  }
  return out.join('\n');
}
