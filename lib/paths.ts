/**
 * Locations of the files shipped with the package (data/, models/), found from the package root so
 * they resolve the same from `lib/` under ts-jest and from `dist/lib/` when compiled.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding this package's package.json. */
export function packageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package root not found above ${start}`);
    dir = up;
  }
}

/** Absolute path of a file under the shipped `data/` folder. */
export function dataFile(name: string): string {
  return join(packageRoot(), 'data', name);
}
