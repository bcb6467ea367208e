/**
 * Every Terraform file parses and is formatted: `@cdktf/hcl2json` (HashiCorp's HCL parser) and
 * `@cdktf/hcl-tools` (hclwrite, the formatter `terraform fmt` runs), so the check needs no
 * terraform binary. `terraform validate` needs the google provider, which cannot be downloaded on
 * these machines, so the other files of this folder stand in for it. Each kind of resource lives
 * in the file of its concern.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { parse } from '@cdktf/hcl2json';
import { TERRAFORM_DIR } from './terraform-model';

const hclFiles = readdirSync(TERRAFORM_DIR)
  .filter((n) => n.endsWith('.tf') || n.endsWith('.tfvars'))
  .sort();

/** The resource types declared in a file (its top-level `resource` blocks). */
async function resourceTypes(name: string): Promise<string[]> {
  const json = (await parse(name, readFileSync(join(TERRAFORM_DIR, name), 'utf8'))) as {
    resource?: Record<string, unknown>;
  };
  return Object.keys(json.resource ?? {});
}

/** Resource type -> the one file that declares it. */
const HOME: Record<string, string> = {
  google_cloudfunctions2_function: 'functions.tf',
  google_pubsub_topic: 'pubsub.tf',
  google_pubsub_subscription: 'pubsub.tf',
  google_bigquery_dataset: 'bigquery.tf',
  google_bigquery_table: 'bigquery.tf',
  google_cloud_scheduler_job: 'scheduler.tf',
  google_logging_metric: 'log_metrics.tf',
  google_monitoring_alert_policy: 'alerts.tf',
  google_project_service: 'apis.tf',
  google_service_account: 'service_accounts.tf',
  google_project_iam_member: 'iam.tf',
  google_storage_bucket_object: 'source.tf',
};

describe('terraform files', () => {
  it('declare each kind of resource in the file of its concern', async () => {
    const declaredIn = new Map<string, string[]>();
    for (const name of hclFiles) {
      for (const type of await resourceTypes(name)) declaredIn.set(type, [...(declaredIn.get(type) ?? []), name]);
    }
    for (const [type, file] of Object.entries(HOME)) expect([type, declaredIn.get(type)]).toEqual([type, [file]]);
  });

  it.each(hclFiles)('%s parses', async (name) => {
    const json = await parse(name, readFileSync(join(TERRAFORM_DIR, name), 'utf8'));
    expect(Object.keys(json).length).toBeGreaterThan(0);
  });

  it.each(hclFiles)('%s is formatted (hclwrite)', async (name) => {
    const src = readFileSync(join(TERRAFORM_DIR, name), 'utf8');
    expect(await format(src)).toBe(src);
  });

  it('include a dead-letter script bash can parse', () => {
    const run = spawnSync('bash', ['-n', join(TERRAFORM_DIR, 'scripts', 'attach-dead-letter.sh')], {
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
