/**
 * Content-Type and Cache-Control of every object the pages publish, one table shared by the upload
 * (Cloud Storage or the local folder, through the ObjectStore port) and the local `nba-props view`
 * server, so the page behaves the same on both.
 */
import { extname } from 'node:path';
import type { PutOptions } from '../store/port';

/** Content types by file extension (lower case, with the dot). Source: IANA media types. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

/** Content type of anything not in {@link CONTENT_TYPES}. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Cache lifetimes, seconds. Pages and the site manifest change with every export and share the
 * JSON's 5 minutes (DESIGN §5); files under a content-hash folder never change, so a year and
 * `immutable` (RFC 8246).
 */
export const CACHE_SECONDS = { page: 300, versioned: 31_536_000 } as const;

/** Cache-Control of a page (HTML, `site.json`). */
export const PAGE_CACHE_CONTROL = `public, max-age=${CACHE_SECONDS.page}`;

/** Cache-Control of a file under `v1/assets/<version>/`. */
export const VERSIONED_CACHE_CONTROL = `public, max-age=${CACHE_SECONDS.versioned}, immutable`;

/** Content type of an object path by its extension, e.g. `v1/index.html` -> `text/html; charset=utf-8`. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/** Upload metadata of a page object (`versioned`: it lives under a content-hash folder). */
export function putOptionsOf(path: string, versioned: boolean): PutOptions {
  return {
    contentType: contentTypeOf(path),
    cacheControl: versioned ? VERSIONED_CACHE_CONTROL : PAGE_CACHE_CONTROL,
  };
}
