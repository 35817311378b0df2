import type { Hover } from 'vscode-languageserver';
import { docsUrl, RULES } from '../engine';
import type { Finding, Item, Kpi, Lever, Disturbance, Ref, Scorecard, Span, Workspace } from '../engine';
import { pathToVision } from '../engine/coupling';
import { keyAt } from '../engine/cursor';
import { influencesOn, symbolAt } from '../engine/query';
import type { Effect, Entity } from '../engine/query';
import { descriptionAt } from '../engine/schema-path';
import { range } from './convert';

/** The docs page of a rule (`docs/rules/<id>.md`), or undefined when there is none. */
export type RuleDocs = (rule: string) => string | undefined;

/**
 * Why a rule exists and how to fix its findings: the introduction and the "Why" and "How to
 * fix" sections of its docs page, or the rule's one-line description when there is no page.
 */
export function ruleExplanation(rule: string, docs: RuleDocs): string {
  const page = docs(rule);
  if (page) {
    const body = page.replace(/^#\s[^\n]*\n/, '');
    const sections = body.split(/^(?=## )/m);
    const kept = sections.filter((s, i) => i === 0 || /^## (Why|How to fix)\b/.test(s));
    const text = kept.join('').trim().replace(/^## /gm, '#### ');
    if (text) return text;
  }
  return RULES.find((r) => r.meta.id === rule)?.meta.description ?? '';
}

/**
 * Why the rule of a finding exists and how to fix it. Not the message: editors show the
 * diagnostic itself next to the hover (VS Code in the same widget), and it would read twice.
 */
function findingHover(f: Finding, docs: RuleDocs): string {
  return `**${f.rule}**\n\n${ruleExplanation(f.rule, docs)}\n\n[Rule documentation](${docsUrl(f.rule)})`;
}

function code(s: string): string {
  return `\`${s}\``;
}

function qualified(ws: Workspace, sc: Scorecard, item: { id: string }): string {
  return ws.qualifiedId(sc, item);
}

function refList(refs: readonly Ref[]): string {
  return refs.map((r) => code(r.raw) + (r.level ? ` (${r.level})` : '')).join(', ');
}

function effects<T extends Item>(ws: Workspace, list: Effect<T>[]): string {
  return list.map((e) => code(qualified(ws, e.scorecard, e.item)) + (e.level ? ` (${e.level})` : '')).join(', ');
}

function visionLine(ws: Workspace, sc: Scorecard, item: Item): string {
  if (item.kind !== 'objective' && item.kind !== 'kpi') return '';
  const p = pathToVision(ws, sc, item);
  return p ? `Path to the vision: ${p.map(code).join(' → ')}` : 'No path up to the vision.';
}

function kpiLines(ws: Workspace, sc: Scorecard, k: Kpi): string[] {
  const lines: string[] = [];
  if (k.owner.length) lines.push(`${k.owner.length > 1 ? 'Owners' : 'Owner'}: ${k.owner.map((o) => o.value).join(', ')}`);
  if (k.target && (k.target.value || k.target.by)) {
    const value = k.target.value ? `${k.target.value.value}${k.unit ? ` ${k.unit.value}` : ''}` : 'no value';
    lines.push(`Target: ${value}${k.target.by ? ` by ${k.target.by.value}` : ''}${k.direction ? ` (${k.direction.value})` : ''}`);
  }
  const inf = influencesOn(ws, k);
  lines.push(inf.improves.length ? `Improved by: ${effects(ws, inf.improves)}` : 'No lever improves it.');
  if (inf.worsens.length) lines.push(`Worsened by: ${effects(ws, inf.worsens)}`);
  if (inf.affects.length) lines.push(`Disturbed by: ${effects(ws, inf.affects)}`);
  lines.push(visionLine(ws, sc, k));
  return lines;
}

function itemHover(ws: Workspace, sc: Scorecard, item: Item): string {
  const kinds = { objective: 'Objective', kpi: 'KPI', lever: 'Lever', disturbance: 'Disturbance' };
  const title = item.kind === 'objective' ? item.title?.value : item.name?.value;
  const head = `**${kinds[item.kind]}** ${code(qualified(ws, sc, item))}${title ? `: ${title}` : ''}`;
  let lines: string[];
  if (item.kind === 'kpi') lines = kpiLines(ws, sc, item);
  else if (item.kind === 'objective') {
    const kpis = ws.kpisOfObjective(sc, item).map((k) => code(qualified(ws, scorecardOfItem(ws, k) ?? sc, k)));
    lines = [kpis.length ? `Measured by: ${kpis.join(', ')}` : 'No KPI measures it.', visionLine(ws, sc, item)];
  } else if (item.kind === 'lever') lines = leverLines(item);
  else lines = disturbanceLines(item);
  return [head, ...lines.filter(Boolean)].join('\n\n');
}

function leverLines(l: Lever): string[] {
  return [l.owner.length ? `${l.owner.length > 1 ? 'Owners' : 'Owner'}: ${l.owner.map((o) => o.value).join(', ')}` : '', l.improves.length ? `Improves: ${refList(l.improves)}` : '', l.worsens.length ? `Worsens: ${refList(l.worsens)}` : ''];
}

function disturbanceLines(d: Disturbance): string[] {
  return [d.affects.length ? `Affects: ${refList(d.affects)}` : ''];
}

function scorecardOfItem(ws: Workspace, item: Item): Scorecard | undefined {
  return ws.scorecards.find((sc) => ws.item(sc, item.id) === item);
}

function scorecardHover(ws: Workspace, sc: Scorecard): string {
  const chain: string[] = [];
  const seen = new Set<Scorecard>();
  for (let cur: Scorecard | undefined = sc; cur && !seen.has(cur); cur = ws.parentOf(cur)) {
    seen.add(cur);
    chain.push(code(cur.id?.value ?? cur.uri));
  }
  const lines = [
    `**Scorecard** ${code(sc.id?.value ?? sc.uri)}${sc.title ? `: ${sc.title.value}` : ''}`,
    sc.owner ? `Owner: ${sc.owner.value}` : '',
    chain.length > 1 ? `Cascade: ${chain.join(' → ')}` : 'Root scorecard.',
    `${sc.objectives.length} objectives, ${sc.kpis.length} KPIs, ${sc.levers.length} levers, ${sc.disturbances.length} disturbances.`,
  ];
  return lines.filter(Boolean).join('\n\n');
}

function entityHover(ws: Workspace, e: Entity): string {
  if (e.kind === 'item') return itemHover(ws, e.scorecard, e.item);
  if (e.kind === 'scorecard') return scorecardHover(ws, e.scorecard);
  const v = e.scorecard?.vision;
  const where = e.scorecard?.id ? ` of ${code(e.scorecard.id.value)}` : '';
  return [`**Vision**${where}`, v?.statement?.value ?? 'No vision statement.', v?.values?.length ? `Values: ${v.values.map((x) => x.value).join(', ')}` : ''].filter(Boolean).join('\n\n');
}

/** The hover at an offset: findings there, then what the name under it stands for, or the key's description. */
export function hover(ws: Workspace, sc: Scorecard, findings: readonly Finding[], offset: number, docs: RuleDocs): Hover | undefined {
  const parts: string[] = [];
  let span: Span | undefined;
  for (const f of findings) {
    if (f.span.start <= offset && offset <= f.span.end) {
      parts.push(findingHover(f, docs));
      span ??= f.span;
    }
  }
  const sym = symbolAt(ws, sc, offset);
  if (sym) {
    parts.push(sym.entity ? entityHover(ws, sym.entity) : `Unresolved reference ${code(sym.site?.ref.raw ?? '')}.`);
    span = sym.span;
  } else {
    const key = keyAt(sc.text, offset);
    const description = key && descriptionAt(key.path);
    if (key && description) {
      parts.push(`**${key.path[key.path.length - 1]}**\n\n${description}`);
      span = key.span;
    }
  }
  if (!parts.length) return undefined;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: span ? range(sc, span) : undefined };
}
