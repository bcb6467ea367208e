/**
 * Browser tests' helpers: the system Chromium (Debian's `chromium`, never a downloaded build)
 * driven by playwright-core, pages that record every console error and failed request, and a folder for the screenshots a person can look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** The Chromium the tests launch (NBA_CHROMIUM overrides; .ci/run installs this one). */
export const CHROMIUM = process.env.NBA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless system Chromium in a container, with no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** Why the browser suite cannot run here, or null when it can. */
export function chromiumUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) {
    return `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it as root)`;
  }
  return null;
}

/** Launches the system Chromium (playwright makes a fresh --user-data-dir per launch). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page and what went wrong on it. */
export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, failed requests and HTTP errors, except the allowed ones. */
  problems: string[];
}

/**
 * Opens a page in a context and records every console error, uncaught error, failed request and
 * HTTP status >= 400, except responses for URLs ending in one of `allow` (and their console line).
 */
export async function watchedPage(ctx: BrowserContext, allow: readonly string[] = []): Promise<WatchedPage> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  const allowed = (url: string) => allow.some((a) => url.endsWith(a));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed(m.location().url))
      problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowed(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/** Saves a screenshot under {@link SCREENSHOTS}; returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
