/**
 * Keeps the compiled page scripts (site/src -> dist/site) in step with their sources for the tests:
 * jest's global setup compiles them when they are missing or older than a source, so every test
 * that exports (and so publishes the pages) sees the same, current site.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { copyChartLibrary, VENDOR_FILES, vendorDir } from '../../lib/site/vendor';

const ROOT = join(__dirname, '..', '..');

function mtimes(dir: string, ext: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(ext))
    .map((n) => statSync(join(dir, n)).mtimeMs);
}

/**
 * Compiles the page scripts when dist/site is missing or older than site/src, and copies the chart
 * library into dist/site/vendor when it is not there (both are steps of `npm run build`).
 */
export function ensureSiteBuilt(): void {
  if (!VENDOR_FILES.every((f) => existsSync(join(vendorDir(ROOT), f.to)))) copyChartLibrary(vendorDir(ROOT));
  const built = mtimes(join(ROOT, 'dist', 'site'), '.js');
  const sources = mtimes(join(ROOT, 'site', 'src'), '.ts');
  if (built.length > 0 && Math.min(...built) >= Math.max(0, ...sources)) return;
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'site', 'tsconfig.json')],
    {
      stdio: 'inherit',
    },
  );
}

/** jest globalSetup entry. */
export default function globalSetup(): void {
  ensureSiteBuilt();
}
