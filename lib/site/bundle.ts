/**
 * The pages' files, read from the package: the HTML and CSS under `site/`, the page scripts
 * compiled from `site/src/` into `dist/site/` by `npm run build`, the chart library the build copies
 * into `dist/site/vendor/` (Apache ECharts with its LICENSE and NOTICE, lib/site/vendor.ts), and the
 * newest backtest report under `reports/` with its Markdown and SVG charts. Everything but the HTML
 * goes under a folder named by a hash of its content (`v1/assets/<version>/`), so it can be cached
 * for a year; the HTML names that folder and is cached for minutes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageRoot } from '../paths';
import { BACKTEST_CHARTS, chartRank, chartTitle } from '../report/chart-ids';
import { VENDOR_FILES, vendorDir } from './vendor';
import type { ShippedBacktest } from '../export/schemas/site';

/** A file of the site: its path (under `v1/` for pages, under the asset folder for assets) and text. */
export interface SiteFile {
  name: string;
  body: string;
}

/** The backtest report shipped with the pages (paths relative to `v1/`; lib/export/schemas/site.ts). */
export type { ShippedBacktest };

/** Everything the pages need, ready to upload. */
export interface SiteBundle {
  /** First 12 hex digits of the SHA-256 of the assets (names and contents). */
  version: string;
  /** `index.html`, `player.html`, `performance.html` with the asset folder filled in. */
  pages: SiteFile[];
  /** Files under `assets/<version>/`. */
  assets: SiteFile[];
  backtest: ShippedBacktest | null;
}

/** Where the site's files are read from (tests point these at other folders). */
export interface SiteSources {
  /** HTML and CSS (default `<package>/site`). */
  pagesDir: string;
  /** Compiled page scripts (default `<package>/dist/site`). */
  scriptsDir: string;
  /** Backtest reports (default `<package>/reports`). */
  reportsDir: string;
  /** The chart library and its licenses (default `<package>/dist/site/vendor`). */
  vendorDir: string;
}

/** Thrown when the page scripts have not been compiled (`npm run build` compiles them). */
export class SiteNotBuiltError extends Error {
  override name = 'SiteNotBuiltError';
}

/** The placeholder in the HTML that becomes `assets/<version>`. */
export const ASSETS_PLACEHOLDER = '{{assets}}';

/** The default sources of this package. */
export function defaultSiteSources(): SiteSources {
  const root = packageRoot();
  return {
    pagesDir: join(root, 'site'),
    scriptsDir: join(root, 'dist', 'site'),
    reportsDir: join(root, 'reports'),
    vendorDir: vendorDir(root),
  };
}

const read = (path: string) => readFileSync(path, 'utf8');
const filesOf = (dir: string, ext: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith(ext))
        .sort()
    : [];

/** The newest backtest report (by its `to` date in the name, then the name) and its files. */
function backtestFiles(dir: string): { name: string; files: SiteFile[] } | null {
  const reports = filesOf(dir, '.json').filter((n) => /^backtest-.*\.json$/.test(n));
  const newest = reports
    .map((n) => ({ n, to: /_(\d{4}-\d{2}-\d{2})\.json$/.exec(n)?.[1] ?? '' }))
    .sort((a, b) => a.to.localeCompare(b.to) || a.n.localeCompare(b.n))
    .pop();
  if (!newest) return null;
  const name = basename(newest.n, '.json');
  const own = readdirSync(dir)
    .filter(
      (n) => n === `${name}.json` || n === `${name}.md` || (n.startsWith(`${name}-`) && n.endsWith('.svg')),
    )
    .sort();
  return { name, files: own.map((n) => ({ name: `backtest/${n}`, body: read(join(dir, n)) })) };
}

/** First 12 hex digits of the SHA-256 over the files' names and contents. */
export function versionOf(files: readonly SiteFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    h.update(f.name).update('\0').update(f.body).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Reads the site's files.
 * @throws SiteNotBuiltError when `scriptsDir` holds no compiled page script.
 */
export function loadSite(sources: SiteSources = defaultSiteSources()): SiteBundle {
  const scripts = filesOf(sources.scriptsDir, '.js');
  if (scripts.length === 0) {
    throw new SiteNotBuiltError(`no page scripts in ${sources.scriptsDir}: run \`npm run build\``);
  }
  const vendor = VENDOR_FILES.map((f) => join(sources.vendorDir, f.to));
  const missing = vendor.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new SiteNotBuiltError(
      `the chart library is missing (${missing.join(', ')}): run \`npm run build\``,
    );
  }
  const bt = backtestFiles(sources.reportsDir);
  const assets: SiteFile[] = [
    ...filesOf(sources.pagesDir, '.css').map((n) => ({ name: n, body: read(join(sources.pagesDir, n)) })),
    ...scripts.map((n) => ({ name: n, body: read(join(sources.scriptsDir, n)) })),
    ...VENDOR_FILES.map((f) => ({ name: `vendor/${f.to}`, body: read(join(sources.vendorDir, f.to)) })),
    ...(bt?.files ?? []),
  ];
  const version = versionOf(assets);
  const dir = `assets/${version}`;
  const pages = filesOf(sources.pagesDir, '.html').map((n) => ({
    name: n,
    body: read(join(sources.pagesDir, n)).split(ASSETS_PLACEHOLDER).join(dir),
  }));
  const backtest: ShippedBacktest | null = bt && {
    name: bt.name,
    json: `${dir}/backtest/${bt.name}.json`,
    markdown: bt.files.some((f) => f.name.endsWith('.md')) ? `${dir}/backtest/${bt.name}.md` : null,
    charts: bt.files
      .filter((f) => f.name.endsWith('.svg'))
      .map((f) => {
        const id = f.name.slice(`backtest/${bt.name}-`.length, -'.svg'.length);
        return { id, title: chartTitle(id), file: `${dir}/${f.name}` };
      })
      .sort((a, b) => chartRank(a.id) - chartRank(b.id)),
    absent_charts: BACKTEST_CHARTS.filter((c) => !bt.files.some((f) => f.name.endsWith(`-${c.id}.svg`))).map(
      (c) => ({ id: c.id, title: c.title }),
    ),
  };
  return { version, pages, assets, backtest };
}
