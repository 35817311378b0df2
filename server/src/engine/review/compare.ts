// Comparing two versions of one scorecard, field by field and link by link, in the words a
// reviewer reads: the changes of the strategy diff (`diff.ts` puts them together).
import { fieldsOf, itemsOf, targetValues, targetWords } from '../model/model';
import type { Correlation, Item, ItemKind, Kpi, PolarityAssessment, Ref, Scorecard } from '../model/model';
import { compareStrings } from '../text';
import { pushAll } from '../arrays';
import type { Change, JsonValue, Renames } from './diff';
import { refKey, plainFields, linkFields, itemMap, show, showWord, fieldText, itemFieldText, same, KIND_NAME } from './fields';
import { targetChange, milestoneChanges } from './targets';

export function wholeScorecard(key: string, sc: Scorecard, how: 'added' | 'removed'): Change[] {
  const id = key.startsWith('file:') ? key.slice(5) : key;
  const items = itemsOf(sc);
  const count = (k: ItemKind, word: string) => {
    const n = items.filter((i) => i.kind === k).length;
    return n ? [`${n} ${word}${n === 1 ? '' : 's'}`] : [];
  };
  const content = [...count('objective', 'objective'), ...count('kpi', 'KPI'), ...count('lever', 'lever'), ...count('disturbance', 'disturbance')];
  const about = [
    sc.title ? show(sc.title.value) : undefined,
    sc.owner ? `owner ${showWord(sc.owner.value)}` : undefined,
    sc.parent ? `parent ${sc.parent.raw}` : 'a root scorecard',
    content.length ? content.join(', ') : 'no items',
  ]
    .filter((x) => x !== undefined)
    .join('; ');
  const changes: Change[] = [{ kind: how, subject: 'scorecard', id, text: `Scorecard ${id} ${how}: ${about}.` }];
  for (const it of items) changes.push(itemAddedOrRemoved(it, how));
  return changes;
}

function itemAddedOrRemoved(it: Item, how: 'added' | 'removed'): Change {
  const name = it.kind === 'objective' ? it.title?.value : it.name?.value;
  const details: string[] = [];
  if (it.kind === 'kpi' || it.kind === 'lever') if (it.owner.length) details.push(`owner ${it.owner.map((o) => showWord(o.value)).join(', ')}`);
  if (it.kind === 'kpi' && it.target) details.push(`target ${targetWords(targetValues(it.target), it.unit?.value)}`);
  const what = `${name !== undefined ? ` ${show(name)}` : ''}${details.length ? ` (${details.join(', ')})` : ''}`;
  return { kind: how, subject: it.kind, id: it.id, text: `${KIND_NAME[it.kind]} ${it.id} ${how}${what ? `:${what}` : ''}.` };
}

export function compareScorecards(key: string, sb: Scorecard, sa: Scorecard, renames: Renames): Change[] {
  const id = key.startsWith('file:') ? key.slice(5) : key;
  const out: Change[] = [];
  const field = (name: string, b: JsonValue | undefined, a: JsonValue | undefined, label = name) => {
    if (!same(b, a))
      out.push({
        kind: 'changed',
        subject: 'scorecard',
        id,
        field: name,
        before: b ?? null,
        after: a ?? null,
        text: `Scorecard ${id}: ${fieldText(label, b, a)}.`,
      });
  };
  field('title', sb.title?.value, sa.title?.value);
  field('owner', sb.owner?.value, sa.owner?.value);
  const pb = sb.parent?.raw;
  const pa = sa.parent?.raw;
  // A parent renamed, and followed here, is the same link.
  if (pb !== pa && !(pb !== undefined && pa !== undefined && renames.scorecards.get(pb) === pa)) {
    const text =
      pa === undefined
        ? `cascade link cut: parent ${pb} removed, it is now a root`
        : pb === undefined
          ? `cascade link added: parent (none) → ${pa}`
          : `cascade link moved: parent ${pb} → ${pa}`;
    out.push({
      kind: pa === undefined ? 'link-cut' : pb === undefined ? 'link-added' : 'link-moved',
      subject: 'scorecard',
      id,
      field: 'parent',
      before: pb ?? null,
      after: pa ?? null,
      text: `Scorecard ${id}: ${text}.`,
    });
  }
  field('vision.statement', sb.vision?.statement?.value, sa.vision?.statement?.value, 'vision statement');
  field(
    'vision.values',
    sb.vision?.values?.map((v) => v.value),
    sa.vision?.values?.map((v) => v.value),
    'vision values',
  );
  field('review.cadence', sb.review?.cadence?.value, sa.review?.cadence?.value, 'review cadence');
  field('review.last', sb.review?.last?.value, sa.review?.last?.value, 'last review');
  field('wheel.capabilities', sb.wheel?.capabilities, sa.wheel?.capabilities, 'wheel capabilities');
  field('wheel.responsibilities', sb.wheel?.responsibilities, sa.wheel?.responsibilities, 'wheel responsibilities');
  pushAll(out, comparePolarities(sb.polarities, sa.polarities));
  pushAll(out, compareItems(key, sb, sa, renames));
  pushAll(out, compareCorrelations(key, sb.correlations, sa.correlations, renames));
  return out;
}

function scores(p: PolarityAssessment): { [pole: string]: JsonValue } {
  const out: { [pole: string]: JsonValue } = {};
  for (const [pole, v] of Object.entries(p.scores)) if (v) out[pole] = v.value;
  return out;
}

function comparePolarities(before: readonly PolarityAssessment[], after: readonly PolarityAssessment[]): Change[] {
  const out: Change[] = [];
  const b = new Map(before.map((p) => [p.key, scores(p)]));
  const a = new Map(after.map((p) => [p.key, scores(p)]));
  const listed = (s: { [pole: string]: JsonValue }) =>
    Object.entries(s)
      .map(([pole, v]) => `${pole} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ') || 'no scores';
  for (const key of [...new Set([...b.keys(), ...a.keys()])]) {
    const sb = b.get(key);
    const sa = a.get(key);
    if (same(sb, sa)) continue;
    let text: string;
    if (!sb) text = `Polarity ${key} assessed: ${listed(sa!)}.`;
    else if (!sa) text = `Polarity ${key} assessment removed (was ${listed(sb)}).`;
    else {
      const poles = [...new Set([...Object.keys(sb), ...Object.keys(sa)])];
      text = `Polarity ${key}: ${poles
        .filter((p) => sb[p] !== sa[p])
        .map((p) => `${p} ${show(sb[p])} → ${show(sa[p])}`)
        .join(', ')}.`;
    }
    out.push({ kind: !sb ? 'added' : !sa ? 'removed' : 'changed', subject: 'polarity', id: key, before: sb ?? null, after: sa ?? null, text });
  }
  return out;
}

function compareCorrelations(key: string, before: readonly Correlation[], after: readonly Correlation[], renames: Renames): Change[] {
  const name = (refs: readonly string[]) => [...refs].sort(compareStrings).join(' ~ ');
  // A correlation of the older version is the same when it names the same KPIs, before or after renames.
  const olds = before.map((c) => ({
    ids: [name(c.between.map((r) => renamedRaw(r, key, renames))), name(c.between.map((r) => r.raw))],
    r: c.r?.value,
    taken: false,
  }));
  const out: Change[] = [];
  for (const c of after) {
    const id = name(c.between.map((r) => r.raw));
    const ra = c.r?.value;
    const old = olds.find((o) => !o.taken && o.ids.includes(id));
    if (old) old.taken = true;
    if (old && old.r === ra) continue;
    const text = old ? `Correlation ${id}: r ${show(old.r)} → ${show(ra)}.` : `Correlation ${id} added (r ${show(ra)}).`;
    out.push({ kind: old ? 'changed' : 'added', subject: 'correlation', id, field: 'r', before: old?.r ?? null, after: ra ?? null, text });
  }
  for (const o of olds.filter((x) => !x.taken)) {
    out.push({
      kind: 'removed',
      subject: 'correlation',
      id: o.ids[0],
      field: 'r',
      before: o.r ?? null,
      after: null,
      text: `Correlation ${o.ids[1]} removed (was r ${show(o.r)}).`,
    });
  }
  return out;
}

/** A qualified id (`scorecard/item`) of the older version as the newer one spells it: the scorecard renamed, then the item. */
export function renamedId(q: string, renames: Renames): string {
  const slash = q.lastIndexOf('/');
  const sc = q.slice(0, slash);
  const scNow = renames.scorecards.get(sc) ?? sc;
  const item = q.slice(slash + 1);
  return `${scNow}/${renames.items.get(`${scNow}/${item}`) ?? item}`;
}

/** A ref of the older version as it would be spelled after the renames. */
function renamedRaw(r: Ref, scKey: string, renames: Renames): string {
  const to = renames.items.get(refKey(r, scKey, renames.scorecards));
  const sc = r.scorecard === undefined ? undefined : (renames.scorecards.get(r.scorecard) ?? r.scorecard);
  if (!to && sc === r.scorecard) return r.raw;
  return sc === undefined ? (to ?? r.id) : `${sc}/${to ?? r.id}`;
}

function compareItems(key: string, sb: Scorecard, sa: Scorecard, renames: Renames): Change[] {
  const bi = itemMap(sb);
  const ai = itemMap(sa);
  const renamedTo = new Map<string, string>();
  for (const [from, to] of renames.items) if (from.startsWith(`${key}/`)) renamedTo.set(from.slice(key.length + 1), to);
  const renamedFrom = new Map([...renamedTo].map(([f, t]) => [t, f]));
  const out: Change[] = [];
  // Items in the order of the newer version; removed ones after them, in their old order.
  for (const it of ai.values()) {
    const oldId = renamedFrom.get(it.id);
    const old = bi.get(oldId ?? it.id);
    if (oldId) {
      out.push({
        kind: 'renamed',
        subject: it.kind,
        id: it.id,
        before: oldId,
        after: it.id,
        text: `${KIND_NAME[it.kind]} ${oldId} renamed to ${it.id} (nothing else changed).`,
      });
    } else if (!old || old.kind !== it.kind) {
      if (old) out.push(itemAddedOrRemoved(old, 'removed'));
      out.push(itemAddedOrRemoved(it, 'added'));
    } else {
      pushAll(out, compareItem(key, old, it, renames));
    }
  }
  for (const it of bi.values()) if (!ai.has(it.id) && !renamedTo.has(it.id)) out.push(itemAddedOrRemoved(it, 'removed'));
  return out;
}

function compareItem(key: string, b: Item, a: Item, renames: Renames): Change[] {
  const out: Change[] = [];
  const head = `${KIND_NAME[a.kind]} ${a.id}`;
  const specs = new Map(fieldsOf(a.kind));
  const fb = new Map(plainFields(b));
  for (const [field, va] of plainFields(a)) {
    const vb = fb.get(field);
    if (same(vb, va)) continue;
    if (field === 'target') out.push(targetChange(b as Kpi, a as Kpi));
    else if (field === 'milestones') pushAll(out, milestoneChanges(b as Kpi, a as Kpi));
    else
      out.push({
        kind: 'changed',
        subject: a.kind,
        id: a.id,
        field,
        before: vb ?? null,
        after: va ?? null,
        text: `${head}: ${itemFieldText(field, specs.get(field)!, vb, va)}.`,
      });
  }
  const lb = new Map(linkFields(b).map(([field, refs]) => [field, refs]));
  for (const [field, refsA, { verb, cascade }] of linkFields(a)) {
    const link = cascade ? 'cascade link' : 'link';
    // A ref of the older version is the same link when it names the same id, or the new id of a
    // renamed item (a ref that did not follow a rename is still the same link, now unresolved).
    const before = (lb.get(field) ?? []).map((r) => {
      const k = refKey(r, key, renames.scorecards);
      const to = renamedId(k, renames);
      return { ref: r, keys: to === k ? [k] : [k, to], taken: false };
    });
    const added: Ref[] = [];
    for (const r of refsA) {
      const k = refKey(r, key, renames.scorecards);
      const old = before.find((x) => !x.taken && x.keys.includes(k));
      if (!old) {
        added.push(r);
        continue;
      }
      old.taken = true;
      if (old.ref.level !== r.level)
        out.push({
          kind: 'changed',
          subject: a.kind,
          id: a.id,
          field,
          before: linkJson(old.ref),
          after: linkJson(r),
          text: `${head}: ${verb} ${r.raw} ${old.ref.level ?? '(no level)'} → ${r.level ?? '(no level)'}.`,
        });
    }
    const cut = before.filter((x) => !x.taken).map((x) => x.ref);
    // A link cut and one added in the same field read as one link moved, pair by pair.
    for (let i = 0; i < Math.max(added.length, cut.length); i++) {
      const [from, to] = [cut[i], added[i]];
      if (from && to)
        out.push({
          kind: 'link-moved',
          subject: a.kind,
          id: a.id,
          field,
          before: linkJson(from),
          after: linkJson(to),
          text: `${head}: ${link} moved: ${verb} ${linkText(from)} → ${linkText(to)}.`,
        });
      else if (to)
        out.push({
          kind: 'link-added',
          subject: a.kind,
          id: a.id,
          field,
          after: linkJson(to),
          text: `${head}: ${link} added: now ${verb} ${linkText(to)}.`,
        });
      else
        out.push({
          kind: 'link-cut',
          subject: a.kind,
          id: a.id,
          field,
          before: linkJson(from),
          text: `${head}: ${link} cut: no longer ${verb} ${linkText(from)}.`,
        });
    }
  }
  return out;
}

function linkText(r: Ref): string {
  return r.level ? `${r.raw} (${r.level})` : r.raw;
}

function linkJson(r: Ref): JsonValue {
  return r.level ? { ref: r.raw, level: r.level } : r.raw;
}
