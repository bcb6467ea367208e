/**
 * Folder adapter of the object store port: `.local/bucket/<path>`. Writes go to a temporary file
 * that is renamed into place, so a reader never sees half a file.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PermanentError } from '../errors';
import type { ObjectStore, PutOptions } from './port';

/** Longest file or folder name most file systems accept, bytes (ext4, APFS, NTFS: 255). */
export const MAX_NAME_BYTES = 255;

/** Object store on a local folder. Metadata (content type, cache control) is not kept on disk. */
export class FsObjectStore implements ObjectStore {
  readonly root: string;
  /** Folders this store made or found, so a put of 250 player cards makes the folder once. */
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * The file of an object.
   * @throws PermanentError(`BAD_OBJECT_PATH`) for a path that escapes the folder or has a part
   *   longer than {@link MAX_NAME_BYTES} (the file system would refuse it with ENAMETOOLONG).
   */
  private pathOf(path: string): string {
    const long = path.split('/').find((part) => Buffer.byteLength(part, 'utf8') > MAX_NAME_BYTES);
    if (long !== undefined) {
      throw new PermanentError(
        'BAD_OBJECT_PATH',
        `object path "${path.slice(0, 80)}..." has a part of ${Buffer.byteLength(long, 'utf8')} bytes (at most ${MAX_NAME_BYTES})`,
      );
    }
    const full = resolve(join(this.root, path));
    if (!full.startsWith(this.root + sep)) {
      throw new PermanentError('BAD_OBJECT_PATH', `object path "${path}" escapes the bucket folder`);
    }
    return full;
  }

  async put(path: string, body: string, _options: PutOptions): Promise<string> {
    const full = this.pathOf(path);
    const folder = dirname(full);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const tmp = `${full}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      await writeFile(tmp, body, 'utf8').catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(folder, { recursive: true }); // the folder was removed behind our back
        await writeFile(tmp, body, 'utf8');
      });
      await rename(tmp, full);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return full;
  }

  async get(path: string): Promise<string | null> {
    try {
      return await readFile(this.pathOf(path), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    let names: string[];
    try {
      names = (await readdir(this.root, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile() && !d.name.endsWith('.tmp'))
        .map((d) => relative(this.root, join(d.parentPath, d.name)).split(sep).join('/'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names.filter((n) => n.startsWith(prefix)).sort();
  }

  async delete(path: string): Promise<void> {
    await rm(this.pathOf(path), { force: true });
  }
}
