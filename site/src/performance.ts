/**
 * The performance page (`v1/performance.html`): the backtest shipped with the pages (table and SVG
 * charts, its Markdown and JSON), and links to the daily results and performance exports when they
 * exist; until then it says they are not published yet. Reads `site.json`, written with the pages.
 */
import { backtestColumns } from './backtest-fields.js';
import { el, fill, fetchJson, showMessage, start, table } from './dom.js';
import { longDate, percent } from './format.js';
import type { BacktestReportView, SiteManifestView } from './types.js';

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
  const cols = report ? backtestColumns(report.systems) : [];
  return el(
    'section',
    { id: 'backtest' },
    head,
    report
      ? el(
          'p',
          { cls: 'summary' },
          `${longDate(report.from)} to ${longDate(report.to)}, replayed point in time on the real lines` +
            (report.break_even_110 ? `; break-even at -110 is ${percent(report.break_even_110, 2)}` : '') +
            '.',
        )
      : null,
    report
      ? table(
          cols.map((c) => c.label),
          report.systems.map((s) => cols.map((c) => c.cell(s))),
        )
      : null,
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
  fill(root, el('h1', {}, 'Performance'), await backtestSection(m), exportsSection(m));
}

start(document.getElementById('main'), main);
