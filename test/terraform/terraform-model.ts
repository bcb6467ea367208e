/**
 * The Terraform configuration under terraform/, parsed with `@cdktf/hcl2json` and evaluated the way
 * Terraform would plan it (test/terraform/hcl-eval.ts): every resource block expanded into its
 * `for_each` instances with their attributes evaluated. The contract tests assert on these
 * instances, so they check what would be deployed, not how the HCL spells it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import {
  HclEvalError,
  Ref,
  evaluateRaw,
  prepare,
  type BlockAccess,
  type Resolver,
  type Scope,
  type Value,
} from './hcl-eval';

/** The module under test. */
export const TERRAFORM_DIR = resolve(__dirname, '..', '..', 'terraform');

/**
 * Values the tests give the variables without a default, and a few with one, chosen to be
 * recognizable: a wiring mistake (the bucket name in the project id ...) shows in the assertions.
 */
export const TEST_VARIABLES: Readonly<Record<string, Value>> = {
  project_id: 'nba-props-contract',
  export_bucket: 'nba-props-contract-api',
  environment: 'test',
  dataset_prefix: 'test_',
  alert_notification_channels: ['projects/nba-props-contract/notificationChannels/42'],
};

/** One `.tf` file. */
export interface TfFile {
  name: string;
  src: string;
  json: Record<string, unknown>;
}

/** One instance of a resource or data block, with its attributes evaluated. */
export interface Instance {
  /** e.g. `google_pubsub_topic.topic["prediction-ready"]`. */
  address: string;
  type: string;
  name: string;
  /** The `for_each` key, or undefined for a block without `for_each`. */
  key: string | undefined;
  file: string;
  attrs: Record<string, Value>;
  /** The block as hcl2json printed it (expression text). */
  raw: Record<string, unknown>;
}

type RawBlock = Record<string, unknown>;

interface BlockEntry {
  kind: 'resource' | 'data';
  type: string;
  name: string;
  file: string;
  raw: RawBlock;
}

const asRecord = (v: unknown, what: string): Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new HclEvalError(`${what} is not an object`);
  return v as Record<string, unknown>;
};

const asBlockList = (v: unknown, what: string): RawBlock[] => {
  if (!Array.isArray(v)) throw new HclEvalError(`${what} is not a list of blocks`);
  return v.map((b, i) => asRecord(b, `${what}[${i}]`));
};

/** A parsed and evaluable configuration. */
export class TerraformModel {
  private readonly blocks = new Map<string, BlockEntry>();
  private readonly rawLocals = new Map<string, unknown>();
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  private readonly forEachCache = new Map<string, Map<string, Value> | null>();
  readonly variables: Record<string, RawBlock> = {};
  readonly outputs: Record<string, RawBlock> = {};
  private readonly resolver: Resolver;

  constructor(
    readonly dir: string,
    readonly files: readonly TfFile[],
    private readonly variableValues: Readonly<Record<string, Value>>,
  ) {
    for (const f of files) this.index(f);
    this.resolver = {
      moduleDir: dir,
      variable: (name) => this.variable(name),
      local: (name) => this.local(name),
      block: (kind, type, name) => this.access(kind, type, name),
    };
  }

  private index(file: TfFile): void {
    for (const kind of ['resource', 'data'] as const) {
      const byType = file.json[kind];
      if (byType === undefined) continue;
      for (const [type, byName] of Object.entries(asRecord(byType, `${file.name}: ${kind}`))) {
        for (const [name, list] of Object.entries(asRecord(byName, `${file.name}: ${type}`))) {
          const key = `${kind}:${type}.${name}`;
          if (this.blocks.has(key)) throw new HclEvalError(`${type}.${name} is declared twice`);
          const [raw] = asBlockList(list, `${type}.${name}`);
          if (raw) this.blocks.set(key, { kind, type, name, file: file.name, raw });
        }
      }
    }
    for (const block of file.json.locals === undefined ? [] : asBlockList(file.json.locals, 'locals')) {
      for (const [name, raw] of Object.entries(block)) {
        if (this.rawLocals.has(name)) throw new HclEvalError(`local.${name} is declared twice`);
        this.rawLocals.set(name, raw);
      }
    }
    for (const [section, target] of [
      ['variable', this.variables],
      ['output', this.outputs],
    ] as const) {
      const byName = file.json[section];
      if (byName === undefined) continue;
      for (const [name, list] of Object.entries(asRecord(byName, section))) {
        const [raw] = asBlockList(list, `${section}.${name}`);
        if (raw) target[name] = raw;
      }
    }
  }

  private get scope(): Scope {
    return { resolver: this.resolver };
  }

  /** The value of `var.<name>`: the test value, else the default. */
  variable(name: string): Value {
    if (name in this.variableValues) return this.variableValues[name] ?? null;
    const block = this.variables[name];
    if (!block) throw new HclEvalError(`var.${name} is not declared`);
    if (!('default' in block)) throw new HclEvalError(`var.${name} has no default; give it a test value`);
    return evaluateRaw(block.default, this.scope);
  }

  /** The value of `local.<name>`. */
  local(name: string): Value {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    if (!this.rawLocals.has(name)) throw new HclEvalError(`local.${name} is not declared`);
    if (this.evaluating.has(name)) throw new HclEvalError(`local.${name} refers to itself`);
    this.evaluating.add(name);
    try {
      const value = evaluateRaw(this.rawLocals.get(name), this.scope);
      this.localValues.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(name);
    }
  }

  /** Names of every local. */
  localNames(): string[] {
    return [...this.rawLocals.keys()];
  }

  private entry(kind: 'resource' | 'data', type: string, name: string): BlockEntry | undefined {
    return this.blocks.get(`${kind}:${type}.${name}`);
  }

  /** for_each key -> each.value, or null without for_each. */
  private forEach(entry: BlockEntry): Map<string, Value> | null {
    const id = `${entry.kind}:${entry.type}.${entry.name}`;
    if (this.forEachCache.has(id)) return this.forEachCache.get(id) ?? null;
    if ('count' in entry.raw) throw new HclEvalError(`${entry.type}.${entry.name}: count is not supported here`);
    let result: Map<string, Value> | null = null;
    if ('for_each' in entry.raw) {
      const v = evaluateRaw(entry.raw.for_each, this.scope);
      result = new Map();
      if (Array.isArray(v)) {
        for (const item of v) {
          if (typeof item !== 'string') {
            throw new HclEvalError(`${entry.type}.${entry.name}: for_each set of non-strings`);
          }
          result.set(item, item);
        }
      } else if (v !== null && typeof v === 'object' && !(v instanceof Ref)) {
        for (const k of Object.keys(v).sort()) result.set(k, v[k] ?? null);
      } else {
        throw new HclEvalError(`${entry.type}.${entry.name}: for_each is not known: ${String(v)}`);
      }
    }
    this.forEachCache.set(id, result);
    return result;
  }

  private instanceScope(entry: BlockEntry, key: string | undefined): Scope {
    const each = this.forEach(entry);
    if (each === null) {
      if (key !== undefined) throw new HclEvalError(`${entry.type}.${entry.name} has no for_each`);
      return this.scope;
    }
    if (key === undefined || !each.has(key)) {
      throw new HclEvalError(`${entry.type}.${entry.name} has no instance ${String(key)}`);
    }
    return { resolver: this.resolver, each: { key, value: each.get(key) ?? null } };
  }

  private access(kind: 'resource' | 'data', type: string, name: string): BlockAccess | undefined {
    const entry = this.entry(kind, type, name);
    if (!entry) return undefined;
    return {
      keys: () => {
        const each = this.forEach(entry);
        return each === null ? null : [...each.keys()];
      },
      attribute: (key, attr) =>
        attr in entry.raw ? evaluateRaw(entry.raw[attr], this.instanceScope(entry, key)) : undefined,
    };
  }

  /** Resource blocks of a type (unexpanded). */
  blocksOf(type: string, kind: 'resource' | 'data' = 'resource'): BlockEntry[] {
    return [...this.blocks.values()].filter((b) => b.kind === kind && b.type === type);
  }

  /** Every instance of the resource (or data) blocks of `type`, optionally only block `name`. */
  instances(type: string, name?: string, kind: 'resource' | 'data' = 'resource'): Instance[] {
    return this.blocksOf(type, kind)
      .filter((b) => name === undefined || b.name === name)
      .flatMap((b) => this.expand(b));
  }

  /** Every resource instance of the configuration. */
  allInstances(): Instance[] {
    return [...this.blocks.values()].filter((b) => b.kind === 'resource').flatMap((b) => this.expand(b));
  }

  private expand(entry: BlockEntry): Instance[] {
    const each = this.forEach(entry);
    const keys = each === null ? [undefined] : [...each.keys()];
    const prefix = `${entry.kind === 'data' ? 'data.' : ''}${entry.type}.${entry.name}`;
    return keys.map((key) => {
      const scope = this.instanceScope(entry, key);
      const attrs: Record<string, Value> = {};
      for (const [attr, raw] of Object.entries(entry.raw)) {
        if (attr !== 'for_each') attrs[attr] = evaluateRaw(raw, scope);
      }
      return {
        address: key === undefined ? prefix : `${prefix}[${JSON.stringify(key)}]`,
        type: entry.type,
        name: entry.name,
        key,
        file: entry.file,
        attrs,
        raw: entry.raw,
      };
    });
  }
}

/** Reads and parses every `.tf` file of `dir`. */
export async function readTerraformFiles(dir: string = TERRAFORM_DIR): Promise<TfFile[]> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort();
  const files: TfFile[] = [];
  for (const name of names) {
    const src = readFileSync(join(dir, name), 'utf8');
    files.push({ name, src, json: asRecord(await parse(name, src), name) });
  }
  return files;
}

/** Loads, parses and prepares the configuration of `dir` for evaluation. */
export async function loadTerraform(
  dir: string = TERRAFORM_DIR,
  variables: Readonly<Record<string, Value>> = TEST_VARIABLES,
): Promise<TerraformModel> {
  const files = await readTerraformFiles(dir);
  for (const f of files) await prepare(f.json);
  return new TerraformModel(dir, files, variables);
}

let shared: Promise<TerraformModel> | undefined;

/** The configuration under terraform/ (parsed once per test file). */
export function terraform(): Promise<TerraformModel> {
  shared ??= loadTerraform();
  return shared;
}

/** The one block of an instance list, e.g. `build_config[0]`. */
export function block(value: Value | undefined, what: string): Record<string, Value> {
  const first = Array.isArray(value) ? value[0] : undefined;
  if (first === undefined || first === null || typeof first !== 'object' || Array.isArray(first) || first instanceof Ref) {
    throw new Error(`${what}: expected one block`);
  }
  return first;
}

/** The `for_each` key inside a Ref such as `google_pubsub_topic.topic["prediction-ready"].id`. */
export function refKey(value: Value | undefined, prefix: string): string | undefined {
  if (!(value instanceof Ref) || !value.path.startsWith(`${prefix}[`)) return undefined;
  const m = /^\["([^"]*)"\]/.exec(value.path.slice(prefix.length));
  return m?.[1];
}

/** `value[key]` of an evaluated object (a block is a list of objects: use {@link block}). */
export function field(value: Value | undefined, key: string): Value | undefined {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value) || value instanceof Ref) {
    return undefined;
  }
  return value[key];
}
