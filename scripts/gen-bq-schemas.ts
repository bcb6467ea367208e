/**
 * Generates the BigQuery schema files Terraform creates the owned tables with, from the same column
 * definitions the code uses (lib/warehouse/schema.ts OWNED_TABLES), so a column cannot exist in one
 * and not the other:
 *
 * - `terraform/schemas/<table>.json`: the table's columns (name, type, mode, description), in order;
 * - `terraform/schemas/owned_tables.json`: each table's dataset, partitioning and clustering;
 * - `terraform/schemas/upstream_tables.json` (+ `<table>.json`): the upstream tables whose schema
 *   this product declares (lib/warehouse/schema.ts UPSTREAM_TABLES), created with the upstream datasets;
 * - `terraform/schemas/<view>.view.sql` and `owned_views.json`: the query of each owned view
 *   (lib/warehouse/schema.ts OWNED_VIEWS), its table tokens rendered as
 *   `` `${project_id}.${dataset_prefix}<dataset>.<table>` `` for Terraform's templatefile().
 *
 * Run after changing lib/warehouse/schema.ts (test/terraform/bigquery.test.ts fails until you do):
 *
 *     npx ts-node --transpile-only scripts/gen-bq-schemas.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OWNED_TABLES,
  OWNED_VIEWS,
  UPSTREAM_TABLES,
  type TableSpec,
  type ViewSpec,
} from '../lib/warehouse/schema';
import { replaceTableTokens } from '../lib/warehouse/tables';

/** Folder of the generated files. */
export const SCHEMA_DIR = join(__dirname, '..', 'terraform', 'schemas');

/** Name of the layout file (partitioning and clustering of every owned table). */
export const LAYOUT_FILE = 'owned_tables.json';

/** Name of the layout file of the upstream tables Terraform creates with the upstream datasets. */
export const UPSTREAM_LAYOUT_FILE = 'upstream_tables.json';

/** Name of the views file (dataset and query file of every owned view). */
export const VIEWS_FILE = 'owned_views.json';

/** How Terraform creates one owned view. */
export interface ViewLayout {
  dataset: string;
  query_file: string;
}

/** The view's query as a Terraform template: tokens become `${project_id}.${dataset_prefix}` names. */
export function viewTemplate(view: ViewSpec): string {
  const body = replaceTableTokens(
    view.sql,
    (ref) => `\`\${project_id}.\${dataset_prefix}${ref.dataset}.${ref.table}\``,
  );
  return body.trim() + '\n';
}

/** One BigQuery schema field as `google_bigquery_table.schema` takes it. */
export interface BqField {
  name: string;
  type: string;
  mode: string;
  description: string;
}

/** How Terraform lays out one owned table. */
export interface TableLayout {
  dataset: string;
  partition_field: string | null;
  clustering: string[] | null;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** The BigQuery schema of a table (column types are BigQuery's own names, as in schema.ts). */
export function bqSchema(spec: TableSpec): BqField[] {
  return spec.columns.map((c) => ({ name: c.name, type: c.type, mode: c.mode, description: c.description }));
}

/** The layout of a table. Owned tables never expire, so a spec with an expiration is refused. */
export function tableLayout(spec: TableSpec): TableLayout {
  if (spec.expirationHours !== undefined) {
    throw new Error(`${spec.ref.table}: owned tables have no expiration (only staging tables do)`);
  }
  return {
    dataset: spec.ref.dataset,
    partition_field: spec.partitionBy ?? null,
    clustering: spec.clusterBy ? [...spec.clusterBy] : null,
  };
}

/** File name -> content of every generated file. */
export function bqSchemaFiles(
  tables: readonly TableSpec[] = OWNED_TABLES,
  views: readonly ViewSpec[] = OWNED_VIEWS,
  upstream: readonly TableSpec[] = UPSTREAM_TABLES,
): Map<string, string> {
  const files = new Map<string, string>();
  const layout: Record<string, TableLayout> = {};
  for (const spec of tables) {
    files.set(`${spec.ref.table}.json`, json(bqSchema(spec)));
    layout[spec.ref.table] = tableLayout(spec);
  }
  files.set(LAYOUT_FILE, json(layout));
  const viewLayout: Record<string, ViewLayout> = {};
  for (const view of views) {
    const queryFile = `${view.ref.table}.view.sql`;
    files.set(queryFile, viewTemplate(view));
    viewLayout[view.ref.table] = { dataset: view.ref.dataset, query_file: queryFile };
  }
  files.set(VIEWS_FILE, json(viewLayout));
  const upstreamLayout: Record<string, TableLayout> = {};
  for (const spec of upstream) {
    files.set(`${spec.ref.table}.json`, json(bqSchema(spec)));
    upstreamLayout[spec.ref.table] = tableLayout(spec);
  }
  files.set(UPSTREAM_LAYOUT_FILE, json(upstreamLayout));
  return files;
}

/** Writes the files into `dir` and removes any other `.json` there (a dropped table). Returns the names. */
export function writeBqSchemas(dir: string = SCHEMA_DIR): string[] {
  const files = bqSchemaFiles();
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if ((name.endsWith('.json') || name.endsWith('.sql')) && !files.has(name)) rmSync(join(dir, name));
  }
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return [...files.keys()];
}

if (require.main === module) {
  for (const name of writeBqSchemas()) process.stdout.write(`wrote terraform/schemas/${name}\n`);
}
