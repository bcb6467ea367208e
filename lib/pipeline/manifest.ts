/** Moved to lib/data/manifest.ts; kept until its last importers follow. */
export * from '../data/manifest';
