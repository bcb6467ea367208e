/**
 * The chart library of the pages, copied at build time (`npm run build`) from the echarts package
 * (a dev dependency: the deployed functions install no echarts) into `dist/site/vendor/`, which the
 * deploy artifact ships and exportTonight uploads. Apache ECharts is Apache-2.0: its LICENSE and
 * NOTICE (and the d3 license it bundles) go with it (Apache-2.0 section 4).
 *
 *   node dist/lib/site/vendor.js     # run by `npm run build`
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../paths';

/** The files copied: from (inside the echarts package) -> to (inside the vendor folder). */
export const VENDOR_FILES: ReadonlyArray<{ from: string; to: string }> = [
  // line, bar, scatter, tooltip, legend, markLine and the SVG renderer: all the card's chart needs
  { from: 'dist/echarts.common.min.js', to: 'echarts.common.min.js' },
  { from: 'LICENSE', to: 'echarts-LICENSE.txt' },
  { from: 'NOTICE', to: 'echarts-NOTICE.txt' },
  { from: 'licenses/LICENSE-d3', to: 'echarts-LICENSE-d3.txt' },
];

/** Where the build puts them. */
export function vendorDir(root: string = packageRoot()): string {
  return join(root, 'dist', 'site', 'vendor');
}

/**
 * Copies the chart library into `to` (default `dist/site/vendor`); returns the files written.
 * @throws when the echarts package is not installed (`npm ci` installs it).
 */
export function copyChartLibrary(to: string = vendorDir()): string[] {
  const from = dirname(require.resolve('echarts/package.json'));
  mkdirSync(to, { recursive: true });
  return VENDOR_FILES.map((f) => {
    copyFileSync(join(from, f.from), join(to, f.to));
    return join(to, f.to);
  });
}

if (require.main === module) {
  const files = copyChartLibrary();
  process.stdout.write(`copied the chart library: ${files.length} files in ${vendorDir()}\n`);
}
