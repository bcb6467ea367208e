/**
 * Least privilege: publish rights exactly as lib/topics.ts PUBLISHES, BigQuery data access only on
 * the (prefixed) datasets of lib/warehouse/tables.ts with the upstream ones read-only, object
 * rights only for the exporter on the export bucket, invocation only by the Pub/Sub invoker, and
 * nothing public except reads of the exported prefix.
 */
import { FUNCTION_NAMES, PUBLISHES, type FunctionName } from '../../lib/topics';
import { DATASETS } from '../../lib/warehouse/tables';
import { Ref, show, type Value } from './hcl-eval';
import { TEST_VARIABLES, block, terraform, type Instance, type TerraformModel } from './terraform-model';

const PUBLIC = ['allUsers', 'allAuthenticatedUsers'];
const functionMember = (fn: string) => `serviceAccount:\${google_service_account.function["${fn}"].email}`;
const TRIGGER_MEMBER = 'serviceAccount:${google_service_account.trigger.email}';
const prefixed = (dataset: string) => `${show(TEST_VARIABLES.dataset_prefix)}${dataset}`;

let model: TerraformModel;
let all: Instance[];
beforeAll(async () => {
  model = await terraform();
  all = model.allInstances();
});

/** Every (instance, member) an IAM resource grants. */
function grants(): { i: Instance; member: Value }[] {
  return all.flatMap((i) => {
    const members: Value[] = [];
    if ('member' in i.attrs) members.push(i.attrs.member ?? null);
    if (Array.isArray(i.attrs.members)) members.push(...i.attrs.members);
    return members.map((member) => ({ i, member }));
  });
}

/** The function whose service account a member string names, if any. */
function functionOf(member: Value): FunctionName | undefined {
  return FUNCTION_NAMES.find((fn) => member === functionMember(fn));
}

describe('IAM', () => {
  it('grants nothing to the public except reads of the exported prefix', () => {
    const publicGrants = grants()
      .filter((g) => typeof g.member === 'string' && PUBLIC.includes(g.member))
      .map((g) => ({ address: g.i.address, role: g.i.attrs.role, member: g.member }));
    expect(publicGrants).toEqual([
      {
        address: 'google_storage_managed_folder_iam_member.public_read',
        role: 'roles/storage.objectViewer',
        member: 'allUsers',
      },
    ]);
  });

  it('names no public principal in any other attribute either', () => {
    const mentions = all.filter((i) => PUBLIC.some((p) => JSON.stringify(i.attrs).includes(p))).map((i) => i.address);
    expect(mentions).toEqual(['google_storage_managed_folder_iam_member.public_read']);
  });

  it('lets only the Pub/Sub invoker invoke the functions, each on its own service', () => {
    const invokerGrants = all.filter(
      (i) =>
        /^google_(cloud_run|cloud_run_v2|cloudfunctions2?)_(service|function)_iam_(member|binding|policy)$/.test(i.type) ||
        i.attrs.role === 'roles/run.invoker' ||
        i.attrs.role === 'roles/cloudfunctions.invoker',
    );
    const functionNames = new Map<string | undefined, Value | undefined>(
      model.instances('google_cloudfunctions2_function').map((f) => [f.key, f.attrs.name]),
    );
    expect(
      invokerGrants.map((g) => ({ type: g.type, service: g.attrs.service, role: g.attrs.role, member: g.attrs.member })),
    ).toEqual(
      [...FUNCTION_NAMES].sort().map((fn) => ({
        type: 'google_cloud_run_service_iam_member',
        service: functionNames.get(fn),
        role: 'roles/run.invoker',
        member: TRIGGER_MEMBER,
      })),
    );
  });

  it('lets each function publish to exactly the topics PUBLISHES lists', () => {
    const granted = grants()
      .filter((g) => g.i.attrs.role === 'roles/pubsub.publisher' && functionOf(g.member))
      .map((g) => `${functionOf(g.member)} -> ${show(g.i.attrs.topic)}`)
      .sort();
    const expected = FUNCTION_NAMES.flatMap((fn) => PUBLISHES[fn].map((t) => `${fn} -> ${t}`)).sort();
    expect(granted).toEqual(expected);
  });

  it('grants functions no project-wide role but BigQuery jobUser', () => {
    const projectRoles = all
      .filter((i) => i.type === 'google_project_iam_member' || i.type === 'google_project_iam_binding')
      .flatMap((i) => grants().filter((g) => g.i === i))
      .filter((g) => functionOf(g.member) || g.member === TRIGGER_MEMBER)
      .map((g) => `${functionOf(g.member) ?? 'trigger'}: ${show(g.i.attrs.role)}`)
      .sort();
    expect(projectRoles).toEqual(FUNCTION_NAMES.map((fn) => `${fn}: roles/bigquery.jobUser`).sort());
  });

  it('gives data access only on prefixed datasets, read-only on the upstream ones', () => {
    const access = model.instances('google_bigquery_dataset_iam_member');
    const known = Object.values(DATASETS).map(prefixed);
    for (const a of access) {
      expect(known).toContain(a.attrs.dataset_id);
      expect(['roles/bigquery.dataViewer', 'roles/bigquery.dataEditor']).toContain(a.attrs.role);
      if (a.attrs.dataset_id !== prefixed(DATASETS.predictions)) expect(a.attrs.role).toBe('roles/bigquery.dataViewer');
      expect(FUNCTION_NAMES).toContain(functionOf(a.attrs.member ?? null)); // granted to a function's own account
    }
    // Every function reads or writes prediction_batches / staging in nba_predictions.
    const editors = access
      .filter((a) => a.attrs.dataset_id === prefixed(DATASETS.predictions) && a.attrs.role === 'roles/bigquery.dataEditor')
      .map((a) => functionOf(a.attrs.member ?? null))
      .sort();
    expect(editors).toEqual([...FUNCTION_NAMES].sort());
  });

  it('lets the exporter read the box scores it grades against, and write only its own dataset', () => {
    const access = model
      .instances('google_bigquery_dataset_iam_member')
      .filter((a) => functionOf(a.attrs.member ?? null) === 'exportTonight')
      .map((a) => `${show(a.attrs.dataset_id)} ${show(a.attrs.role)}`)
      .sort();
    expect(access).toEqual([
      `${prefixed(DATASETS.analytics)} roles/bigquery.dataViewer`,
      `${prefixed(DATASETS.predictions)} roles/bigquery.dataEditor`,
      `${prefixed(DATASETS.raw)} roles/bigquery.dataViewer`,
    ]);
  });

  it('lets only exportTonight write objects, and only in the export bucket', () => {
    const objectGrants = grants()
      .filter((g) => typeof g.i.attrs.role === 'string' && g.i.attrs.role.startsWith('roles/storage.object'))
      .filter((g) => !PUBLIC.includes(show(g.member)))
      .map((g) => ({ type: g.i.type, bucket: g.i.attrs.bucket, role: g.i.attrs.role, fn: functionOf(g.member) }));
    expect(objectGrants).toEqual([
      {
        type: 'google_storage_bucket_iam_member',
        bucket: TEST_VARIABLES.export_bucket,
        role: 'roles/storage.objectAdmin',
        fn: 'exportTonight',
      },
    ]);
  });

  it('gives every function its own valid service account id', () => {
    const accounts = model.instances('google_service_account', 'function');
    expect(accounts.map((a) => a.key).sort()).toEqual([...FUNCTION_NAMES].sort());
    const ids = accounts.map((a) => a.attrs.account_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
  });

  it('signs pushes with an invoker identity the functions do not run as', () => {
    const runtime = model
      .instances('google_cloudfunctions2_function')
      .map((f) => block(f.attrs.service_config, f.address).service_account_email);
    expect(runtime).not.toContainEqual(new Ref('google_service_account.trigger.email'));
  });
});
