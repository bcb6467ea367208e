/**
 * The `nba-props view` server on a real socket: content types of the upload, no-cache, `/` goes to
 * tonight's page, nothing outside the folder or hidden in it is served, and only GET/HEAD.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startViewServer, type ViewServer } from '../../cli/view-server';

let view: ViewServer;
let root: string;
const SECRET = 'not-for-the-browser';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nba-props-view-'));
  root = join(dir, 'bucket');
  const files: Record<string, string> = {
    'v1/index.html': '<!doctype html><title>Tonight</title>',
    'v1/assets/abc/tonight.js': 'export {};',
    'v1/assets/abc/chart.svg': '<svg/>',
    'v1/tonight/all-players.json': '{"game_date":"2025-12-05","name":"Nikola Jokić"}',
    'v1/.hidden.json': SECRET,
  };
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), body);
  }
  writeFileSync(join(dir, 'secret.txt'), SECRET); // beside the bucket folder, not in it
  view = await startViewServer({ root });
});
afterAll(() => view.close());

/** A raw request: the path is sent as written (no URL normalization by the client). */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(view.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('nba-props view server', () => {
  it('listens on 127.0.0.1 on a free port and sends / to tonight’s page', async () => {
    expect(view.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
    const res = await get('/');
    expect([res.status, res.headers.location]).toEqual([302, '/v1/']);
    const page = await get('/v1/');
    expect([page.status, page.headers['content-type'], page.body]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<!doctype html><title>Tonight</title>',
    ]);
  });

  it('serves each file with the content type of the upload and no-cache', async () => {
    const types = await Promise.all(
      ['v1/assets/abc/tonight.js', 'v1/assets/abc/chart.svg', 'v1/tonight/all-players.json'].map(
        async (p) => {
          const r = await get(`/${p}`);
          return [r.status, r.headers['content-type'], r.headers['cache-control']];
        },
      ),
    );
    expect(types).toEqual([
      [200, 'text/javascript; charset=utf-8', 'no-cache'],
      [200, 'image/svg+xml; charset=utf-8', 'no-cache'],
      [200, 'application/json; charset=utf-8', 'no-cache'],
    ]);
    expect((await get('/v1/tonight/all-players.json')).body).toContain('Nikola Jokić');
  });

  it('serves nothing outside the folder, no dotfile, and answers 404 for a missing file', async () => {
    for (const path of [
      '/../secret.txt',
      '/v1/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/v1/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
    ]) {
      const r = await get(path);
      expect({ path, status: r.status >= 400, leaked: r.body.includes(SECRET) }).toEqual({
        path,
        status: true,
        leaked: false,
      });
    }
    const hidden = await get('/v1/.hidden.json');
    expect([hidden.status, hidden.body.includes(SECRET)]).toEqual([404, false]);
    expect((await get('/v1/tonight/player/nobody.json')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const r = await get('/v1/index.html', 'POST');
    expect([r.status, r.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect((await get('/v1/index.html', 'HEAD')).status).toBe(200);
  });
});
