/**
 * The README's two screenshots (docs/img/tonight.png, docs/img/backtest.png), taken in headless
 * system Chromium from the local bucket that `npm start` wrote:
 *
 *   npm start && npx ts-node scripts/readme-screenshots.ts
 */
import { join } from 'node:path';
import { startViewServer } from '../cli/view-server';
import { getConfig } from '../lib/config';
import { launchChromium } from '../test/helpers/browser';

const OUT = join(__dirname, '..', 'docs', 'img');

async function main(): Promise<void> {
  const view = await startViewServer({ root: join(getConfig().localDir, 'bucket') });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
    await page.goto(`${view.url}index.html`, { waitUntil: 'networkidle' });
    await page.waitForSelector('section.game');
    await page.screenshot({ path: join(OUT, 'tonight.png') });
    await page.setViewportSize({ width: 1000, height: 640 }); // two charts a row
    await page.goto(`${view.url}performance.html`, { waitUntil: 'networkidle' });
    await page.waitForSelector('figure.chart img');
    await page.locator('.charts').screenshot({ path: join(OUT, 'backtest.png') });
    process.stdout.write(`wrote ${join(OUT, 'tonight.png')} and ${join(OUT, 'backtest.png')}\n`);
  } finally {
    await browser.close();
    await view.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
