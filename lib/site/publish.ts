/**
 * Uploads the pages beside the JSON exports through the ObjectStore port (Cloud Storage or the
 * local folder): first the assets the bucket does not hold yet (under `v1/assets/<version>/`, so
 * an unchanged site uploads nothing but its HTML), then `v1/site.json` and the HTML pages, so a
 * page never names an asset that is not there. Asset folders of versions older than the one the
 * pages named before are then deleted: a browser holding the previous HTML (cached 5 minutes) still
 * finds its assets, and the bucket keeps two versions at most.
 */
import pLimit from 'p-limit';
import type { Logger } from '../log';
import * as logs from '../logs';
import type { ObjectStore } from '../store/port';
import { assertExportValid } from '../export/schemas';
import type { SiteManifest } from '../export/schemas/site';
import { loadSite, SiteNotBuiltError, type SiteBundle } from './bundle';
import { putOptionsOf } from './metadata';

/** Folder of the pages in the bucket (beside `tonight/`, `predictions/`). */
export const SITE_ROOT = 'v1/';

/** The site manifest the performance page reads. */
export const SITE_MANIFEST_PATH = 'v1/site.json';

/** Exports written by other jobs that the performance page links when they exist (relative to v1/). */
export const OPTIONAL_EXPORTS = { performance: 'performance/', results: 'results/' } as const;

/** Parallel uploads. */
const UPLOAD_CONCURRENCY = 8;

/** `v1/site.json`: what the pages can read beside them (lib/export/schemas/site.ts). */
export type { SiteManifest };

/** What {@link publishSite} wrote. */
export interface PublishResult {
  version: string;
  /** Objects written (assets uploaded + manifest + pages). */
  objects: number;
  assets_uploaded: number;
  assets_kept: number;
  /** Objects of asset folders older than the previous version, deleted. */
  assets_deleted: number;
}

const ASSETS_ROOT = `${SITE_ROOT}assets/`;

/** The version the published pages name now (from `v1/site.json`), or null. */
async function publishedVersion(store: ObjectStore): Promise<string | null> {
  const text = await store.get(SITE_MANIFEST_PATH);
  if (!text) return null;
  try {
    const v = (JSON.parse(text) as { version?: unknown }).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null; // an unreadable manifest is replaced below
  }
}

async function present(store: ObjectStore, folder: string): Promise<string[]> {
  return (await store.list(SITE_ROOT + folder)).map((p) => p.slice(SITE_ROOT.length));
}

/**
 * Uploads a site bundle. Errors of the store (RetryableError, PermanentError) propagate, so the
 * export is retried as a whole; every write replaces an object with a complete one.
 */
export async function publishSite(store: ObjectStore, site: SiteBundle): Promise<PublishResult> {
  const previous = await publishedVersion(store);
  const assetDir = `${ASSETS_ROOT}${site.version}/`;
  const have = new Set(await store.list(assetDir));
  const missing = site.assets.filter((a) => !have.has(assetDir + a.name));
  const manifest: SiteManifest = {
    version: site.version,
    assets: `assets/${site.version}/`,
    backtest: site.backtest,
    exports: {
      performance: await present(store, OPTIONAL_EXPORTS.performance),
      results: await present(store, OPTIONAL_EXPORTS.results),
    },
  };
  assertExportValid('site', SITE_MANIFEST_PATH, manifest); // before any upload
  const limit = pLimit(UPLOAD_CONCURRENCY);
  await Promise.all(
    missing.map((a) => limit(() => store.put(assetDir + a.name, a.body, putOptionsOf(a.name, true)))),
  );
  await store.put(
    SITE_MANIFEST_PATH,
    JSON.stringify(manifest, null, 1) + '\n',
    putOptionsOf('site.json', false),
  );
  await Promise.all(
    site.pages.map((p) => limit(() => store.put(SITE_ROOT + p.name, p.body, putOptionsOf(p.name, false)))),
  );
  const keep = new Set([site.version, previous]);
  const stale = (await store.list(ASSETS_ROOT)).filter(
    (p) => !keep.has(p.slice(ASSETS_ROOT.length).split('/')[0]),
  );
  await Promise.all(stale.map((p) => limit(() => store.delete(p))));
  return {
    version: site.version,
    objects: missing.length + 1 + site.pages.length,
    assets_uploaded: missing.length,
    assets_kept: site.assets.length - missing.length,
    assets_deleted: stale.length,
  };
}

/**
 * Rewrites the `exports` lists of `v1/site.json` from what the bucket holds now: the daily
 * results and performance exports call it after writing, since the pages (and the manifest) are
 * published with tonight's export only. Returns false, writing nothing, when no site is published
 * yet or its manifest is unreadable (the next tonight export writes a new one). Store errors
 * propagate (RetryableError, PermanentError).
 */
export async function refreshSiteExports(store: ObjectStore): Promise<boolean> {
  const text = await store.get(SITE_MANIFEST_PATH);
  if (!text) return false;
  let manifest: SiteManifest;
  try {
    manifest = JSON.parse(text) as SiteManifest;
  } catch {
    return false;
  }
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.version !== 'string') return false;
  const lists = {
    performance: await present(store, OPTIONAL_EXPORTS.performance),
    results: await present(store, OPTIONAL_EXPORTS.results),
  };
  if (JSON.stringify(lists) === JSON.stringify(manifest.exports)) return true;
  await store.put(
    SITE_MANIFEST_PATH,
    JSON.stringify({ ...manifest, exports: lists }, null, 1) + '\n',
    putOptionsOf('site.json', false),
  );
  return true;
}

/**
 * exportTonight's step: loads this package's site and publishes it. When the page scripts were
 * never compiled it logs `pages_missing` and returns null: the JSON exports still go out.
 */
export async function publishPages(store: ObjectStore, log: Logger): Promise<PublishResult | null> {
  let site: SiteBundle;
  try {
    site = loadSite();
  } catch (err) {
    if (err instanceof SiteNotBuiltError) {
      logs.pagesMissing(log, err.message);
      return null;
    }
    throw err;
  }
  const result = await publishSite(store, site);
  logs.pagesPublished(log, result);
  return result;
}
