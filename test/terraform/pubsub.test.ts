/**
 * Pub/Sub against lib/topics.ts: every topic the code publishes or consumes exists, every consumer
 * has a dead-letter topic (`deadLetterTopic(topic)`) with a subscription on it, the consumer's
 * subscription dead-letters after 5 attempts, and the Pub/Sub service agent may do the forwarding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config';
import { ALL_TOPICS, PUBLISHES, SUBSCRIBERS, deadLetterTopic, type TopicName } from '../../lib/topics';
import { Ref } from './hcl-eval';
import {
  TERRAFORM_DIR,
  TEST_VARIABLES,
  block,
  field,
  refKey,
  terraform,
  type Instance,
  type TerraformModel,
} from './terraform-model';

const CONSUMED = Object.keys(SUBSCRIBERS) as TopicName[];
const PUBSUB_AGENT = 'serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com';

let model: TerraformModel;
beforeAll(async () => {
  model = await terraform();
});

const names = (instances: Instance[]) => instances.map((i) => i.attrs.name);

/** The one instance of `type.name` keyed by the consumer of `topic`. */
function byConsumer(type: string, name: string, topic: TopicName): Instance {
  const fn = SUBSCRIBERS[topic];
  const found = model.instances(type, name).filter((i) => i.key === fn);
  if (found.length !== 1) throw new Error(`${type}.${name}: ${found.length} instances for ${fn}`);
  return found[0];
}

describe('Pub/Sub', () => {
  it('declares exactly the topics of lib/topics.ts', () => {
    expect(names(model.instances('google_pubsub_topic', 'topic')).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it('declares every topic the code consumes or publishes', () => {
    const used = new Set<string>([...CONSUMED, ...Object.values(PUBLISHES).flat()]);
    const declared = new Set(names(model.instances('google_pubsub_topic', 'topic')));
    expect([...used].filter((t) => !declared.has(t))).toEqual([]);
  });

  it('gives every consumer a dead-letter topic named by deadLetterTopic()', () => {
    expect(names(model.instances('google_pubsub_topic', 'dead_letter')).sort()).toEqual(
      CONSUMED.map(deadLetterTopic).sort(),
    );
    for (const topic of CONSUMED) {
      expect(byConsumer('google_pubsub_topic', 'dead_letter', topic).attrs.name).toBe(deadLetterTopic(topic));
    }
  });

  it.each(CONSUMED)('the dead-letter topic of %s has a subscription that never expires', (topic) => {
    const dlq = byConsumer('google_pubsub_topic', 'dead_letter', topic);
    const subs = model
      .instances('google_pubsub_subscription')
      .filter((s) => refKey(s.attrs.topic, 'google_pubsub_topic.dead_letter') === dlq.key);
    expect(subs).toHaveLength(1);
    const sub = subs[0];
    expect(sub.attrs.name).toBe(`${deadLetterTopic(topic)}-sub`);
    // The default expiration deletes a subscription idle for 31 days: an idle DLQ is the normal case.
    expect(block(sub.attrs.expiration_policy, sub.address).ttl).toBe('');
    expect(sub.attrs.message_retention_duration).toBe('604800s');
  });

  it('dead-letters after 5 delivery attempts, the count the code assumes', () => {
    expect(model.local('max_delivery_attempts')).toBe(5);
    expect(parseConfig({}).maxDeliveryAttempts).toBe(5);
  });

  it.each(CONSUMED)("attaches the dead-letter topic to %s's trigger subscription", (topic) => {
    const fn = SUBSCRIBERS[topic];
    const policy = byConsumer('terraform_data', 'dead_letter_policy', topic);
    const exec = block(field(policy.attrs.provisioner, 'local-exec'), policy.address);
    const triggerRef = new Ref(`google_cloudfunctions2_function.function["${fn}"].event_trigger[0].trigger`);
    expect(exec.environment).toEqual({
      PROJECT: TEST_VARIABLES.project_id,
      EVENTARC_TRIGGER: triggerRef,
      DEAD_LETTER_TOPIC: new Ref(`google_pubsub_topic.dead_letter["${fn}"].id`),
      MAX_DELIVERY_ATTEMPTS: '5',
      PUBSUB_SERVICE_AGENT: PUBSUB_AGENT,
    });
    expect(exec.command).toBe(`bash ${TERRAFORM_DIR}/scripts/attach-dead-letter.sh`);
    // Re-applied when the trigger (and so its subscription) is replaced.
    expect(policy.attrs.triggers_replace).toEqual(expect.arrayContaining([triggerRef]));
  });

  it('has a dead-letter script that uses exactly the variables Terraform passes', () => {
    const script = readFileSync(join(TERRAFORM_DIR, 'scripts', 'attach-dead-letter.sh'), 'utf8');
    const [policy] = model.instances('terraform_data', 'dead_letter_policy');
    const exec = block(field(policy?.attrs.provisioner, 'local-exec'), 'dead_letter_policy');
    const passed = Object.keys(exec.environment ?? {}).sort();
    const used = [...new Set([...script.matchAll(/\$\{?([A-Z][A-Z_]+)/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(passed);
    expect(script).toContain('--dead-letter-topic "$DEAD_LETTER_TOPIC"');
    expect(script).toContain('--max-delivery-attempts "$MAX_DELIVERY_ATTEMPTS"');
    // Pub/Sub push times out at the ack deadline: it must outlast every function's timeout.
    const ackDeadline = Number(/--ack-deadline (\d+)/.exec(script)?.[1]);
    const timeouts = model
      .instances('google_cloudfunctions2_function')
      .map((f) => block(f.attrs.service_config, f.address).timeout_seconds);
    for (const t of timeouts) expect(ackDeadline).toBeGreaterThanOrEqual(t as number);
    expect(script).toMatch(/add-iam-policy-binding[\s\S]*--member "\$PUBSUB_SERVICE_AGENT"[\s\S]*roles\/pubsub\.subscriber/);
  });

  it('lets the Pub/Sub service agent publish to every dead-letter topic', () => {
    const grants = model.instances('google_pubsub_topic_iam_member', 'dead_letter_publisher');
    expect(grants.map((g) => g.attrs.topic).sort()).toEqual(CONSUMED.map(deadLetterTopic).sort());
    for (const g of grants) expect(g.attrs).toMatchObject({ role: 'roles/pubsub.publisher', member: PUBSUB_AGENT });
  });
});
