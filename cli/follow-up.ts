/**
 * The follow-up commands the CLI prints (`npm run cli -- consolidate --batch ...`, `npm start --
 * --date ...`): typed in the same checkout, each must reach the same local folder, so a session on a
 * folder other than the default carries `--local-dir <folder>` in every hint.
 */
import { resolve } from 'node:path';

/** The local folder when neither --local-dir nor NBA_LOCAL_DIR is given (lib/config.ts). */
export const DEFAULT_LOCAL_DIR = '.local';

/** Quotes a shell word when it holds anything but letters, digits and `_ . / - : = ,`. */
export function shellWord(word: string): string {
  return /^[\w./:=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command to type from the repo, e.g. `npm run cli -- --local-dir /tmp/x consolidate --batch b1`.
 * @param script `cli` (`npm run cli -- <args>`) or `start` (`npm start -- <args>`, the `run` command).
 * @param args the command's words after `--`, e.g. `consolidate --batch b1` (already shell-safe).
 * @param localDir the session's local folder (config `localDir`); left out when it is the default
 *   `.local` of the current directory.
 * @returns `npm start` alone when there are no words at all.
 */
export function followUp(script: 'cli' | 'start', args: string, localDir: string): string {
  const npm = script === 'start' ? 'npm start' : 'npm run cli';
  const dir = resolve(localDir) === resolve(DEFAULT_LOCAL_DIR) ? [] : [`--local-dir ${shellWord(localDir)}`];
  const words = [...dir, ...(args === '' ? [] : [args])];
  return words.length === 0 ? npm : `${npm} -- ${words.join(' ')}`;
}
