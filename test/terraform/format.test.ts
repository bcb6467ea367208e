/**
 * Every Terraform file parses and is formatted: `@cdktf/hcl2json` (HashiCorp's HCL parser) and
 * `@cdktf/hcl-tools` (hclwrite, what `terraform fmt` uses) run everywhere; `terraform fmt -check`
 * also runs where a terraform binary is on PATH. `terraform validate` needs the google provider,
 * which cannot be downloaded on these machines, so the other files of this folder stand in for it.
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

function terraformBinary(): string | undefined {
  const probe = spawnSync('terraform', ['version'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  return probe.status === 0 ? 'terraform' : undefined;
}

const tf = terraformBinary();
if (!tf) {
  console.warn('terraform fmt -check skipped: no terraform binary on PATH (the hcl-tools check still ran)');
}

describe('terraform files', () => {
  it('are the files of one module split by concern', () => {
    expect(hclFiles).toEqual(
      expect.arrayContaining([
        'variables.tf',
        'apis.tf',
        'source.tf',
        'functions.tf',
        'iam.tf',
        'pubsub.tf',
        'bigquery.tf',
        'storage.tf',
        'scheduler.tf',
        'log_metrics.tf',
        'alerts.tf',
        'outputs.tf',
      ]),
    );
  });

  it.each(hclFiles)('%s parses', async (name) => {
    const json = await parse(name, readFileSync(join(TERRAFORM_DIR, name), 'utf8'));
    expect(Object.keys(json).length).toBeGreaterThan(0);
  });

  it.each(hclFiles)('%s is formatted (hclwrite)', async (name) => {
    const src = readFileSync(join(TERRAFORM_DIR, name), 'utf8');
    expect(await format(src)).toBe(src);
  });

  (tf ? it : it.skip)('pass terraform fmt -check', () => {
    const run = spawnSync(tf ?? 'terraform', ['fmt', '-check', '-diff', '-recursive', TERRAFORM_DIR], {
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    expect({ status: run.status, diff: run.stdout }).toEqual({ status: 0, diff: '' });
  });

  it('include a dead-letter script bash can parse', () => {
    const run = spawnSync('bash', ['-n', join(TERRAFORM_DIR, 'scripts', 'attach-dead-letter.sh')], {
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
