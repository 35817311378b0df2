import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import schemaJson from '../../../../schemas/kpi.schema.json';
import { LIMITS } from './parse';
import type { Parsed } from './parse';
import { closest } from '../model/workspace';
import { ITEM_LISTS } from '../model/model';
import type { Report } from '../types';
import { precompiled } from './validators';
import type { Validators } from './validators';

export const kpiSchema = schemaJson as Record<string, unknown>;

/** The options of every validator of the schema (scripts/validators.cjs uses the same). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;
/** Keywords of the schema for editors (hovers, completion, snippets), which validation ignores. */
export const EDITOR_KEYWORDS = ['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets'] as const;

let validators: Validators | undefined;

/** The validators: generated at build time in the bundles, else compiled once per process. */
function compiled(): Validators {
  if (!validators) validators = precompiled ?? compile();
  return validators;
}

/** Compiles the validators from the schema (about 250 ms). */
export function compile(): Validators {
  const ajv = new Ajv2020(AJV_OPTIONS);
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
  const root = ajv.compile(kpiSchema);
  const item = (def: string) => ajv.getSchema(`${String(kpiSchema.$id)}#/$defs/${def}`)!;
  return { root, objectives: item('objective'), kpis: item('kpi'), levers: item('lever'), disturbances: item('disturbance') };
}

/**
 * The errors of an item, by validator and the item's data object. An incremental parse re-uses the
 * data of every item it did not re-parse, so after an edit only the edited item is validated again.
 */
const itemErrors = new WeakMap<ValidateFunction, WeakMap<object, readonly ErrorObject[]>>();
const NO_ERRORS: readonly ErrorObject[] = Object.freeze([]);

/**
 * What the whole schema says of `data`, validated in parts: the top level with its item lists
 * emptied, then each item against its definition. The schema's lists are plain `items` lists, so
 * the parts find exactly the errors of the whole (test/unit/schema.test.ts checks it).
 */
export function schemaErrors(data: Record<string, unknown>, v: Validators = compiled()): ErrorObject[] {
  const top: Record<string, unknown> = { ...data };
  const lists = ITEM_LISTS.filter((key) => Array.isArray(data[key]));
  for (const key of lists) top[key] = [];
  const errors: ErrorObject[] = v.root(top) ? [] : [...(v.root.errors ?? [])];
  for (const key of lists) {
    const validate = v[key];
    let cache = itemErrors.get(validate);
    if (!cache) itemErrors.set(validate, (cache = new WeakMap()));
    (data[key] as unknown[]).forEach((item, i) => {
      const cacheable = item !== null && typeof item === 'object';
      let found = cacheable ? cache.get(item) : undefined;
      if (!found) {
        found = validate(item) ? NO_ERRORS : [...(validate.errors ?? [])];
        if (cacheable) cache.set(item, found);
      }
      for (const e of found) errors.push({ ...e, instancePath: `/${key}/${i}${e.instancePath}` });
    });
  }
  return errors;
}

/** Schema findings that read well: one per problem, at the offending value, allowed values listed. */
export function schemaReports(parsed: Parsed): Report[] {
  const data = parsed.data;
  if (data === undefined) return [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    if (parsed.scorecard.text.trim() === '' || data === null) {
      return [{ span: parsed.spanAt('').span, message: 'The file is empty: a scorecard starts with `kpilens: 1` and a `scorecard:` block with an `id`.' }];
    }
    return [{ span: parsed.spanAt('').span, message: `A scorecard must be a YAML mapping (keys and values), not ${describe(data)}.` }];
  }
  const errors = schemaErrors(withFewUnknownKeys(data as Record<string, unknown>));
  return errors.length ? explain(errors, data, parsed) : [];
}

const TOP_KEYS = new Set(Object.keys((kpiSchema as { properties: object }).properties));

/**
 * The top level with its unknown keys cut after the first that the findings can use (the linter
 * reports 1,000 of a rule): each is one more error for the validator to make, and a file of
 * 200,000 unknown keys would make 200,000 of them with every edit. Every other error is kept.
 */
function withFewUnknownKeys(data: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(data);
  if (keys.length <= TOP_KEYS.size + LIMITS.maxFindingsPerRule + 1) return data;
  const out: Record<string, unknown> = {};
  let unknown = 0;
  for (const key of keys) {
    if (!TOP_KEYS.has(key) && ++unknown > LIMITS.maxFindingsPerRule + 1) continue;
    // As the parser makes data: a key such as `__proto__` stays an ordinary property.
    Object.defineProperty(out, key, { value: data[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  object: 'a mapping (key: value)',
  array: 'a list',
  boolean: 'true or false',
  null: 'empty',
};

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, part) ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return cur;
}

/** "the KPI `nps`", "`target.by` of the KPI `nps`", "`scorecard.id`" */
function where(data: unknown, pointer: string): { field: string; owner: string } {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/');
  const lists: Record<string, string> = { objectives: 'objective', kpis: 'KPI', levers: 'lever', disturbances: 'disturbance', correlations: 'correlation' };
  if (parts.length >= 2 && lists[parts[0]] && /^\d+$/.test(parts[1])) {
    const item = valueAt(data, `/${parts[0]}/${parts[1]}`) as Record<string, unknown> | undefined;
    const id = item && typeof item === 'object' && typeof item.id === 'string' ? ` "${item.id}"` : ` #${Number(parts[1]) + 1}`;
    return { field: parts.slice(2).join('.'), owner: `${lists[parts[0]]}${id}` };
  }
  return { field: parts.join('.'), owner: '' };
}

function label(data: unknown, pointer: string): string {
  const { field, owner } = where(data, pointer);
  if (field && owner) return `\`${field}\` of ${owner}`;
  if (owner) return owner;
  return field ? `\`${field}\`` : 'the scorecard';
}

interface Problem {
  pointer: string;
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  onKey?: string;
  /** Point at the item's id (missing fields). */
  onItem?: boolean;
}

function explain(errors: ErrorObject[], data: unknown, parsed: Parsed): Report[] {
  const problems: Problem[] = [];
  // anyOf: when some branch accepts the value's type, its own errors say what is wrong and the
  // other branches' type errors are noise; when none does, say which types are accepted.
  const branchErrors = new Set<ErrorObject>();
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // The errors at or below each anyOf's path, gathered in one pass: a large file has thousands of both.
  const anyOfPaths = new Set(anyOfs.map((a) => a.instancePath));
  const below = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    for (let p = e.instancePath; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (anyOfPaths.has(p)) {
        const list = below.get(p);
        if (list) list.push(e);
        else below.set(p, [e]);
      }
      if (p === '') break;
    }
  }
  for (const a of anyOfs) {
    const p = a.instancePath;
    const under = below.get(p) ?? [];
    const typeAtP = under.filter((e) => e.keyword === 'type' && e.instancePath === p);
    typeAtP.forEach((e) => branchErrors.add(e));
    if (typeAtP.length > 0 && typeAtP.length === under.length) {
      const types = [...new Set(typeAtP.flatMap((e) => String((e.params as { type: string }).type).split(',')))].map((t) => TYPE_NAMES[t] ?? t);
      problems.push({ pointer: p, message: `${cap(label(data, p))} must be ${list(types)}, not ${describe(valueAt(data, p))}.` });
    }
  }
  const seen = new Set<string>();
  const reports: Report[] = [];
  // One finding past the limit is enough for the linter to say that there are more (lint.ts): a
  // file of 100,000 unknown keys would otherwise cost a message and a location for each.
  const enough = () => reports.length > LIMITS.maxFindingsPerRule;
  const report = (p: Problem) => {
    const key = `${p.pointer}|${p.onKey ?? ''}|${p.message}`;
    if (seen.has(key) || enough()) return;
    seen.add(key);
    reports.push({ span: spanFor(p, parsed, data), message: p.message });
  };
  for (const p of problems) report(p);
  for (const e of errors) {
    if (enough()) break;
    if (branchErrors.has(e) || e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    for (const p of simple(e, data)) report(p);
  }
  return reports;
}

function spanFor(p: Problem, parsed: Parsed, data: unknown) {
  if (p.onKey !== undefined) {
    const loc = parsed.spanAt(`${p.pointer}/${escape(p.onKey)}`);
    return loc.keySpan ?? loc.span;
  }
  if (p.onItem) {
    const obj = valueAt(data, p.pointer);
    if (obj && typeof obj === 'object' && typeof (obj as Record<string, unknown>).id === 'string') return parsed.spanAt(`${p.pointer}/id`).span;
    const loc = parsed.spanAt(p.pointer);
    if (loc.keySpan) return loc.keySpan;
    return firstLine(loc.span, parsed.scorecard.text);
  }
  return parsed.spanAt(p.pointer).span;
}

function firstLine(span: { start: number; end: number }, text: string) {
  let end = span.start;
  while (end < span.end && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start: span.start, end };
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function list(values: readonly unknown[]): string {
  const v = values.map(String);
  return v.length <= 1 ? v.join('') : `${v.slice(0, -1).join(', ')} or ${v[v.length - 1]}`;
}

function simple(e: ErrorObject, data: unknown): Problem[] {
  const at = e.instancePath;
  const value = valueAt(data, at);
  const what = label(data, at);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const prop = String(params.missingProperty);
      return [{ pointer: at, onItem: true, message: `${cap(what)} is missing the required key \`${prop}\`.` }];
    }
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const schemaProps = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(prop, schemaProps);
      const hint = guess ? ` Did you mean \`${guess}\`?` : schemaProps.length ? ` Allowed keys: ${schemaProps.join(', ')}.` : '';
      return [{ pointer: at, onKey: prop, message: `Unknown key \`${prop}\` in ${what}.${hint}` }];
    }
    case 'type': {
      const types = String(params.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t);
      return [{ pointer: at, message: `${cap(what)} must be ${list(types)}, not ${describe(value)}.` }];
    }
    case 'enum':
      return [{ pointer: at, message: `${cap(what)} cannot be ${JSON.stringify(value)}: use ${list((params.allowedValues as unknown[]) ?? [])}.` }];
    case 'const':
      return [{ pointer: at, message: `${cap(what)} must be ${JSON.stringify(params.allowedValue)}, not ${describe(value)}.` }];
    case 'pattern':
      return [{ pointer: at, message: patternMessage(what, String(params.pattern), value) }];
    case 'propertyNames':
      return [];
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const cmp = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return [{ pointer: at, message: `${cap(what)} must be ${cmp} ${Number(params.limit)}, not ${describe(value)}.` }];
    }
    case 'minItems':
    case 'maxItems': {
      const s = e.parentSchema as { minItems?: number; maxItems?: number };
      const n = Array.isArray(value) ? value.length : 0;
      const want =
        s.minItems !== undefined && s.minItems === s.maxItems
          ? `exactly ${s.minItems}`
          : e.keyword === 'minItems'
            ? `at least ${Number(params.limit)}`
            : `at most ${Number(params.limit)}`;
      return [{ pointer: at, message: `${cap(what)} must have ${want} entr${want.endsWith(' 1') ? 'y' : 'ies'}, not ${n}.` }];
    }
    case 'minLength':
      return [{ pointer: at, message: `${cap(what)} must not be empty.` }];
    case 'maxLength':
      return [{ pointer: at, message: `${cap(what)} is too long (at most ${Number(params.limit)} characters).` }];
    case 'uniqueItems':
      return [{ pointer: at, message: `${cap(what)} lists the same value twice (entries ${Number(params.j) + 1} and ${Number(params.i) + 1}).` }];
    case 'false schema': {
      const parts = at.split('/');
      const key = parts[parts.length - 1];
      const parent = label(data, parts.slice(0, -1).join('/'));
      if (key === 'history' || key === 'data')
        return [{ pointer: at, onKey: undefined, message: `${cap(parent)} has both \`history\` and \`data\`: use one of them.` }];
      return [{ pointer: at, message: `\`${key}\` is not allowed in ${parent}.` }];
    }
    default:
      return [{ pointer: at, message: `${cap(what)} ${e.message ?? 'is not valid'}.` }];
  }
}

function patternMessage(what: string, pattern: string, value: unknown): string {
  const shown = JSON.stringify(typeof value === 'string' ? truncate(value) : value);
  if (pattern.includes('\\d{4}')) return `${cap(what)} must be a date written YYYY-MM-DD, not ${shown}.`;
  if (pattern.includes('/)?'))
    return `${cap(what)} must be a reference: an id, or \`scorecard-id/item-id\` (lowercase letters, digits and single hyphens), not ${shown}.`;
  return `${cap(what)} must be an id of lowercase letters, digits and single hyphens (like \`customer-love\`), not ${shown}.`;
}
