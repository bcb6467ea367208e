/**
 * A small evaluator of the Terraform expressions this configuration uses, over the syntax tree
 * `@cdktf/hcl2json` produces (HashiCorp's own HCL parser compiled to WASM). It lets the contract
 * tests see what Terraform would create (the instances of each `for_each`, with `each.key`,
 * `each.value`, locals, `for` expressions, `merge`, `jsonencode`, `base64encode` ... applied)
 * instead of expression text.
 *
 * What only a cloud can know (ids, emails, the project number, files outside the module) evaluates
 * to a {@link Ref} naming it, e.g. `${google_pubsub_topic.topic["prediction-ready"].id}`. Anything
 * Terraform would reject (an unknown local, a missing attribute of a local's object, an unsupported
 * construct) throws, so a broken expression fails the tests instead of passing as text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getExpressionAst } from '@cdktf/hcl2json';

/** A value only known after apply (or outside the module): the Terraform address it comes from. */
export class Ref {
  constructor(readonly path: string) {}
  toString(): string {
    return `\${${this.path}}`;
  }
}

/** An evaluated value. Objects and lists are plain JS; sets are sorted lists (as Terraform orders them). */
export type Value = null | string | number | boolean | Ref | Value[] | { [key: string]: Value };

/** A value as text: strings as they are, Refs as `${address}`, anything else as JSON. */
export function show(v: Value | undefined): string {
  if (typeof v === 'string') return v;
  if (v instanceof Ref) return v.toString();
  return JSON.stringify(v) ?? 'undefined';
}

/** A resource or data block as the evaluator needs it. */
export interface BlockAccess {
  /** Instance keys when the block has `for_each`, else null (a single instance). */
  keys(): string[] | null;
  /** An attribute of an instance as configured and evaluated, or undefined when not configured. */
  attribute(key: string | undefined, attr: string): Value | undefined;
}

/** Where names outside an expression come from. */
export interface Resolver {
  variable(name: string): Value;
  local(name: string): Value;
  block(kind: 'resource' | 'data', type: string, name: string): BlockAccess | undefined;
  /** Absolute path of the module (`path.module`). */
  moduleDir: string;
}

/** What an expression is evaluated in. */
export interface Scope {
  resolver: Resolver;
  each?: { key: string; value: Value };
  bindings?: Readonly<Record<string, Value>>;
}

/** A parse error or an expression Terraform would reject. */
export class HclEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HclEvalError';
  }
}

/** The scope inside the evaluator: `for` variables may hold resource handles. */
interface EvalScope {
  resolver: Resolver;
  each?: { key: string; value: Value };
  bindings?: Readonly<Record<string, Internal>>;
}

interface AstNode {
  type: string;
  meta?: Record<string, unknown>;
  children?: AstNode[];
  range?: { start: { byte: number }; end: { byte: number } };
}

interface Parsed {
  ast: AstNode;
  src: string;
}

/** A resource (or data) block, or one instance of it, while a traversal is being resolved. */
class Handle {
  constructor(
    readonly kind: 'resource' | 'data',
    readonly type: string,
    readonly name: string,
    readonly access: BlockAccess,
    readonly key: string | undefined,
    readonly isInstance: boolean,
  ) {}
  get path(): string {
    const base = `${this.kind === 'data' ? 'data.' : ''}${this.type}.${this.name}`;
    return this.key === undefined ? base : `${base}[${JSON.stringify(this.key)}]`;
  }
}

type Internal = Value | Handle;

const cache = new Map<string, Parsed>();

/** True when a string from hcl2json contains an interpolation or directive. */
export function isTemplate(s: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(s);
}

function matchInterpolation(s: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipQuoted(s, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  throw new HclEvalError(`unterminated interpolation in ${JSON.stringify(s)}`);
}

function skipQuoted(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === '"') return i + 1;
    else if (s.startsWith('${', i)) i = matchInterpolation(s, i + 2) + 1;
    else i++;
  }
  throw new HclEvalError(`unterminated string in ${JSON.stringify(s)}`);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The HCL source of a quoted template whose value is `s` as hcl2json prints it: literal parts are
 * unescaped there and interpolations are raw expression text, so only the literal parts are escaped.
 */
export function toHclTemplate(s: string): string {
  let out = '"';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      out += s.slice(i, i + 3);
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = matchInterpolation(s, i + 2);
      out += s.slice(i, end + 1);
      i = end + 1;
    } else {
      const c = s[i] ?? '';
      out += ESCAPES[c] ?? c;
      i++;
    }
  }
  return out + '"';
}

async function parseSource(src: string): Promise<Parsed> {
  let ast: unknown;
  try {
    ast = await getExpressionAst('expression.tf', src);
  } catch (err) {
    throw new HclEvalError(`cannot parse ${src}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (ast === null || typeof ast !== 'object') throw new HclEvalError(`no syntax tree for ${src}`);
  return { ast: ast as AstNode, src };
}

/** Parses every template string inside `raw` (hcl2json output) so evaluation can be synchronous. */
export async function prepare(raw: unknown): Promise<void> {
  const pending: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (isTemplate(v) && !cache.has(v)) pending.push(v);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(raw);
  for (const s of new Set(pending)) cache.set(s, await parseSource(toHclTemplate(s)));
}

/** Parses and evaluates one expression (HCL source, e.g. `merge(local.a, {b = 1})`). */
export async function evaluateExpression(src: string, scope: Scope): Promise<Value> {
  const parsed = await parseSource(src);
  return finish(evalNode(parsed.ast, parsed.src, scope));
}

/** Evaluates a value as hcl2json returns it (strings may be templates; blocks are lists of objects). */
export function evaluateRaw(raw: unknown, scope: Scope): Value {
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    if (!isTemplate(raw)) return raw;
    const parsed = cache.get(raw);
    if (!parsed) throw new HclEvalError(`template not prepared: ${raw}`);
    return finish(evalNode(parsed.ast, parsed.src, scope));
  }
  if (Array.isArray(raw)) return raw.map((v) => evaluateRaw(v, scope));
  if (typeof raw === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = evaluateRaw(v, scope);
    return out;
  }
  throw new HclEvalError(`unexpected ${typeof raw} value`);
}

function finish(v: Internal): Value {
  if (v instanceof Handle) return new Ref(v.path);
  if (Array.isArray(v)) return v.map(finish);
  if (v !== null && typeof v === 'object' && !(v instanceof Ref)) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = finish(x);
    return out;
  }
  return v;
}

const isObject = (v: Internal): v is { [key: string]: Value } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Ref) && !(v instanceof Handle);

const metaString = (node: AstNode, key: string): string => {
  const v = node.meta?.[key];
  return typeof v === 'string' ? v : '';
};

const textOf = (node: AstNode, src: string): string =>
  metaString(node, 'value') ||
  (node.range ? src.slice(node.range.start.byte, node.range.end.byte) : `<${node.type}>`);

const kids = (node: AstNode): AstNode[] => node.children ?? [];

function child(node: AstNode, i: number): AstNode {
  const c = kids(node)[i];
  if (!c) throw new HclEvalError(`${node.type} node without child ${i}`);
  return c;
}

function interpolate(v: Internal, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Ref) return v.toString();
  if (v instanceof Handle) return new Ref(v.path).toString();
  throw new HclEvalError(`cannot interpolate ${JSON.stringify(v)} in ${where}`);
}

const UNESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };

/** The value of a template's literal part, which the syntax tree keeps as source text. */
function unescapeLiteral(text: string): string {
  return text.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{/g, (m: string, esc?: string) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    const e = esc ?? '';
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return UNESCAPES[e] ?? e;
  });
}

function evalNode(node: AstNode, src: string, scope: EvalScope): Internal {
  switch (node.type) {
    case 'literalValue': {
      const value = metaString(node, 'value');
      switch (metaString(node, 'type')) {
        case 'number':
          return Number(value);
        case 'bool':
          return value === 'true';
        case 'string':
          return unescapeLiteral(value);
        default:
          return null;
      }
    }
    case 'templateWrap':
      return evalNode(child(node, 0), src, scope);
    case 'template':
      return kids(node)
        .map((c) => interpolate(evalNode(c, src, scope), textOf(node, src)))
        .join('');
    case 'tuple':
      return kids(node).map((c) => finish(evalNode(c, src, scope)));
    case 'object':
      return evalObject(node, src, scope);
    case 'scopeTraversal':
      return evalTraversal(node, src, scope);
    case 'relativeTraversal':
      return traverse(evalNode(child(node, 0), src, scope), traversalParts(node).map(partKey), textOf(node, src));
    case 'index': {
      const collection = evalNode(child(node, 0), src, scope);
      const key = evalNode(child(node, 1), src, scope);
      if (key instanceof Ref || key instanceof Handle) return new Ref(textOf(node, src));
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new HclEvalError(`bad index ${JSON.stringify(key)} in ${textOf(node, src)}`);
      }
      return traverse(collection, [key], textOf(node, src));
    }
    case 'function':
      return evalFunction(node, src, scope);
    case 'for':
      return evalFor(node, src, scope);
    case 'conditional': {
      const cond = evalNode(child(node, 0), src, scope);
      if (typeof cond !== 'boolean') return new Ref(textOf(node, src));
      return evalNode(child(node, cond ? 1 : 2), src, scope);
    }
    case 'binaryOp':
      return evalBinary(node, src, scope);
    case 'unaryOp': {
      const v = evalNode(child(node, 0), src, scope);
      const op = metaString(node, 'operator');
      if (op === 'logicalNot' && typeof v === 'boolean') return !v;
      if (op === 'negate' && typeof v === 'number') return -v;
      return new Ref(textOf(node, src));
    }
    case 'splat':
      return new Ref(textOf(node, src));
    default:
      throw new HclEvalError(`unsupported expression (${node.type}): ${textOf(node, src)}`);
  }
}

function evalObject(node: AstNode, src: string, scope: EvalScope): Internal {
  const items = kids(node);
  const out: Record<string, Value> = {};
  for (let i = 0; i + 1 < items.length; i += 2) {
    const keyNode = child(node, i);
    let key: Internal;
    if (kids(keyNode).length === 0) {
      key = keyNode.range ? src.slice(keyNode.range.start.byte, keyNode.range.end.byte) : '';
    } else {
      let k = child(keyNode, 0);
      while (k.type === '' && kids(k).length === 1) k = child(k, 0);
      key = evalNode(k, src, scope);
    }
    if (typeof key !== 'string') throw new HclEvalError(`object key is not a string in ${textOf(node, src)}`);
    out[key] = finish(evalNode(child(node, i + 1), src, scope));
  }
  return out;
}

interface TraversalPart {
  type: string;
  segment: string;
}

function traversalParts(node: AstNode): TraversalPart[] {
  const parts = node.meta?.traversal;
  if (!Array.isArray(parts)) return [];
  return parts.map((p: unknown) => {
    const part = p as { type?: unknown; segment?: unknown };
    return { type: String(part.type), segment: String(part.segment) };
  });
}

function partKey(p: TraversalPart): string | number {
  if (p.type !== 'indexTraversal') return p.segment;
  const parsed: unknown = JSON.parse(p.segment);
  if (typeof parsed === 'string' || typeof parsed === 'number') return parsed;
  throw new HclEvalError(`bad index ${p.segment}`);
}

function evalTraversal(node: AstNode, src: string, scope: EvalScope): Internal {
  const parts = traversalParts(node);
  const text = textOf(node, src);
  const [root, ...rest] = parts.map(partKey);
  const r = scope.resolver;
  if (typeof root !== 'string') throw new HclEvalError(`bad traversal ${text}`);
  if (scope.bindings && root in scope.bindings) return traverse(scope.bindings[root] ?? null, rest, text);
  switch (root) {
    case 'var':
      return traverse(r.variable(String(rest[0])), rest.slice(1), text);
    case 'local':
      return traverse(r.local(String(rest[0])), rest.slice(1), text);
    case 'each': {
      if (!scope.each) throw new HclEvalError(`${text} outside a for_each`);
      if (rest[0] === 'key') return traverse(scope.each.key, rest.slice(1), text);
      if (rest[0] === 'value') return traverse(scope.each.value, rest.slice(1), text);
      throw new HclEvalError(`unknown ${text}`);
    }
    case 'path':
      return rest[0] === 'module' && rest.length === 1 ? r.moduleDir : new Ref(text);
    case 'data': {
      const [type, name, ...more] = rest;
      const access = r.block('data', String(type), String(name));
      if (!access) throw new HclEvalError(`no data block for ${text}`);
      return traverse(new Handle('data', String(type), String(name), access, undefined, false), more, text);
    }
    default: {
      const [name, ...more] = rest;
      const access = name === undefined ? undefined : r.block('resource', root, String(name));
      if (!access) {
        // A provider resource address that matches no block is a typo Terraform would reject;
        // other roots are iterators of dynamic blocks (source.value) or meta-arguments.
        if (/^(google|archive|terraform)_/.test(root)) throw new HclEvalError(`no resource block for ${text}`);
        return new Ref(text);
      }
      return traverse(new Handle('resource', root, String(name), access, undefined, false), more, text);
    }
  }
}

/** Applies attribute and index steps. Steps into a resource are lenient: unset attributes are Refs. */
function traverse(start: Internal, steps: readonly (string | number)[], text: string): Internal {
  let value: Internal = start;
  let lenientPath: string | undefined;
  for (const step of steps) {
    if (lenientPath !== undefined) {
      lenientPath += typeof step === 'number' ? `[${step}]` : `.${step}`;
    }
    if (value instanceof Ref) {
      const suffix = typeof step === 'number' ? `[${step}]` : `.${step}`;
      value = new Ref(value.path + suffix);
      continue;
    }
    if (value instanceof Handle) {
      const keys = value.access.keys();
      if (!value.isInstance && keys !== null) {
        if (!keys.includes(String(step))) throw new HclEvalError(`${value.path} has no instance ${String(step)} (${text})`);
        value = new Handle(value.kind, value.type, value.name, value.access, String(step), true);
        continue;
      }
      const attr = value.access.attribute(value.key, String(step));
      lenientPath = `${value.path}.${String(step)}`;
      value = attr === undefined ? new Ref(lenientPath) : attr;
      continue;
    }
    const next: Internal | undefined = Array.isArray(value)
      ? typeof step === 'number'
        ? value[step]
        : undefined
      : isObject(value)
        ? value[String(step)]
        : undefined;
    if (next === undefined) {
      if (lenientPath !== undefined) {
        value = new Ref(lenientPath);
        continue;
      }
      throw new HclEvalError(`no ${JSON.stringify(step)} in ${text}`);
    }
    value = next;
  }
  return value;
}

function entriesOf(collection: Internal, text: string): [string | number, Internal][] | undefined {
  if (collection instanceof Ref) return undefined;
  if (collection instanceof Handle) {
    const keys = collection.access.keys();
    if (keys === null) throw new HclEvalError(`${collection.path} has no for_each to iterate (${text})`);
    return [...keys]
      .sort()
      .map((k) => [
        k,
        new Handle(collection.kind, collection.type, collection.name, collection.access, k, true),
      ]);
  }
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isObject(collection)) {
    return Object.keys(collection)
      .sort()
      .map((k) => [k, collection[k] ?? null]);
  }
  throw new HclEvalError(`cannot iterate ${JSON.stringify(collection)} in ${text}`);
}

function evalFor(node: AstNode, src: string, scope: EvalScope): Internal {
  const text = textOf(node, src);
  if (node.meta?.groupedValue === true) throw new HclEvalError(`grouping (...) is not supported: ${text}`);
  const isObjectFor = metaString(node, 'openRangeValue') === '{';
  const hasCondition = metaString(node, 'conditionalExpression') !== '';
  const keyVar = metaString(node, 'keyVar');
  const valVar = metaString(node, 'valVar');
  let i = 0;
  const collectionNode = child(node, i++);
  const keyNode = isObjectFor ? child(node, i++) : undefined;
  const valueNode = child(node, i++);
  const conditionNode = hasCondition ? child(node, i++) : undefined;

  const entries = entriesOf(evalNode(collectionNode, src, scope), text);
  if (!entries) return new Ref(text);
  const listOut: Value[] = [];
  const objectOut: Record<string, Value> = {};
  for (const [k, v] of entries) {
    // A resource handle stays a handle inside the body (for m in google_x.y : m.name).
    const bindings: Record<string, Internal> = { ...scope.bindings };
    if (keyVar) bindings[keyVar] = k;
    bindings[valVar] = v;
    const inner: EvalScope = { ...scope, bindings };
    if (conditionNode) {
      const keep = evalNode(conditionNode, src, inner);
      if (typeof keep !== 'boolean') return new Ref(text);
      if (!keep) continue;
    }
    const value = finish(evalNode(valueNode, src, inner));
    if (keyNode) {
      const key = evalNode(keyNode, src, inner);
      if (typeof key !== 'string') throw new HclEvalError(`for key is not a string in ${text}`);
      if (key in objectOut) throw new HclEvalError(`duplicate key ${key} in ${text}`);
      objectOut[key] = value;
    } else {
      listOut.push(value);
    }
  }
  return keyNode ? objectOut : listOut;
}

function evalBinary(node: AstNode, src: string, scope: EvalScope): Internal {
  const a = evalNode(child(node, 0), src, scope);
  const b = evalNode(child(node, 1), src, scope);
  const op = metaString(node, 'operator');
  if (a instanceof Ref || b instanceof Ref || a instanceof Handle || b instanceof Handle) {
    return new Ref(textOf(node, src));
  }
  const num = (v: Value): number => {
    if (typeof v !== 'number') throw new HclEvalError(`${JSON.stringify(v)} is not a number in ${textOf(node, src)}`);
    return v;
  };
  switch (op) {
    case 'equal':
      return JSON.stringify(a) === JSON.stringify(b);
    case 'notEqual':
      return JSON.stringify(a) !== JSON.stringify(b);
    case 'logicalAnd':
      return a === true && b === true;
    case 'logicalOr':
      return a === true || b === true;
    case 'greaterThan':
      return num(a) > num(b);
    case 'greaterThanOrEqual':
      return num(a) >= num(b);
    case 'lessThan':
      return num(a) < num(b);
    case 'lessThanOrEqual':
      return num(a) <= num(b);
    case 'add':
      return num(a) + num(b);
    case 'subtract':
      return num(a) - num(b);
    case 'multiply':
      return num(a) * num(b);
    case 'divide':
      return num(a) / num(b);
    case 'modulo':
      return num(a) % num(b);
    default:
      throw new HclEvalError(`unsupported operator ${op} in ${textOf(node, src)}`);
  }
}

/** jsonencode: object keys in lexical order, as Terraform writes them. */
function jsonEncode(v: Value): string {
  if (v instanceof Ref) throw new HclEvalError(`jsonencode of unknown ${v.path}`);
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${jsonEncode(v[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function fromJson(v: unknown): Value {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJson(x);
    return out;
  }
  throw new HclEvalError(`not JSON: ${typeof v}`);
}

const setOf = (values: Value[]): Value[] =>
  [...new Map(values.map((v) => [JSON.stringify(v), v])).values()].sort((x, y) =>
    show(x) < show(y) ? -1 : show(x) > show(y) ? 1 : 0,
  );

/** Functions of values: any unknown part (a Ref, or a string interpolating one) makes the result unknown. */
const VALUE_FUNCTIONS = new Set([
  'sort',
  'join',
  'startswith',
  'endswith',
  'tostring',
  'jsonencode',
  'jsondecode',
  'base64encode',
  'base64decode',
  'sha256',
  'abspath',
  'file',
  'templatefile',
]);

function hasUnknown(v: Value): boolean {
  if (v instanceof Ref) return true;
  if (typeof v === 'string') return v.includes('${');
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasUnknown);
  return false;
}

function evalFunction(node: AstNode, src: string, scope: EvalScope): Internal {
  const name = metaString(node, 'name');
  const text = textOf(node, src);
  let args = kids(node).map((c) => finish(evalNode(c, src, scope)));
  if (node.meta?.expandedFinalArgument === true) {
    const last = args[args.length - 1];
    if (!Array.isArray(last)) return new Ref(text);
    args = [...args.slice(0, -1), ...last];
  }
  const str = (v: Value | undefined): string => {
    if (typeof v !== 'string') throw new HclEvalError(`${name}: ${JSON.stringify(v)} is not a string (${text})`);
    return v;
  };
  const list = (v: Value | undefined): Value[] => {
    if (!Array.isArray(v)) throw new HclEvalError(`${name}: ${JSON.stringify(v)} is not a list (${text})`);
    return v;
  };
  if (VALUE_FUNCTIONS.has(name) && args.some(hasUnknown)) return new Ref(text);
  if (args.some((a) => a instanceof Ref)) return new Ref(text);
  switch (name) {
    case 'merge': {
      const out: Record<string, Value> = {};
      for (const a of args) {
        if (!isObject(a)) throw new HclEvalError(`merge: ${JSON.stringify(a)} is not an object (${text})`);
        Object.assign(out, a);
      }
      return out;
    }
    case 'toset':
      return setOf(list(args[0]));
    case 'tolist':
      return list(args[0]);
    case 'concat':
      return args.flatMap((a) => list(a));
    case 'flatten': {
      const flat = (v: Value): Value[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
      return list(args[0]).flatMap(flat);
    }
    case 'distinct':
      return [...new Map(list(args[0]).map((v) => [JSON.stringify(v), v])).values()];
    case 'sort':
      return [...list(args[0])].map((v) => str(v)).sort();
    case 'keys': {
      const o = args[0] ?? null;
      if (!isObject(o)) throw new HclEvalError(`keys: not an object (${text})`);
      return Object.keys(o).sort();
    }
    case 'values': {
      const o = args[0] ?? null;
      if (!isObject(o)) throw new HclEvalError(`values: not an object (${text})`);
      return Object.keys(o)
        .sort()
        .map((k) => o[k] ?? null);
    }
    case 'length': {
      const v = args[0] ?? null;
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new HclEvalError(`length: unsupported (${text})`);
    }
    case 'contains':
      return list(args[0]).some((v) => JSON.stringify(v) === JSON.stringify(args[1]));
    case 'lookup': {
      const o = args[0] ?? null;
      if (!isObject(o)) throw new HclEvalError(`lookup: not an object (${text})`);
      const v = o[str(args[1])];
      if (v !== undefined) return v;
      if (args.length > 2) return args[2] ?? null;
      throw new HclEvalError(`lookup: no ${show(args[1])} (${text})`);
    }
    case 'join':
      return list(args[1])
        .map((v) => str(v))
        .join(str(args[0]));
    case 'startswith':
      return str(args[0]).startsWith(str(args[1]));
    case 'endswith':
      return str(args[0]).endsWith(str(args[1]));
    case 'tostring': {
      const v = args[0] ?? null;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new HclEvalError(`tostring: unsupported (${text})`);
    }
    case 'jsonencode':
      return jsonEncode(args[0] ?? null);
    case 'jsondecode':
      return fromJson(JSON.parse(str(args[0])));
    case 'base64encode':
      return Buffer.from(str(args[0]), 'utf8').toString('base64');
    case 'base64decode':
      return Buffer.from(str(args[0]), 'base64').toString('utf8');
    case 'sha256':
      return createHash('sha256').update(str(args[0])).digest('hex');
    case 'abspath':
      return resolve(str(args[0]));
    case 'file': {
      const path = resolve(scope.resolver.moduleDir, str(args[0]));
      // Files of the module itself are read; anything else (the build output) is only known at plan.
      if (!path.startsWith(scope.resolver.moduleDir + '/')) return new Ref(text);
      return readFileSync(path, 'utf8');
    }
    case 'templatefile': {
      const path = resolve(scope.resolver.moduleDir, str(args[0]));
      if (!path.startsWith(scope.resolver.moduleDir + '/')) return new Ref(text);
      const vars = args[1] ?? null;
      if (!isObject(vars)) throw new HclEvalError(`templatefile: vars are not an object (${text})`);
      return readFileSync(path, 'utf8').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, k: string) => {
        if (!(k in vars)) throw new HclEvalError(`templatefile: no variable ${k} (${text})`);
        return str(vars[k]);
      });
    }
    default:
      // fileset, filesha256 ...: known only when Terraform runs (files built by `npm run build`).
      return new Ref(text);
  }
}
