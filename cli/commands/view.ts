/**
 * `nba-props view`: serves the local bucket (`<NBA_LOCAL_DIR>/bucket`) on 127.0.0.1 on a free port
 * (or `--port`), prints the URL of tonight's page and runs until Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from '../../lib/config';
import { followUp } from '../follow-up';
import { printError } from '../format';
import { startViewServer } from '../view-server';

/** Options of `view`. */
export interface ViewOptions {
  /** Folder to serve instead of `<NBA_LOCAL_DIR>/bucket`. */
  dir?: string;
  port?: number;
}

/** The folder `view` serves by default. */
export function defaultBucketDir(): string {
  return join(getConfig().localDir, 'bucket');
}

/**
 * Serves until SIGINT/SIGTERM; resolves with the exit code: 0 stopped, 1 the --port is in use (one
 * sentence), 2 no pages to serve.
 */
export async function viewCommand(opts: ViewOptions): Promise<number> {
  const root = opts.dir ?? defaultBucketDir();
  if (!existsSync(join(root, 'v1', 'index.html'))) {
    printError(`no pages in ${root}: run \`${followUp('start', '', getConfig().localDir)}\` first`);
    return 2;
  }
  let view;
  try {
    view = await startViewServer({ root, port: opts.port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    printError(
      `port ${opts.port ?? 0} on 127.0.0.1 is in use by another program: pick another with --port <port>, or leave --port out for a free one`,
    );
    return 1;
  }
  process.stdout.write(`serving ${root}\nopen ${view.url}  (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await view.close();
  process.stdout.write('stopped\n');
  return 0;
}
