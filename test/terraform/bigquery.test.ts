/**
 * BigQuery against lib/warehouse: the schema files Terraform reads are what
 * scripts/gen-bq-schemas.ts generates from lib/warehouse/schema.ts right now, every owned table
 * exists with the partitioning and clustering of its spec, and every dataset name goes through the
 * dataset prefix. Staging tables are left to the code (created with an expiration).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config';
import { OWNED_TABLES, OWNED_VIEWS, UPSTREAM_TABLES } from '../../lib/warehouse/schema';
import { DATASETS, STAGING_PREFIX, physicalTable, replaceTableTokens } from '../../lib/warehouse/tables';
import { SCHEMA_DIR, bqSchemaFiles } from '../../scripts/gen-bq-schemas';
import { Ref, show, type Value } from './hcl-eval';
import {
  TERRAFORM_DIR,
  TEST_VARIABLES,
  block,
  field,
  loadTerraform,
  terraform,
  type Instance,
  type TerraformModel,
} from './terraform-model';

const PREFIX = show(TEST_VARIABLES.dataset_prefix);

let model: TerraformModel;
let tables: Instance[];
beforeAll(async () => {
  model = await terraform();
  tables = model.instances('google_bigquery_table');
});

function tableFor(name: string): Instance {
  const found = tables.filter((t) => t.attrs.table_id === name);
  if (found.length !== 1) throw new Error(`${found.length} google_bigquery_table for ${name}`);
  return found[0];
}

describe('BigQuery', () => {
  it('reads schema files that are up to date with lib/warehouse/schema.ts', () => {
    expect(SCHEMA_DIR).toBe(join(TERRAFORM_DIR, 'schemas'));
    const expected = bqSchemaFiles();
    const onDisk = readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.json') || n.endsWith('.sql'));
    const stale = [...new Set([...expected.keys(), ...onDisk])].filter((name) => {
      const disk = onDisk.includes(name) ? readFileSync(join(SCHEMA_DIR, name), 'utf8') : undefined;
      return disk !== expected.get(name);
    });
    if (stale.length > 0) {
      throw new Error(
        `terraform/schemas is out of date (${stale.join(', ')}): run npx ts-node --transpile-only scripts/gen-bq-schemas.ts`,
      );
    }
  });

  it('declares exactly the owned tables and views, the declared upstream tables, and no staging table', () => {
    const isView = (t: Instance) => t.attrs.view !== undefined;
    expect(tables.filter((t) => !isView(t)).map((t) => t.attrs.table_id).sort()).toEqual(
      [...OWNED_TABLES, ...UPSTREAM_TABLES].map((s) => s.ref.table).sort(),
    );
    expect(tables.filter(isView).map((t) => t.attrs.table_id).sort()).toEqual(OWNED_VIEWS.map((v) => v.ref.table).sort());
    for (const t of tables) expect(show(t.attrs.table_id).startsWith(STAGING_PREFIX)).toBe(false);
  });

  it.each(OWNED_VIEWS.map((v) => [v.ref.table, v] as const))(
    'view %s runs the shared query on the prefixed, project-qualified tables',
    (name, view) => {
      const t = tableFor(name);
      expect(t.attrs.dataset_id).toBe(physicalTable(view.ref, PREFIX).dataset);
      const v = block(t.attrs.view, `${name} view`);
      expect(v.use_legacy_sql).toBe(false);
      const project = show(TEST_VARIABLES.project_id);
      const expected = replaceTableTokens(view.sql, (ref) => {
        const p = physicalTable(ref, PREFIX);
        return `\`${project}.${p.dataset}.${p.table}\``;
      });
      expect(show(v.query).trim()).toBe(expected.trim());
    },
  );

  it.each([...OWNED_TABLES, ...UPSTREAM_TABLES].map((s) => [s.ref.table, s] as const))('%s has the columns of its spec', (name, spec) => {
    const schema = tableFor(name).attrs.schema;
    if (typeof schema !== 'string') throw new Error(`${name}: schema is not read from a file: ${show(schema)}`);
    const columns = (JSON.parse(schema) as { name: string; type: string; mode: string }[]).map((c) => [
      c.name,
      c.type,
      c.mode,
    ]);
    expect(columns).toEqual(spec.columns.map((c) => [c.name, c.type, c.mode]));
  });

  it.each([...OWNED_TABLES, ...UPSTREAM_TABLES].map((s) => [s.ref.table, s] as const))(
    '%s is in its prefixed dataset with its partitioning and clustering',
    (name, spec) => {
      const t = tableFor(name);
      expect(t.attrs.dataset_id).toBe(physicalTable(spec.ref, PREFIX).dataset);
      expect(t.attrs.clustering).toEqual(spec.clusterBy ? [...spec.clusterBy] : null);
      const partitioning = block(field(t.attrs.dynamic, 'time_partitioning'), `${name} time_partitioning`);
      const fields: Value = partitioning.for_each ?? null;
      expect(fields).toEqual(spec.partitionBy ? [spec.partitionBy] : []);
      expect(block(partitioning.content, name)).toEqual({ type: 'DAY', field: new Ref('time_partitioning.value') });
      expect(spec.expirationHours).toBeUndefined();
      expect(t.attrs.deletion_protection).toBe(true);
    },
  );

  it('creates every dataset of lib/warehouse/tables.ts behind the prefix', () => {
    const datasets = model.instances('google_bigquery_dataset').map((d) => d.attrs.dataset_id);
    expect(datasets.sort()).toEqual(Object.values(DATASETS).map((d) => `${PREFIX}${d}`).sort());
    for (const d of model.instances('google_bigquery_dataset')) expect(d.attrs.location).toBe('us-west2');
  });

  it('leaves the upstream datasets alone when another stack owns them', async () => {
    const shared = await loadTerraform(TERRAFORM_DIR, { ...TEST_VARIABLES, manage_upstream_datasets: false });
    expect(shared.instances('google_bigquery_dataset').map((d) => d.attrs.dataset_id)).toEqual([
      `${PREFIX}${DATASETS.predictions}`,
    ]);
    const sharedTables = shared.instances('google_bigquery_table').map((t) => t.attrs.table_id);
    expect(sharedTables).not.toContain('nbac_injury_report');
    expect(sharedTables).toContain('player_prop_predictions');
  });

  it.each([
    ['prod', ''],
    ['prod', 'test_'],
    ['test', 'test_'],
    ['test', ''],
    ['dev', 'dev_'],
  ])('refuses environment=%s with prefix "%s" exactly when lib/config.ts does', async (environment, prefix) => {
    const m = await loadTerraform(TERRAFORM_DIR, { ...TEST_VARIABLES, environment, dataset_prefix: prefix });
    const [dataset] = m.instances('google_bigquery_dataset', 'predictions');
    const conditions = (block(dataset?.attrs.lifecycle, 'lifecycle').precondition as { condition: Value }[]).map(
      (p) => p.condition,
    );
    const planOk = conditions.every((c) => c === true);
    let codeOk = true;
    try {
      parseConfig({ NBA_ENVIRONMENT: environment, NBA_DATASET_PREFIX: prefix });
    } catch {
      codeOk = false;
    }
    expect(planOk).toBe(codeOk);
  });
});
