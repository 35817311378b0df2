import type { Hover } from 'vscode-languageserver';
import { docsUrl, formatNumber, kpiStatus, RULES, statusWords } from '../engine';
import type { DataRead, Finding, Item, Kpi, KpiStatus, Lever, Disturbance, Ref, Scorecard, Span, Workspace } from '../engine';
import { pathToVision } from '../engine/model';
import { keyAt } from '../engine/editor';
import { influencesOn, symbolAt } from '../engine/model';
import type { Effect, Entity } from '../engine/model';
import { descriptionAt } from '../engine/syntax';
import { range } from './convert';
import { pushAll } from '../engine/arrays';

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

/** What a KPI's status is computed with: the as-of date and the data files, as lint has them. */
export interface StatusContext {
  asOf: string;
  readData?: (scorecardUri: string, csv: string) => DataRead | undefined;
}

const PENDING_WORDS = { tbd: 'to be decided', withheld: 'withheld' } as const;

function targetLine(k: Kpi): string | undefined {
  const t = k.target;
  if (!t || !(t.value || t.pending || t.by || t.every)) return undefined;
  const value = t.value ? `${t.value.value}${k.unit ? ` ${k.unit.value}` : ''}` : t.pending ? PENDING_WORDS[t.pending.value] : 'no value';
  const when = t.by ? ` by ${t.by.value}` : t.every ? ` every ${t.every.value}` : '';
  return `Target: ${value}${when}${k.direction ? ` (${k.direction.value})` : ''}`;
}

/** Where the KPI stands (FORMAT.md, Status): the same figures as `kpilens status` and the preview. */
function statusLines(k: Kpi, s: KpiStatus, asOf: string): string[] {
  const unit = k.unit ? ` ${k.unit.value}` : '';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [`Status: **${statusWords(s.status)}** as of ${asOf}: ${s.reason}.`];
  if (s.last) {
    const parts = [`Last: ${formatNumber(s.last.value)}${unit} on ${s.last.date}`];
    if (s.plan !== undefined) parts.push(`plan ${formatNumber(s.plan)}${unit}`);
    if (s.progress !== undefined) parts.push(`progress ${pct(s.progress)}${s.expected !== undefined ? ` (${pct(s.expected)} expected)` : ''}`);
    if (s.hitRate !== undefined) parts.push(`target met in ${Math.round(s.hitRate * s.trend.length)} of the last ${s.trend.length} observations`);
    lines.push(`${parts.join(', ')}.`);
  }
  if (s.stale && s.last)
    lines.push(`Stale: measured ${k.cadence?.value ?? ''}, but nothing observed since ${s.last.date}, more than two periods before ${asOf}.`);
  if (s.reported || s.note)
    lines.push(`Reported${s.reported ? ` ${statusWords(s.reported)}` : ''}${s.last ? ` on ${s.last.date}` : ''}${s.note ? `: "${s.note}"` : ''}`);
  return lines;
}

function kpiLines(ws: Workspace, sc: Scorecard, k: Kpi, status: StatusContext): string[] {
  const lines: string[] = [];
  if (k.owner.length) lines.push(`${k.owner.length > 1 ? 'Owners' : 'Owner'}: ${k.owner.map((o) => o.value).join(', ')}`);
  const target = targetLine(k);
  if (target) lines.push(target);
  pushAll(
    lines,
    statusLines(
      k,
      kpiStatus(k, (csv) => status.readData?.(sc.uri, csv), status.asOf),
      status.asOf,
    ),
  );
  const inf = influencesOn(ws, k);
  lines.push(inf.improves.length ? `Improved by: ${effects(ws, inf.improves)}` : 'No lever improves it.');
  if (inf.worsens.length) lines.push(`Worsened by: ${effects(ws, inf.worsens)}`);
  if (inf.affects.length) lines.push(`Disturbed by: ${effects(ws, inf.affects)}`);
  lines.push(visionLine(ws, sc, k));
  return lines;
}

function itemHover(ws: Workspace, sc: Scorecard, item: Item, status: StatusContext): string {
  const kinds = { objective: 'Objective', kpi: 'KPI', lever: 'Lever', disturbance: 'Disturbance' };
  const title = item.kind === 'objective' ? item.title?.value : item.name?.value;
  const head = `**${kinds[item.kind]}** ${code(qualified(ws, sc, item))}${title ? `: ${title}` : ''}`;
  let lines: string[];
  if (item.kind === 'kpi') lines = kpiLines(ws, sc, item, status);
  else if (item.kind === 'objective') {
    const kpis = ws.kpisOfObjective(sc, item).map((k) => code(qualified(ws, scorecardOfItem(ws, k) ?? sc, k)));
    lines = [kpis.length ? `Measured by: ${kpis.join(', ')}` : 'No KPI measures it.', visionLine(ws, sc, item)];
  } else if (item.kind === 'lever') lines = leverLines(item);
  else lines = disturbanceLines(item);
  return [head, ...lines.filter(Boolean)].join('\n\n');
}

function leverLines(l: Lever): string[] {
  return [
    l.owner.length ? `${l.owner.length > 1 ? 'Owners' : 'Owner'}: ${l.owner.map((o) => o.value).join(', ')}` : '',
    l.improves.length ? `Improves: ${refList(l.improves)}` : '',
    l.worsens.length ? `Worsens: ${refList(l.worsens)}` : '',
  ];
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

function entityHover(ws: Workspace, e: Entity, status: StatusContext): string {
  if (e.kind === 'item') return itemHover(ws, e.scorecard, e.item, status);
  if (e.kind === 'scorecard') return scorecardHover(ws, e.scorecard);
  const v = e.scorecard?.vision;
  const where = e.scorecard?.id ? ` of ${code(e.scorecard.id.value)}` : '';
  return [`**Vision**${where}`, v?.statement?.value ?? 'No vision statement.', v?.values?.length ? `Values: ${v.values.map((x) => x.value).join(', ')}` : '']
    .filter(Boolean)
    .join('\n\n');
}

/** The hover at an offset: findings there, then what the name under it stands for, or the key's description. */
export function hover(ws: Workspace, sc: Scorecard, findings: readonly Finding[], offset: number, docs: RuleDocs, status: StatusContext): Hover | undefined {
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
    parts.push(sym.entity ? entityHover(ws, sym.entity, status) : `Unresolved reference ${code(sym.site?.ref.raw ?? '')}.`);
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
