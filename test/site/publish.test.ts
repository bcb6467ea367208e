/**
 * Publishing the pages through the ObjectStore port: the HTML names the content-hash asset folder,
 * every object gets its content type and Cache-Control, an unchanged site uploads only its HTML
 * and manifest, and the manifest lists the results/performance exports that exist.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSite, SiteNotBuiltError, type SiteSources } from '../../lib/site/bundle';
import { putOptionsOf } from '../../lib/site/metadata';
import { copyChartLibrary } from '../../lib/site/vendor';
import { publishSite, refreshSiteExports, type SiteManifest } from '../../lib/site/publish';
import { FsObjectStore } from '../../lib/store/fs';
import type { ObjectStore, PutOptions } from '../../lib/store/port';

/** A folder store that also records the metadata of each put (the folder adapter keeps none). */
class RecordingStore implements ObjectStore {
  readonly puts = new Map<string, PutOptions>();
  constructor(private readonly inner: FsObjectStore) {}
  put(path: string, body: string, options: PutOptions) {
    this.puts.set(path, options);
    return this.inner.put(path, body, options);
  }
  get = (path: string) => this.inner.get(path);
  list = (prefix: string) => this.inner.list(prefix);
  delete = (path: string) => this.inner.delete(path);
}

function write(path: string, body: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
}

/** Sources with the real HTML and CSS of site/ and small stand-ins for the compiled scripts and report. */
function sources(): SiteSources {
  const dir = mkdtempSync(join(tmpdir(), 'nba-props-site-'));
  const real = join(__dirname, '..', '..', 'site');
  const src: SiteSources = {
    pagesDir: real,
    scriptsDir: join(dir, 'dist-site'),
    reportsDir: join(dir, 'reports'),
    vendorDir: join(dir, 'vendor'),
  };
  copyChartLibrary(src.vendorDir);
  write(join(src.scriptsDir, 'tonight.js'), 'export {};\n');
  write(join(src.scriptsDir, 'player.js'), 'export {};\n');
  write(
    join(src.reportsDir, 'backtest-2025-10-21_2025-12-06.json'),
    '{"from":"2025-10-21","to":"2025-12-06","systems":[]}',
  );
  write(join(src.reportsDir, 'backtest-2025-10-21_2025-12-06-mae.svg'), '<svg/>');
  write(join(src.reportsDir, 'backtest-2025-10-21_2025-12-06-hit-rate.svg'), '<svg/>');
  write(join(src.reportsDir, 'backtest-2025-10-21_2025-12-06.md'), '# Backtest');
  write(join(src.reportsDir, 'backtest-2024-11-01_2024-11-30.json'), '{}'); // an older report: not shipped
  return src;
}

describe('publishing the pages', () => {
  it('refuses to load a site whose scripts were not compiled', () => {
    const src = { ...sources(), scriptsDir: join(tmpdir(), 'nba-props-no-such-dir') };
    expect(() => loadSite(src)).toThrow(SiteNotBuiltError);
  });

  it('uploads pages short-cached and assets under the content-hash folder cached a year', async () => {
    const site = loadSite(sources());
    expect(site.version).toMatch(/^[0-9a-f]{12}$/);
    const index = site.pages.find((p) => p.name === 'index.html')!.body;
    expect(index).toContain(`src="assets/${site.version}/tonight.js"`);
    expect(index).not.toContain('{{assets}}');
    const store = new RecordingStore(new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-props-bucket-'))));
    const first = await publishSite(store, site);
    const a = `v1/assets/${site.version}/`;
    expect(Object.fromEntries(store.puts)).toMatchObject({
      'v1/index.html': { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=300' },
      'v1/player.html': { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=300' },
      'v1/performance.html': { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=300' },
      'v1/site.json': { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' },
      [`${a}tonight.js`]: {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: 'public, max-age=31536000, immutable',
      },
      [`${a}style.css`]: { contentType: 'text/css; charset=utf-8' },
      [`${a}vendor/echarts.common.min.js`]: { contentType: 'text/javascript; charset=utf-8' },
      [`${a}vendor/echarts-LICENSE.txt`]: { contentType: 'text/plain; charset=utf-8' },
      [`${a}backtest/backtest-2025-10-21_2025-12-06-mae.svg`]: {
        contentType: 'image/svg+xml; charset=utf-8',
      },
      [`${a}backtest/backtest-2025-10-21_2025-12-06.md`]: { contentType: 'text/markdown; charset=utf-8' },
    });
    expect(store.puts.has(`${a}backtest/backtest-2024-11-01_2024-11-30.json`)).toBe(false);
    expect(first).toEqual({
      version: site.version,
      objects: site.assets.length + 4,
      assets_uploaded: site.assets.length,
      assets_kept: 0,
      assets_deleted: 0,
    });

    // The same site again: the assets are there, only the manifest and the HTML are written.
    store.puts.clear();
    const again = await publishSite(store, site);
    expect([again.assets_uploaded, again.objects]).toEqual([0, 4]);
    expect([...store.puts.keys()].sort()).toEqual([
      'v1/index.html',
      'v1/performance.html',
      'v1/player.html',
      'v1/site.json',
    ]);
  });

  it('writes a manifest with the shipped backtest, its charts in display order and the exports present', async () => {
    const site = loadSite(sources());
    const store = new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-props-bucket-')));
    await store.put('v1/results/2025-12-04.json', '{}', {
      contentType: 'application/json',
      cacheControl: 'x',
    });
    await publishSite(store, site);
    const m = JSON.parse((await store.get('v1/site.json'))!) as SiteManifest;
    expect(m.exports).toEqual({ performance: [], results: ['results/2025-12-04.json'] });
    expect(m.backtest?.name).toBe('backtest-2025-10-21_2025-12-06');
    expect(m.backtest?.charts.map((c) => c.id)).toEqual(['hit-rate', 'mae']);
    expect(m.backtest?.absent_charts.map((c) => c.id)).toEqual(['reliability', 'roi', 'edge']);
    expect(await store.get(m.backtest!.charts[1].file.replace(/^/, 'v1/'))).toBe('<svg/>');
  });

  it('keeps the assets of the version the pages named before and deletes older ones', async () => {
    const store = new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-props-bucket-')));
    const opts = { contentType: 'text/plain', cacheControl: 'x' };
    await store.put('v1/assets/000000000001/tonight.js', 'old', opts); // named by no page any more
    await store.put('v1/assets/000000000002/tonight.js', 'previous', opts);
    await store.put('v1/site.json', JSON.stringify({ version: '000000000002' }), opts);
    const site = loadSite(sources());
    const r = await publishSite(store, site);
    expect(r.assets_deleted).toBe(1);
    const versions = new Set((await store.list('v1/assets/')).map((p) => p.split('/')[2]));
    expect([...versions].sort()).toEqual(['000000000002', site.version].sort());
  });

  it("refreshes the manifest's export lists after a daily export, and writes nothing without a site", async () => {
    const store = new RecordingStore(new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-props-bucket-'))));
    const json = { contentType: 'application/json', cacheControl: 'x' };
    expect(await refreshSiteExports(store)).toBe(false); // no site published yet
    expect(store.puts.size).toBe(0);
    const site = loadSite(sources());
    await publishSite(store, site);
    await store.put('v1/results/2025-12-04.json', '{}', json);
    await store.put('v1/results/latest.json', '{}', json);
    await store.put('v1/performance/systems.json', '{}', json);
    expect(await refreshSiteExports(store)).toBe(true);
    const m = JSON.parse((await store.get('v1/site.json'))!) as SiteManifest;
    expect(m.exports).toEqual({
      performance: ['performance/systems.json'],
      results: ['results/2025-12-04.json', 'results/latest.json'],
    });
    expect(m.version).toBe(site.version); // the rest of the manifest is kept
    expect(store.puts.get('v1/site.json')).toEqual(putOptionsOf('site.json', false)); // short-cached
  });
});
