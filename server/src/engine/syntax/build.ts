// The typed model of a scorecard, built from its YAML tree: each field as model.ts describes it,
// with the span of its value. A value of the wrong type is left out (the schema reports it), so
// rules only ever see well-typed data.
import { isMap, isPair, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import {
  Baseline,
  CADENCES,
  Correlation,
  DataFile,
  Disturbance,
  fieldsOf,
  Item,
  Kpi,
  Level,
  LEVELS,
  Lever,
  MapShape,
  Measure,
  Milestone,
  Objective,
  OBSERVATION_FLAGS,
  Observation,
  PERIODS,
  POLARITIES,
  PolarityAssessment,
  Pole,
  Ref,
  REPORTED_STATUSES,
  Scorecard,
  Target,
  Thresholds,
  Val,
} from '../model/model';
import type { Span } from '../types';
import { spanOfNode } from './parse';
import type { AnyNode, Converter } from './parse';
import { date, intern, NONE, num, oneOf, parseRef, str } from './values';

const PENDING = ['tbd', 'withheld'] as const;

/**
 * The fields of the scorecard that each top-level block other than the item lists sets in
 * ModelBuilder.build; a block of any other key sets none (the schema reports it). The editor's
 * re-parse of one block takes these fields over (test/unit/model.test.ts holds this to build).
 */
export const BLOCK_FIELDS = new Map<string, readonly (keyof Scorecard)[]>([
  ['kpilens', ['version']],
  ['scorecard', ['scorecardKeySpan', 'id', 'title', 'owner', 'parent']],
  ['vision', ['vision']],
  ['correlations', ['correlations']],
  ['polarities', ['polarities']],
  ['review', ['review']],
  ['wheel', ['wheel']],
]);

export class ModelBuilder {
  constructor(
    private readonly sc: Scorecard,
    private readonly conv: Converter,
  ) {}

  private r(node: AnyNode): AnyNode {
    return this.conv.resolve(node);
  }

  shape(map: YAMLMap): MapShape {
    const span = spanOfNode(map, { start: 0, end: 0 });
    const keys: string[] = [];
    // A set only for large mappings: a search of the list would be quadratic in their keys.
    const seen = map.items.length > 16 ? new Set<string>() : undefined;
    let lastValueEnd = span.start;
    let indent = 0;
    for (const pair of map.items) {
      const k = pair.key as AnyNode;
      const key = spanOfNode(k, span);
      const value = spanOfNode(pair.value as AnyNode, { start: key.end, end: key.end });
      const name = intern(this.conv.keyString(k));
      if (seen ? !seen.has(name) : !keys.includes(name)) {
        keys.push(name);
        seen?.add(name);
      }
      lastValueEnd = Math.max(lastValueEnd, value.end, key.end);
    }
    const first = map.items[0]?.key as AnyNode;
    if (first?.range) {
      const ls = this.sc.lineStarts;
      let lo = 0;
      let hi = ls.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ls[mid] <= first.range[0]) lo = mid;
        else hi = mid - 1;
      }
      indent = first.range[0] - ls[lo];
    }
    return { span, flow: !!map.flow, indent, lastValueEnd, keys };
  }

  pairs(map: YAMLMap): Map<string, { key: AnyNode; value: AnyNode }> {
    const out = new Map<string, { key: AnyNode; value: AnyNode }>();
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const name = this.conv.keyString(p.key as AnyNode);
      if (!out.has(name)) out.set(name, { key: p.key as AnyNode, value: this.r(p.value as AnyNode) });
    }
    return out;
  }

  build(root: YAMLMap): void {
    const sc = this.sc;
    sc.isMapping = true;
    sc.shape = this.shape(root);
    const top = this.pairs(root);
    const version = top.get('kpilens');
    if (version && isScalar(version.value)) sc.version = { value: version.value.value, span: spanOfNode(version.value, { start: 0, end: 0 }) };

    const card = top.get('scorecard');
    if (card) {
      sc.scorecardKeySpan = spanOfNode(card.key, { start: 0, end: 0 });
      if (isMap(card.value)) {
        const p = this.pairs(card.value);
        sc.id = str(p.get('id')?.value);
        sc.title = str(p.get('title')?.value);
        sc.owner = str(p.get('owner')?.value);
        const parent = str(p.get('parent')?.value);
        if (parent) sc.parent = parseRef(parent.value, parent.span);
      }
    }

    const vision = top.get('vision');
    if (vision && isMap(vision.value)) {
      const p = this.pairs(vision.value);
      const values = p.get('values')?.value;
      sc.vision = {
        keySpan: spanOfNode(vision.key, { start: 0, end: 0 }),
        span: spanOfNode(vision.value, { start: 0, end: 0 }),
        statement: str(p.get('statement')?.value),
        values: isSeq(values) ? values.items.map((v) => str(this.r(v as AnyNode))).filter((v): v is Val<string> => !!v) : undefined,
        keys: [...p.keys()],
      };
    }

    this.items(top.get('objectives')?.value, (m, base) => this.objective(m, base), sc.objectives);
    this.items(top.get('kpis')?.value, (m, base) => this.kpi(m, base), sc.kpis);
    this.items(top.get('levers')?.value, (m, base) => this.lever(m, base), sc.levers);
    this.items(top.get('disturbances')?.value, (m, base) => this.disturbance(m, base), sc.disturbances);

    const corr = top.get('correlations')?.value;
    if (isSeq(corr)) {
      for (const c of corr.items) {
        const m = this.r(c as AnyNode);
        if (!isMap(m)) continue;
        const p = this.pairs(m);
        const entry: Correlation = { span: spanOfNode(m, { start: 0, end: 0 }), between: this.refList(p.get('between')?.value), r: num(p.get('r')?.value) };
        sc.correlations.push(entry);
      }
    }

    const pol = top.get('polarities')?.value;
    if (isMap(pol)) {
      for (const [key, { key: k, value }] of this.pairs(pol)) {
        const def = POLARITIES.find(([name]) => name === key);
        if (!def || !isMap(value)) continue;
        const p = this.pairs(value);
        const scores: PolarityAssessment['scores'] = {};
        for (const pole of [def[1], def[2]] as Pole[]) {
          const v = num(p.get(pole)?.value);
          // Only scores the schema accepts (whole numbers 1..7) reach the rules.
          if (v && Number.isInteger(v.value) && v.value >= 1 && v.value <= 7) scores[pole] = v;
        }
        sc.polarities.push({ key: def[0], keySpan: spanOfNode(k, { start: 0, end: 0 }), span: spanOfNode(value, { start: 0, end: 0 }), scores });
      }
    }

    const review = top.get('review');
    if (review) {
      const keySpan = spanOfNode(review.key, { start: 0, end: 0 });
      const p = isMap(review.value) ? this.pairs(review.value) : new Map<string, { key: AnyNode; value: AnyNode }>();
      sc.review = {
        keySpan,
        span: spanOfNode(review.value, keySpan),
        cadence: oneOf(p.get('cadence')?.value, CADENCES),
        last: date(p.get('last')?.value),
        keys: [...p.keys()],
      };
    }

    const wheel = top.get('wheel')?.value;
    if (isMap(wheel)) {
      const p = this.pairs(wheel);
      const names = (n: AnyNode) => (isSeq(n) ? n.items.map((v) => str(this.r(v as AnyNode))?.value).filter((v): v is string => v !== undefined) : []);
      sc.wheel = {
        span: spanOfNode(wheel, { start: 0, end: 0 }),
        capabilities: names(p.get('capabilities')?.value),
        responsibilities: names(p.get('responsibilities')?.value),
      };
    }
  }

  items<T extends Item>(node: AnyNode, make: (m: YAMLMap, base: ItemBaseArgs) => T, into: T[]): void {
    if (!isSeq(node)) return;
    node.items.forEach((raw, index) => {
      const m = this.r(raw as AnyNode);
      if (!isMap(m)) return;
      const id = str(this.pairs(m).get('id')?.value);
      if (!id) return;
      into.push(make(m, { id: id.value, idSpan: id.span, span: spanOfNode(m, id.span), shape: this.shape(m), index }));
    });
  }

  refList(node: AnyNode): Ref[] {
    const out: Ref[] = [];
    const add = (n: AnyNode, level?: Level) => {
      const s = str(n);
      if (!s) return;
      const ref = parseRef(s.value, s.span, level);
      if (ref) out.push(ref);
    };
    if (isScalar(node)) add(node);
    else if (isSeq(node)) for (const it of node.items) add(this.r(it as AnyNode));
    else if (isMap(node)) {
      // The map form: ref -> low | medium | high. A ref without a (valid) level counts as medium.
      for (const p of node.items) {
        const lv = this.r(p.value as AnyNode);
        const level = isScalar(lv) && LEVELS.includes(lv.value as Level) ? (lv.value as Level) : 'medium';
        add(this.r(p.key as AnyNode), level);
      }
    }
    return out.length ? out : NONE;
  }

  objective(m: YAMLMap, base: ItemBaseArgs): Objective {
    return this.described({ kind: 'objective', ...base } as Objective, m);
  }

  kpi(m: YAMLMap, base: ItemBaseArgs): Kpi {
    return this.described({ kind: 'kpi', ...base } as Kpi, m);
  }

  lever(m: YAMLMap, base: ItemBaseArgs): Lever {
    return this.described({ kind: 'lever', ...base } as Lever, m);
  }

  disturbance(m: YAMLMap, base: ItemBaseArgs): Disturbance {
    return this.described({ kind: 'disturbance', ...base } as Disturbance, m);
  }

  /** Reads the fields of an item as model.ts describes them; a value of the wrong type is left out. */
  private described<T extends Item>(item: T, m: YAMLMap): T {
    const p = this.pairs(m);
    const out = item as unknown as Record<string, unknown>;
    let rejected: string[] | undefined;
    for (const [key, f] of fieldsOf(item.kind)) {
      const node = p.get(key)?.value;
      switch (f.type) {
        case 'text':
          out[key] = str(node, f.shared);
          break;
        case 'number':
          out[key] = num(node);
          break;
        case 'date':
          out[key] = date(node);
          break;
        case 'enum':
          out[key] = oneOf(node, f.values);
          break;
        case 'enums': {
          const list: Val<string>[] = [];
          if (isSeq(node))
            for (const it of node.items) {
              const v = oneOf(this.r(it as AnyNode), f.values);
              if (v) list.push(v);
            }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'refs':
          out[key] = this.refList(node);
          break;
        case 'owners': {
          const list: Val<string>[] = [];
          if (isSeq(node))
            for (const it of node.items) {
              const v = str(this.r(it as AnyNode), true);
              if (v) list.push(v);
            }
          else {
            const v = str(node, true);
            if (v) list.push(v);
          }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'structures': {
          const list: unknown[] = [];
          if (isSeq(node))
            for (const it of node.items) {
              const m = this.r(it as AnyNode);
              const v = isMap(m) ? this[f.name](m, item.idSpan) : undefined;
              if (v) list.push(v);
            }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'observations': {
          const list = isSeq(node) ? this.observations(node) : NONE;
          out[key] = list.length ? list : NONE;
          if (isSeq(node)) out[`${key}Span`] = spanOfNode(node, item.idSpan);
          break;
        }
        case 'structure':
          // A baseline may also be a plain number.
          out[key] = isMap(node) ? this[f.name](node, item.idSpan) : f.name === 'baseline' ? num(node) : undefined;
          break;
      }
      if (p.has(key) && isRejected(f.type, node, out[key])) (rejected ??= []).push(key);
    }
    if (rejected) item.rejected = rejected;
    return item;
  }

  target(m: YAMLMap, at: Span): Target {
    const t = this.pairs(m);
    const value = t.get('value')?.value;
    const out: Target = {
      span: spanOfNode(m, at),
      shape: this.shape(m),
      value: num(value),
      pending: oneOf(value, PENDING),
      by: date(t.get('by')?.value),
      every: oneOf(t.get('every')?.value, PERIODS),
    };
    const rejected = [
      t.has('value') && !out.value && !out.pending ? 'value' : '',
      t.has('by') && !out.by ? 'by' : '',
      t.has('every') && !out.every ? 'every' : '',
    ].filter(Boolean);
    if (rejected.length) out.rejected = rejected;
    return out;
  }

  baseline(m: YAMLMap): Baseline | undefined {
    const p = this.pairs(m);
    const value = num(p.get('value')?.value);
    return value && { ...value, date: date(p.get('date')?.value) };
  }

  measure(m: YAMLMap, at: Span): Measure {
    const p = this.pairs(m);
    return {
      span: spanOfNode(m, at),
      of: str(p.get('of')?.value, true),
      stat: str(p.get('stat')?.value, true),
      numerator: str(p.get('numerator')?.value),
      denominator: str(p.get('denominator')?.value),
      window: oneOf(p.get('window')?.value, PERIODS),
    };
  }

  milestone(m: YAMLMap, at: Span): Milestone {
    const p = this.pairs(m);
    return { span: spanOfNode(m, at), value: num(p.get('value')?.value), by: date(p.get('by')?.value) };
  }

  thresholds(m: YAMLMap, at: Span): Thresholds {
    const t = this.pairs(m);
    return { span: spanOfNode(m, at), warn: num(t.get('warn')?.value), alert: num(t.get('alert')?.value) };
  }

  data(m: YAMLMap, at: Span): DataFile | undefined {
    const p = this.pairs(m);
    const csv = str(p.get('csv')?.value);
    const column = str(p.get('column')?.value);
    return csv && column ? { span: spanOfNode(m, at), csv, column } : undefined;
  }

  observations(seq: YAMLSeq): Observation[] {
    const out: Observation[] = [];
    for (const it of seq.items) {
      const h = this.r(it as AnyNode);
      if (!isMap(h)) continue;
      const hp = this.pairs(h);
      const d = date(hp.get('date')?.value);
      const val = num(hp.get('value')?.value);
      if (!d || !val) continue;
      const o: Observation = { date: d.value, value: val.value };
      const status = oneOf(hp.get('status')?.value, REPORTED_STATUSES);
      const note = str(hp.get('note')?.value);
      const flag = oneOf(hp.get('flag')?.value, OBSERVATION_FLAGS);
      // Only what is there: most observations are a date and a value, and a long history is kept small.
      if (status) o.status = status.value;
      if (note) o.note = note.value;
      if (flag) o.flag = flag.value;
      out.push(o);
    }
    return out;
  }
}

/**
 * Whether a written value is one the model leaves out as the schema rejects it: a value of the
 * wrong type, or a list none of whose entries could be read. An empty list is a value (with
 * nothing in it); so is an empty owner (`owner:`), which kpi-owner reports as still to be named.
 */
function isRejected(type: string, node: AnyNode, value: unknown): boolean {
  if (Array.isArray(value) ? value.length > 0 : value !== undefined) return false;
  if (type === 'owners' && (node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === '')))) return false;
  // An empty list of owners names nobody, which the schema rejects; any other empty list is a value.
  if ((isSeq(node) || isMap(node)) && node.items.length === 0) return type === 'owners';
  return true;
}

interface ItemBaseArgs {
  id: string;
  idSpan: Span;
  span: Span;
  shape: MapShape;
  index: number;
}
