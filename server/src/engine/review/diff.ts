// The semantic diff of two versions of a strategy: what a leader reviewing a pull request needs
// to read (items added, removed, renamed; targets moved and whether they got more ambitious;
// owners, links and the vision changed) and which findings the change introduced or resolved.
// Pure: two sets of scorecards with their findings in, plain data out.
import type { ItemKind, Scorecard } from '../model/model';
import { compareStrings } from '../text';
import type { Finding, Severity } from '../types';
import { findRenames } from './fields';
import { compareScorecards, wholeScorecard } from './compare';
import { compareFindings } from './findings';

/** One version of the strategy: its scorecards and the findings of each (by scorecard uri). */
export interface DiffSide {
  scorecards: readonly Scorecard[];
  findings: ReadonlyMap<string, readonly Finding[]>;
}

export type Ambition = 'more' | 'less' | 'mixed' | 'unclear';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface Change {
  /** `changed` is any other field edit; targets and links get kinds of their own, being what a reviewer looks for first. */
  kind: 'added' | 'removed' | 'renamed' | 'changed' | 'target' | 'link-added' | 'link-cut' | 'link-moved';
  subject: 'scorecard' | ItemKind | 'polarity' | 'correlation';
  /** The subject's id: the item id (the new one for a rename), the scorecard id, the polarity key, or `a ~ b`. */
  id: string;
  /** The field that changed (`owner`, `target`, `supports`, `vision.values`, ...). */
  field?: string;
  before?: JsonValue;
  after?: JsonValue;
  /** For targets that moved: more ambitious, less, mixed, or unclear (no direction to judge by). */
  ambition?: Ambition;
  /** The change in words, naming the ids and showing old → new. */
  text: string;
}

export interface DiffFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** The scorecard's uri on the side the finding comes from. */
  uri: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Ids of the items involved (`scorecard/item`); the finding's identity across versions. */
  items: string[];
}

export interface ScorecardDiff {
  /** The scorecard id, or its uri when it has none. */
  id: string;
  title?: string;
  /** By content; an unchanged scorecard is listed only when its findings changed. */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  before?: string;
  after?: string;
  changes: Change[];
  introduced: DiffFinding[];
  resolved: DiffFinding[];
}

export interface DiffSummary {
  scorecards: { compared: number; added: number; removed: number; changed: number };
  items: { added: number; removed: number; renamed: number; changed: number };
  targets: { more: number; less: number; mixed: number; unclear: number };
  links: { added: number; cut: number; moved: number };
  findings: { introduced: number; resolved: number };
}

export interface StrategyDiff {
  /** Scorecards with changes or changed findings, sorted by id. */
  scorecards: ScorecardDiff[];
  summary: DiffSummary;
}

/** How a scorecard is told apart across versions: its id, or its uri when it has none (or a duplicate id). */
function keyed(scorecards: readonly Scorecard[]): Map<string, Scorecard> {
  const out = new Map<string, Scorecard>();
  for (const sc of [...scorecards].sort((a, b) => compareStrings(a.uri, b.uri))) {
    const id = sc.id?.value;
    out.set(id !== undefined && !out.has(id) ? id : `file:${sc.uri}`, sc);
  }
  return out;
}

/** What was renamed between the versions: items by `scorecard/old-id` to their new id, scorecard ids to their new id. */
export interface Renames {
  items: ReadonlyMap<string, string>;
  scorecards: ReadonlyMap<string, string>;
}

export function diffStrategy(before: DiffSide, after: DiffSide): StrategyDiff {
  const b = keyed(before.scorecards);
  const a = keyed(after.scorecards);
  // A file whose scorecard id changed, and only that id: one scorecard renamed, not one removed
  // and another added. It is compared under its new id.
  const scorecardRenames = new Map<string, string>();
  for (const [oldId, sb] of b) {
    if (oldId.startsWith('file:') || a.has(oldId)) continue;
    const match = [...a].find(([newId, sa]) => !newId.startsWith('file:') && !b.has(newId) && sa.uri === sb.uri);
    if (!match) continue;
    scorecardRenames.set(oldId, match[0]);
    b.delete(oldId);
    b.set(match[0], sb);
  }
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort(compareStrings);

  // Renames first, across the whole strategy, so that refs to a renamed item do not read as a cut link.
  const itemRenames = new Map<string, string>();
  for (const key of keys) {
    const sb = b.get(key);
    const sa = a.get(key);
    if (sb && sa) for (const [from, to] of findRenames(sb, sa, key, scorecardRenames)) itemRenames.set(`${key}/${from}`, to);
  }
  const renames: Renames = { items: itemRenames, scorecards: scorecardRenames };
  const renamedFrom = new Map([...scorecardRenames].map(([from, to]) => [to, from]));

  const scorecards: ScorecardDiff[] = [];
  for (const key of keys) {
    const sb = b.get(key);
    const sa = a.get(key);
    const changes = sb && sa ? compareScorecards(key, sb, sa, renames) : wholeScorecard(key, (sa ?? sb)!, sa ? 'added' : 'removed');
    const oldId = renamedFrom.get(key);
    if (oldId !== undefined)
      changes.unshift({ kind: 'renamed', subject: 'scorecard', id: key, before: oldId, after: key, text: `Scorecard ${oldId} renamed to ${key}.` });
    const { introduced, resolved } = compareFindings(key, sb, sa, before, after, renames);
    const status = !sb ? 'added' : !sa ? 'removed' : changes.length ? 'changed' : 'unchanged';
    if (status === 'unchanged' && !introduced.length && !resolved.length) continue;
    scorecards.push({
      id: key.startsWith('file:') ? key.slice(5) : key,
      title: (sa ?? sb)!.title?.value,
      status,
      before: sb?.uri,
      after: sa?.uri,
      changes,
      introduced,
      resolved,
    });
  }
  return { scorecards, summary: summarize(scorecards, keys.length) };
}

function summarize(scorecards: readonly ScorecardDiff[], compared: number): DiffSummary {
  const s: DiffSummary = {
    scorecards: { compared, added: 0, removed: 0, changed: 0 },
    items: { added: 0, removed: 0, renamed: 0, changed: 0 },
    targets: { more: 0, less: 0, mixed: 0, unclear: 0 },
    links: { added: 0, cut: 0, moved: 0 },
    findings: { introduced: 0, resolved: 0 },
  };
  for (const sd of scorecards) {
    if (sd.status !== 'unchanged') s.scorecards[sd.status]++;
    s.findings.introduced += sd.introduced.length;
    s.findings.resolved += sd.resolved.length;
    const changedItems = new Set<string>();
    for (const c of sd.changes) {
      const isItem = c.subject !== 'scorecard' && c.subject !== 'polarity' && c.subject !== 'correlation';
      if (isItem && (c.kind === 'added' || c.kind === 'removed' || c.kind === 'renamed')) s.items[c.kind]++;
      else if (isItem) changedItems.add(`${c.subject}:${c.id}`);
      if (c.kind === 'target' && c.ambition) s.targets[c.ambition]++;
      if (c.kind === 'link-added') s.links.added++;
      if (c.kind === 'link-cut') s.links.cut++;
      if (c.kind === 'link-moved') s.links.moved++;
    }
    s.items.changed += changedItems.size;
  }
  return s;
}
