import { kpiSchema } from './schema';
import { pushAll } from '../arrays';

// Walks the JSON Schema along a YAML path, for hovers on keys and for completion. A path is keys
// and list positions (any number: the schema of list items does not depend on the position).

export type Segment = string | number;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deref(node: Node): Node | undefined {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return node;
  const defs = kpiSchema.$defs as Record<string, unknown>;
  const target = defs[ref.slice('#/$defs/'.length)];
  return isNode(target) ? target : undefined;
}

/** The schemas a value may match: `$ref` followed, `anyOf`/`oneOf` branches spread out. */
function expand(node: Node, depth = 0): Node[] {
  if (depth > 8) return [];
  const out: Node[] = [node];
  const target = node.$ref !== undefined ? deref(node) : undefined;
  if (target) pushAll(out, expand(target, depth + 1));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const b of branches) if (isNode(b)) pushAll(out, expand(b, depth + 1));
  }
  return out;
}

/** The schemas (as written, before `$ref`) of the value at a path; empty when the path leaves the schema. */
function schemasAt(path: readonly Segment[]): Node[] {
  let current: Node[] = [kpiSchema];
  for (const seg of path) {
    const next: Node[] = [];
    for (const s of current.flatMap((n) => expand(n))) {
      if (typeof seg === 'number') {
        if (isNode(s.items)) next.push(s.items);
        continue;
      }
      const props = s.properties;
      if (isNode(props) && isNode(props[seg])) next.push(props[seg]);
      else if (isNode(s.additionalProperties)) next.push(s.additionalProperties);
    }
    current = next;
  }
  return current;
}

/** The description of the value at a path: the closest one, markdown preferred. */
export function descriptionAt(path: readonly Segment[]): string | undefined {
  for (const s of schemasAt(path).flatMap((n) => expand(n))) {
    const d = s.markdownDescription ?? s.description;
    if (typeof d === 'string') return d;
  }
  return undefined;
}

export interface PropertyInfo {
  name: string;
  description?: string;
  required: boolean;
  /** The shape of the value, which decides what to insert after the key: a block mapping, a block list of mappings, `[ ]`, or a scalar. */
  shape: 'object' | 'list' | 'inline-list' | 'scalar';
}

/** The keys a mapping at a path may have. */
export function propertiesAt(path: readonly Segment[]): PropertyInfo[] {
  const out = new Map<string, PropertyInfo>();
  for (const s of schemasAt(path).flatMap((n) => expand(n))) {
    if (!isNode(s.properties)) continue;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    for (const [name, sub] of Object.entries(s.properties)) {
      if (out.has(name) || !isNode(sub)) continue;
      out.set(name, { name, description: descriptionAt([...path, name]), required: required.includes(name), shape: shapeOf(expand(sub)) });
    }
  }
  return [...out.values()];
}

function shapeOf(nodes: Node[]): PropertyInfo['shape'] {
  // A value that may be a scalar (a ref or a list of refs) is written inline; so is a list of scalars.
  if (nodes.some((n) => n.enum !== undefined || n.const !== undefined || n.type === 'string' || n.type === 'number' || n.type === 'integer')) return 'scalar';
  const items = nodes.flatMap((n) => (isNode(n.items) ? expand(n.items) : []));
  if (items.length && !items.some((n) => n.type === 'object')) return 'inline-list';
  if (nodes.some((n) => n.type === 'object')) return 'object';
  return items.length ? 'list' : 'scalar';
}

/** Whether the value at a path is a date: the schema's `date` definition, however it is reached. */
export function isDateAt(path: readonly Segment[]): boolean {
  const date = (kpiSchema.$defs as Record<string, unknown>).date;
  return schemasAt(path)
    .flatMap((n) => expand(n))
    .some((s) => s === date);
}

/** The allowed values at a path with what each means (the schema's `markdownEnumDescriptions`), in schema order. */
export function enumValuesAt(path: readonly Segment[]): { value: unknown; description?: string }[] {
  const out: { value: unknown; description?: string }[] = [];
  for (const s of schemasAt(path).flatMap((n) => expand(n))) {
    const values = Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : [];
    const descriptions = Array.isArray(s.markdownEnumDescriptions) ? s.markdownEnumDescriptions : [];
    values.forEach((value, i) => {
      const description = typeof descriptions[i] === 'string' ? descriptions[i] : undefined;
      if (!out.some((v) => v.value === value)) out.push({ value, description });
    });
  }
  return out;
}
