/**
 * The expression evaluator the contract tests rely on: it must compute what Terraform computes for
 * the constructs our configuration uses, and refuse what Terraform would refuse.
 */
import { HclEvalError, Ref, evaluateExpression, toHclTemplate, type Resolver, type Value } from './hcl-eval';
import { refKey } from './terraform-model';

const locals: Record<string, Value> = {
  functions: {
    b: { topic: 't-b', publishes: ['x'] },
    a: { topic: 't-a', publishes: ['x', 'y'] },
  },
  names: ['z', 'y', 'y'],
};

const resolver: Resolver = {
  moduleDir: '/module',
  variable: (name) => {
    if (name === 'prefix') return 'test_';
    throw new HclEvalError(`var.${name} is not declared`);
  },
  local: (name) => {
    const v = locals[name];
    if (v === undefined) throw new HclEvalError(`local.${name} is not declared`);
    return v;
  },
  block: (kind, type, name) => {
    if (kind !== 'resource') return undefined;
    if (type === 'google_pubsub_topic' && name === 'topic') {
      return { keys: () => ['t-a', 't-b'], attribute: (key, attr) => (attr === 'name' ? (key ?? null) : undefined) };
    }
    if (type === 'google_service_account' && name === 'x') return { keys: () => null, attribute: () => undefined };
    return undefined;
  },
};

const ev = (src: string, each?: { key: string; value: Value }): Promise<Value> =>
  evaluateExpression(src, { resolver, each });

describe('hcl-eval', () => {
  it('evaluates templates with escapes and interpolations', async () => {
    expect(await ev('"a\\"b\\\\${var.prefix}nba\\n"')).toBe('a"b\\test_nba\n');
    expect(await ev('"$${not} ${1 + 2}"')).toBe('${not} 3');
  });

  it('keeps the value of a lone interpolation and evaluates each.key / each.value', async () => {
    const each = { key: 'a', value: { n: 540 } };
    expect(await ev('"${each.value.n}"', each)).toBe(540);
    expect(await ev('"${each.key}-dlq"', each)).toBe('a-dlq');
  });

  it('evaluates for expressions, merge with ... and filters in lexical key order', async () => {
    const flat = await ev(
      'merge([for fn, f in local.functions : { for t in f.publishes : "${fn}/${t}" => { function = fn, topic = t } }]...)',
    );
    expect(flat).toEqual({
      'a/x': { function: 'a', topic: 'x' },
      'a/y': { function: 'a', topic: 'y' },
      'b/x': { function: 'b', topic: 'x' },
    });
    expect(await ev('[for fn, f in local.functions : f.topic if fn != "a"]')).toEqual(['t-b']);
    expect(await ev('toset(local.names)')).toEqual(['y', 'z']);
  });

  it('encodes JSON with sorted keys and base64 like Terraform', async () => {
    expect(await ev('jsonencode({ z = 1, a = "TODAY" })')).toBe('{"a":"TODAY","z":1}');
    expect(await ev('base64encode(jsonencode({ kind = "sweep" }))')).toBe(
      Buffer.from('{"kind":"sweep"}').toString('base64'),
    );
  });

  it('resolves configured resource attributes and leaves computed ones as Refs', async () => {
    expect(await ev('google_pubsub_topic.topic["t-a"].name')).toBe('t-a');
    const id = await ev('google_pubsub_topic.topic["t-b"].id');
    expect(id).toEqual(new Ref('google_pubsub_topic.topic["t-b"].id'));
    expect(refKey(id, 'google_pubsub_topic.topic')).toBe('t-b');
    expect(await ev('"sa:${google_service_account.x.email}"')).toBe('sa:${google_service_account.x.email}');
  });

  it('iterates a for_each resource by instance', async () => {
    expect(await ev('{ for k, t in google_pubsub_topic.topic : k => "${t.name}!" }')).toEqual({
      't-a': 't-a!',
      't-b': 't-b!',
    });
  });

  it('refuses what Terraform would refuse', async () => {
    await expect(ev('local.nope')).rejects.toThrow(HclEvalError);
    await expect(ev('local.functions.a.missing')).rejects.toThrow(/no "missing"/);
    await expect(ev('google_pubsub_topic.topic["t-c"].id')).rejects.toThrow(/no instance t-c/);
    await expect(ev('google_pubsub_topics.topic["t-a"].id')).rejects.toThrow(/no resource block/);
    await expect(ev('each.key')).rejects.toThrow(/outside a for_each/);
  });

  it('quotes hcl2json strings back into templates without touching interpolations', () => {
    expect(toHclTemplate('x="${a["k"]}"\n')).toBe('"x=\\"${a["k"]}\\"\\n"');
  });
});
