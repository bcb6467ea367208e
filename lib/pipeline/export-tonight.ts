/** Moved to lib/export/paths.ts; kept until its last importers follow. */
export { EXPORT_PATHS } from '../export/paths';
