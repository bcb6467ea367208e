/**
 * An output file of a long command (`backtest --out`) is checked before the work starts: its folder
 * is created and proven writable, so a bad path costs one sentence, not a whole replay.
 */
import { accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FS_REASONS } from './local-dir';

/**
 * Creates the folder of `file` when missing and proves it writable (a probe file written and
 * removed; an existing `file` must be a writable file). Returns null when it is, else the sentence
 * to print, e.g. "cannot write --out /tmp/f/x/bt.json: its folder lies under a file, not a folder;
 * nothing was run".
 */
export function outFileProblem(file: string): string | null {
  const out = resolve(file);
  try {
    mkdirSync(dirname(out), { recursive: true });
    const probe = join(dirname(out), `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    try {
      if (statSync(out).isDirectory()) return `cannot write --out ${out}: it is a folder; nothing was run`;
      accessSync(out, constants.W_OK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const reason = FS_REASONS[code] ?? `cannot be written (${code || String(err)})`;
    return `cannot write --out ${out}: its folder ${reason}; nothing was run`;
  }
}
