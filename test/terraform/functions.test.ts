/**
 * The five Cloud Functions against the code: one function resource per exported entry point
 * (lib/topics.ts FUNCTION_NAMES, registered by functions/<name>/index.ts), runtime nodejs22,
 * triggered by the topic it consumes (SUBSCRIBERS) with retries, and configured with environment
 * variables lib/config.ts accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config';
import { FUNCTION_NAMES, SUBSCRIBERS, type FunctionName, type TopicName } from '../../lib/topics';
import { Ref, show } from './hcl-eval';
import { TEST_VARIABLES, block, refKey, terraform, type Instance, type TerraformModel } from './terraform-model';

const ROOT = join(__dirname, '..', '..');

/** The topic a function consumes, from SUBSCRIBERS (topic -> consumer). */
function topicOf(fn: FunctionName): TopicName {
  const topics = (Object.keys(SUBSCRIBERS) as TopicName[]).filter((t) => SUBSCRIBERS[t] === fn);
  if (topics.length !== 1) throw new Error(`${fn} consumes ${topics.length} topics`);
  return topics[0];
}

let model: TerraformModel;
let functions: Instance[];

beforeAll(async () => {
  model = await terraform();
  functions = model.instances('google_cloudfunctions2_function');
});

const entryPoint = (f: Instance) => block(f.attrs.build_config, f.address).entry_point;
const service = (f: Instance) => block(f.attrs.service_config, f.address);
const trigger = (f: Instance) => block(f.attrs.event_trigger, f.address);

function functionFor(fn: FunctionName): Instance {
  const found = functions.filter((f) => entryPoint(f) === fn);
  if (found.length !== 1) throw new Error(`${found.length} function resources with entry point ${fn}`);
  return found[0];
}

describe('Cloud Functions', () => {
  it('has one function resource per exported entry point and no other', () => {
    expect(functions.map(entryPoint).sort()).toEqual([...FUNCTION_NAMES].sort());
  });

  it.each(FUNCTION_NAMES)('%s is the entry point functions-framework registers', (fn) => {
    const handler = readFileSync(join(ROOT, 'functions', fn, 'index.ts'), 'utf8');
    expect(handler).toContain(`ff.cloudEvent('${fn}',`);
    expect(readFileSync(join(ROOT, 'functions', 'index.ts'), 'utf8')).toContain(`from './${fn}';`);
  });

  it.each(FUNCTION_NAMES)('%s runs on nodejs22, built from the shared artifact without a build script', (fn) => {
    const build = block(functionFor(fn).attrs.build_config, fn);
    expect(build.runtime).toBe('nodejs22');
    // The artifact ships dist/; the buildpack would otherwise run `npm run build` (tsc).
    expect(build.environment_variables).toEqual({ GOOGLE_NODE_RUN_SCRIPTS: '' });
    const storage = block(block(build.source, `${fn} source`).storage_source, `${fn} storage_source`);
    const [artifact] = model.instances('google_storage_bucket_object', 'source');
    const [bucket] = model.instances('google_storage_bucket', 'source');
    expect(storage).toEqual({ bucket: bucket?.attrs.name, object: artifact?.attrs.name });
  });

  it.each(FUNCTION_NAMES)('%s is triggered by the topic it consumes, with retries', (fn) => {
    const t = trigger(functionFor(fn));
    expect(t.event_type).toBe('google.cloud.pubsub.topic.v1.messagePublished');
    expect(refKey(t.pubsub_topic, 'google_pubsub_topic.topic')).toBe(topicOf(fn));
    expect(t.retry_policy).toBe('RETRY_POLICY_RETRY');
    expect(t.service_account_email).toEqual(new Ref('google_service_account.trigger.email'));
  });

  it.each(FUNCTION_NAMES)('%s runs as its own service account, reachable only from inside', (fn) => {
    const s = service(functionFor(fn));
    expect(refKey(s.service_account_email, 'google_service_account.function')).toBe(fn);
    expect(s.ingress_settings).toBe('ALLOW_INTERNAL_ONLY');
  });

  it.each(FUNCTION_NAMES)('%s has a timeout and instance limits sized for it', (fn) => {
    const s = service(functionFor(fn));
    // Event-driven gen2 functions time out at 540 s at most.
    expect(s.timeout_seconds).toEqual(expect.any(Number));
    expect(s.timeout_seconds as number).toBeGreaterThan(0);
    expect(s.timeout_seconds as number).toBeLessThanOrEqual(540);
    expect(s.max_instance_count).toEqual(expect.any(Number));
    expect(s.max_instance_count as number).toBeGreaterThanOrEqual(Math.max(1, s.min_instance_count as number));
    expect(s.max_instance_request_concurrency).toBe(1);
  });

  it('keeps one startBatch instance warm and scales the others to zero', () => {
    const min = Object.fromEntries(FUNCTION_NAMES.map((fn) => [fn, service(functionFor(fn)).min_instance_count]));
    expect(min).toEqual({ startBatch: 1, predictPlayer: 0, onBatchComplete: 0, consolidate: 0, exportTonight: 0 });
  });

  it('runs one consolidation at a time (concurrent MERGEs into one table fail)', () => {
    expect(service(functionFor('consolidate')).max_instance_count).toBe(1);
  });

  it.each(FUNCTION_NAMES)('%s sets only variables lib/config.ts reads, and they parse', (fn) => {
    const env = service(functionFor(fn)).environment_variables;
    if (env === null || typeof env !== 'object' || Array.isArray(env) || env instanceof Ref) {
      throw new Error(`${fn}: environment_variables is not a map`);
    }
    const configSource = readFileSync(join(ROOT, 'lib', 'config.ts'), 'utf8');
    for (const key of Object.keys(env)) expect(configSource).toMatch(new RegExp(`\\b${key}:`));
    const strings = Object.fromEntries(
      Object.entries(env).map(([k, v]) => {
        if (typeof v !== 'string') throw new Error(`${fn}: ${k} is not a known string: ${show(v)}`);
        return [k, v];
      }),
    );
    const config = parseConfig(strings);
    expect(config.backend).toBe('gcp');
    expect(config.environment).toBe(TEST_VARIABLES.environment);
    expect(config.datasetPrefix).toBe(TEST_VARIABLES.dataset_prefix);
    expect(config.gcp.projectId).toBe(TEST_VARIABLES.project_id);
    expect(config.gcp.bucket).toBe(TEST_VARIABLES.export_bucket);
    expect(config.maxDeliveryAttempts).toBe(model.local('max_delivery_attempts'));
  });
});
