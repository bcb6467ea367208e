/**
 * The performance page (`v1/performance.html`): the rolling performance of the graded days
 * (`performance/systems.json`: last 7 days, last 30 days, season, one table each) when it is
 * exported, the backtest shipped with the pages (table and SVG charts, its Markdown and JSON), and
 * links to the daily results and performance exports; until they exist it says they are not
 * published yet. Reads `site.json`, written with the pages and refreshed by the daily exports.
 */
import { BACKTEST_COLUMNS, marketSummary } from './backtest-fields.js';
import { el, fill, fetchJson, showMessage, start, table } from './dom.js';
import { longDate, percent } from './format.js';
import type { BacktestReportView, PerformanceView, SiteManifestView } from './types.js';

function exportsSection(m: SiteManifestView): HTMLElement {
  const lists: Array<[string, string, string[]]> = [
    ['Daily results', 'results/', m.exports.results],
    ['Rolling performance', 'performance/', m.exports.performance],
  ];
  const body = lists.map(([label, folder, files]) =>
    files.length
      ? el(
          'p',
          {},
          `${label}: `,
          ...files.flatMap((file, i) => [i ? ', ' : '', el('a', { href: file }, file)]),
        )
      : el('p', { cls: 'note missing' }, `${label} (${folder}) are not exported yet.`),
  );
  return el('section', { id: 'exports' }, el('h2', {}, 'Results and performance exports'), ...body);
}

/** Path of the rolling performance export, relative to v1/ (lib/export/daily-paths.ts). */
const SYSTEMS_JSON = 'performance/systems.json';

const WINDOW_LABELS: ReadonlyArray<[keyof PerformanceView['windows'], string]> = [
  ['last_7_days', 'Last 7 days'],
  ['last_30_days', 'Last 30 days'],
  ['season', 'Season'],
];

/** The graded days, window by window, in the backtest's columns; null until exported. */
async function rollingSection(m: SiteManifestView): Promise<HTMLElement | null> {
  if (!m.exports.performance.includes(SYSTEMS_JSON)) return null;
  const doc = await fetchJson<PerformanceView>(SYSTEMS_JSON);
  if (!doc) return null;
  const parts = WINDOW_LABELS.flatMap(([id, label]) => {
    const w = doc.windows[id];
    if (!w) return [];
    const head = el('h3', {}, `${label}: ${longDate(w.from)} to ${longDate(w.to)}`);
    if (w.slates === 0) return [head, el('p', { cls: 'note missing' }, 'No graded slate in this window.')];
    const market = w.market ? marketSummary({ from: w.from, to: w.to, market: w.market, systems: [] }) : null;
    return [
      head,
      el('p', { cls: 'summary' }, `${w.slates} graded slates, ${w.rows} graded rows.`),
      table(
        BACKTEST_COLUMNS.map((c) => c.label),
        w.systems.map((s) => BACKTEST_COLUMNS.map((c) => c.cell(s))),
      ),
      market ? el('p', { cls: 'note' }, market) : null,
    ];
  });
  return el(
    'section',
    { id: 'rolling', 'data-through': doc.through },
    el('h2', {}, `Graded days through ${longDate(doc.through)}`),
    ...parts,
  );
}

async function backtestSection(m: SiteManifestView): Promise<HTMLElement> {
  const bt = m.backtest;
  const head = el('h2', {}, 'Backtest');
  if (!bt)
    return el(
      'section',
      { id: 'backtest' },
      head,
      el('p', { cls: 'note missing' }, 'No backtest report is shipped with these pages.'),
    );
  const report = await fetchJson<BacktestReportView>(bt.json);
  return el(
    'section',
    { id: 'backtest' },
    head,
    report
      ? el(
          'p',
          { cls: 'summary' },
          `${longDate(report.from)} to ${longDate(report.to)}${report.slates ? `, ${report.slates} slates` : ''}, replayed point in time on the real lines` +
            (report.decision
              ? `; a pick needs EV of at least ${percent(report.decision.ev_threshold, 0)} at the best price`
              : '') +
            '. Intervals: 95%, bootstrap over whole slates.',
        )
      : null,
    report
      ? table(
          BACKTEST_COLUMNS.map((c) => c.label),
          report.systems.map((s) => BACKTEST_COLUMNS.map((c) => c.cell(s))),
        )
      : null,
    report && marketSummary(report) ? el('p', { cls: 'note', id: 'market' }, marketSummary(report)) : null,
    el(
      'div',
      { cls: 'charts' },
      ...bt.charts.map((c) =>
        el(
          'figure',
          { cls: 'chart', 'data-chart': c.id },
          el('img', { src: c.file, alt: c.title, loading: 'eager' }),
          el('figcaption', {}, c.title),
        ),
      ),
    ),
    el(
      'p',
      {},
      'The report: ',
      bt.markdown ? el('a', { href: bt.markdown }, 'Markdown') : null,
      bt.markdown ? ', ' : null,
      el('a', { href: bt.json }, 'JSON'),
      '.',
    ),
    bt.absent_charts.length
      ? el(
          'p',
          { cls: 'note missing' },
          `Not in this report yet: ${bt.absent_charts.map((c) => c.title).join('; ')}.`,
        )
      : null,
  );
}

async function main(root: HTMLElement): Promise<void> {
  const m = await fetchJson<SiteManifestView>('site.json');
  if (!m) {
    showMessage(root, 'The site manifest (site.json) is not published yet.');
    return;
  }
  fill(
    root,
    el('h1', {}, 'Performance'),
    await rollingSection(m),
    await backtestSection(m),
    exportsSection(m),
  );
}

start(document.getElementById('main'), main);
