/**
 * Writes the JSON Schema (draft 2020-12) of every exported document to `docs/schemas/<name>.json`,
 * from the zod schemas the exporter validates each document with before writing it
 * (lib/export/schemas/index.ts EXPORT_DOCUMENTS), so the front end reads the same contract the
 * code enforces. Run after changing a schema (test/unit/export-schemas.test.ts fails until you do):
 *
 *     npx ts-node --transpile-only scripts/gen-export-schemas.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_DOCUMENTS, exportJsonSchema, type ExportDocumentName } from '../lib/export/schemas';

/** Folder of the generated files. */
export const EXPORT_SCHEMA_DIR = join(__dirname, '..', 'docs', 'schemas');

/** The files as they should be: name -> text. */
export function exportSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(EXPORT_DOCUMENTS) as ExportDocumentName[]) {
    files.set(`${name}.json`, JSON.stringify(exportJsonSchema(name), null, 2) + '\n');
  }
  return files;
}

if (require.main === module) {
  mkdirSync(EXPORT_SCHEMA_DIR, { recursive: true });
  const files = exportSchemaFiles();
  for (const f of readdirSync(EXPORT_SCHEMA_DIR)) {
    if (f.endsWith('.json') && !files.has(f)) rmSync(join(EXPORT_SCHEMA_DIR, f));
  }
  for (const [name, text] of files) writeFileSync(join(EXPORT_SCHEMA_DIR, name), text);
  process.stdout.write(`wrote ${files.size} schemas to docs/schemas/\n`);
}
