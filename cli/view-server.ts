/**
 * The local web server of `nba-props view`: serves a bucket folder (`.local/bucket`) on 127.0.0.1
 * with `serve-static` (the expressjs static file middleware: it refuses paths that climb out of the
 * folder with 403 and hides dotfiles), the content types the upload sets (lib/site/metadata.ts),
 * and `Cache-Control: no-cache` so a page reloaded after a new run shows the new export. GET and
 * HEAD only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import serveStatic from 'serve-static';
import { contentTypeOf } from '../lib/site/metadata';

/** Options of {@link startViewServer}. */
export interface ViewServerOptions {
  /** The bucket folder to serve. */
  root: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; default 127.0.0.1 (never all interfaces). */
  host?: string;
}

/** A running server. */
export interface ViewServer {
  /** The folder served (absolute). */
  root: string;
  /** e.g. `http://127.0.0.1:41234/` (the bucket root). */
  origin: string;
  /** Tonight's page, e.g. `http://127.0.0.1:41234/v1/`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Where `/` sends the browser. */
export const START_PATH = '/v1/';

function notFound(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.end(status === 404 ? 'not found\n' : `error ${status}\n`);
}

/** The request handler (exported for tests that drive it without a socket). */
export function viewHandler(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = serveStatic(resolve(root), {
    index: ['index.html'],
    dotfiles: 'ignore',
    fallthrough: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('Content-Type', contentTypeOf(path));
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      notFound(res, 405);
      return;
    }
    if (req.url === '/' || req.url === '') {
      res.statusCode = 302;
      res.setHeader('Location', START_PATH);
      res.end();
      return;
    }
    serve(req, res, (err?: { status?: number; statusCode?: number }) => {
      notFound(res, err?.status ?? err?.statusCode ?? 404);
    });
  };
}

/**
 * Starts serving `opts.root`. Resolves once listening.
 * @throws the listen error (e.g. EADDRINUSE for a fixed port that is taken).
 */
export function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer(viewHandler(opts.root));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://${host}:${port}/`;
      resolvePromise({
        root: resolve(opts.root),
        origin,
        url: `http://${host}:${port}${START_PATH}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
