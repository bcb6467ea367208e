/**
 * The Cloud Storage adapter with the REAL @google-cloud/storage client pointed at a local endpoint
 * that stores uploads in memory and serves them back (GCS JSON API: multipart upload, media
 * download, object resources with crc32c/md5Hash so the client's upload validation runs). No
 * network beyond 127.0.0.1, no credentials (the client sends none to a custom endpoint).
 *
 * What it proves: exports arrive as UTF-8 with `application/json; charset=utf-8` and the
 * Cache-Control passed in; `get` round-trips accents; a missing object is null; a 503 is a
 * RetryableError and so is a 403 (IAM propagating), each naming the object; only a path the adapter
 * refuses before any request (over 1024 bytes) is a PermanentError.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRC32C, Storage } from '@google-cloud/storage';
import { PermanentError, RetryableError } from '../../lib/errors';
import { GcsObjectStore } from '../../lib/store/gcs';

interface StoredObject {
  name: string;
  data: Buffer;
  metadata: Record<string, unknown>;
}

const objects = new Map<string, StoredObject>();
const uploads: Array<{ name: string; metadata: Record<string, unknown>; authorization?: string }> = [];
let failNext: { status: number; reason: string } | null = null;
let server: Server;
let endpoint = '';

function crc32c(data: Buffer): string {
  const c = new CRC32C();
  c.update(data);
  return c.toString();
}

function resource(o: StoredObject, bucket: string) {
  return {
    kind: 'storage#object',
    bucket,
    name: o.name,
    id: `${bucket}/${o.name}/1`,
    generation: '1',
    size: String(o.data.length),
    contentType: o.metadata.contentType,
    cacheControl: o.metadata.cacheControl,
    crc32c: crc32c(o.data),
    md5Hash: createHash('md5').update(o.data).digest('base64'),
  };
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Splits multipart/related into parts of {headers, body}. */
function parts(body: Buffer, contentType: string): Array<{ headers: string; body: Buffer }> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2] ?? '';
  const text = body.toString('latin1');
  return text
    .split(`--${boundary}`)
    .filter((p) => p.trim() !== '' && !p.startsWith('--'))
    .map((p) => {
      const sep = p.indexOf('\r\n\r\n');
      return {
        headers: p.slice(0, sep),
        body: Buffer.from(p.slice(sep + 4).replace(/\r\n$/, ''), 'latin1'),
      };
    });
}

function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (failNext) {
    const f = failNext;
    failNext = null;
    json(res, f.status, {
      error: { code: f.status, message: f.reason, errors: [{ reason: f.reason, message: f.reason }] },
    });
    return;
  }
  let m: RegExpExecArray | null;
  if (req.method === 'POST' && (m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname))) {
    const [meta, media] = parts(body, String(req.headers['content-type']));
    const metadata = JSON.parse(meta.body.toString('utf8')) as Record<string, unknown>;
    const name = String(url.searchParams.get('name') ?? metadata.name);
    uploads.push({ name, metadata, authorization: req.headers.authorization });
    const o = { name, data: media.body, metadata };
    objects.set(name, o);
    json(res, 200, resource(o, m[1]));
    return;
  }
  if (req.method === 'GET' && (m = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname))) {
    const o = objects.get(decodeURIComponent(m[2]));
    if (!o) {
      json(res, 404, { error: { code: 404, message: 'No such object', errors: [{ reason: 'notFound' }] } });
      return;
    }
    if (url.searchParams.get('alt') === 'media') {
      res.writeHead(200, { 'content-type': String(o.metadata.contentType), 'content-length': o.data.length });
      res.end(o.data);
      return;
    }
    json(res, 200, resource(o, m[1]));
    return;
  }
  if (req.method === 'GET' && (m = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname))) {
    const prefix = url.searchParams.get('prefix') ?? '';
    const bucket = m[1];
    const items = [...objects.values()]
      .filter((o) => o.name.startsWith(prefix))
      .map((o) => resource(o, bucket));
    json(res, 200, { kind: 'storage#objects', items });
    return;
  }
  if (req.method === 'DELETE' && (m = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname))) {
    const name = decodeURIComponent(m[2]);
    if (!objects.delete(name)) {
      json(res, 404, { error: { code: 404, message: 'No such object', errors: [{ reason: 'notFound' }] } });
      return;
    }
    res.writeHead(204);
    res.end();
    return;
  }
  json(res, 400, { error: { code: 400, message: `fake GCS: unhandled ${req.method} ${url.pathname}` } });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function store(): GcsObjectStore {
  const client = new Storage({
    projectId: 'demo-project',
    apiEndpoint: endpoint,
    retryOptions: { autoRetry: false },
  });
  return new GcsObjectStore({ bucket: 'nba-props-exports', client });
}

describe('GcsObjectStore', () => {
  it('uploads UTF-8 JSON with the content type and Cache-Control of the export, and reads it back', async () => {
    const doc = JSON.stringify({ players: [{ name: 'Nikola Jokić' }, { name: 'Luka Dončić' }] }) + '\n';
    const uri = await store().put('v1/tonight/all-players.json', doc, {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=300',
    });
    expect(uri).toBe('gs://nba-props-exports/v1/tonight/all-players.json');
    const up = uploads[uploads.length - 1];
    expect(up.name).toBe('v1/tonight/all-players.json');
    expect(up.metadata).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=300',
    });
    expect(up.authorization).toBeUndefined();
    const stored = objects.get('v1/tonight/all-players.json');
    expect(stored?.data.toString('utf8')).toBe(doc);
    expect(stored?.data.includes(Buffer.from('Jokić', 'utf8'))).toBe(true);
    expect(await store().get('v1/tonight/all-players.json')).toBe(doc);
  });

  it('returns null for an object that does not exist', async () => {
    expect(await store().get('v1/tonight/player/nobody.json')).toBeNull();
  });

  it('maps 503 and 403 (IAM still propagating) to RetryableError, naming the object', async () => {
    const opts = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' };
    failNext = { status: 503, reason: 'backendError' };
    const transient = await store()
      .put('v1/predictions/today.json', '{}', opts)
      .catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(RetryableError);
    expect((transient as Error).message).toContain('gs://nba-props-exports/v1/predictions/today.json');
    failNext = { status: 403, reason: 'forbidden' };
    const denied = await store()
      .put('v1/predictions/today.json', '{}', opts)
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(RetryableError);
    expect(denied).toMatchObject({ code: 'GCS_ACCESS_DENIED' });
    expect((denied as Error).message).toContain('gs://nba-props-exports/v1/predictions/today.json');
  });

  it('refuses an object name over 1024 bytes before any request, as a permanent error', async () => {
    const opts = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' };
    const long = `v1/tonight/player/${'a'.repeat(10_000)}.json`;
    const err = await store()
      .put(long, '{}', opts)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'BAD_OBJECT_PATH' });
    expect((err as Error).message).toContain('is over 1024 bytes');
  });

  it('lists objects under a prefix and deletes one (a missing one is not an error)', async () => {
    const opts = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' };
    await store().put('v1/tonight/player/a.json', '{}', opts);
    await store().put('v1/tonight/player/b.json', '{}', opts);
    expect(await store().list('v1/tonight/player/')).toEqual([
      'v1/tonight/player/a.json',
      'v1/tonight/player/b.json',
    ]);
    await store().delete('v1/tonight/player/a.json');
    await store().delete('v1/tonight/player/a.json');
    expect(await store().list('v1/tonight/player/')).toEqual(['v1/tonight/player/b.json']);
  });

  it('refuses a path that could escape the export prefix', async () => {
    await expect(
      store().put('../secrets.json', '{}', { contentType: 'a', cacheControl: 'b' }),
    ).rejects.toMatchObject({
      code: 'BAD_OBJECT_PATH',
    });
  });
});
