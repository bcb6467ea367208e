/** Moved to lib/data/batches.ts; kept until its last importers follow. */
export * from '../data/batches';
