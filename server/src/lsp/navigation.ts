import { Location, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Scorecard, Span, Workspace } from '../engine';
import type { Location as EngineLocation } from '../engine';
import { outline } from '../engine/editor';
import type { OutlineNode } from '../engine/editor';
import { definitionOf, referencesTo, symbolAt } from '../engine/model';
import type { Entity } from '../engine/model';
import { range, symbolKind } from './convert';
import type { TextInfo } from './convert';

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type TextOf = (uri: string) => TextInfo | undefined;

function location(textOf: TextOf, l: EngineLocation): Location | undefined {
  const doc = textOf(l.uri);
  return doc ? { uri: l.uri, range: range(doc, l.span) } : undefined;
}

function locations(textOf: TextOf, list: readonly EngineLocation[]): Location[] {
  return list.map((l) => location(textOf, l)).filter((l): l is Location => !!l);
}

export function definition(ws: Workspace, sc: Scorecard, offset: number, textOf: TextOf): Location | undefined {
  const entity = symbolAt(ws, sc, offset)?.entity;
  const def = entity && definitionOf(entity);
  return def && location(textOf, def);
}

export function references(ws: Workspace, sc: Scorecard, offset: number, includeDeclaration: boolean, textOf: TextOf): Location[] | undefined {
  const entity = symbolAt(ws, sc, offset)?.entity;
  if (!entity || entity.kind === 'vision') return undefined;
  const def = definitionOf(entity);
  const refs = referencesTo(ws, entity);
  return locations(textOf, includeDeclaration && def ? [def, ...refs] : refs);
}

/** Why a rename cannot start or finish here, as the user should read it. */
export class RenameError extends Error {}

function renameTarget(ws: Workspace, sc: Scorecard, offset: number): { entity: Entity & { kind: 'item' | 'scorecard' }; span: Span } {
  const sym = symbolAt(ws, sc, offset);
  if (!sym) throw new RenameError('Rename works on ids and references: put the cursor on one.');
  const e = sym.entity;
  if (!e) throw new RenameError(`"${sc.text.slice(sym.span.start, sym.span.end)}" does not resolve, so there is nothing to rename.`);
  if (e.kind === 'vision') throw new RenameError('`vision` is a reserved word and cannot be renamed.');
  return { entity: e, span: sym.span };
}

export function prepareRename(ws: Workspace, sc: Scorecard, offset: number): { range: ReturnType<typeof range>; placeholder: string } {
  const { span } = renameTarget(ws, sc, offset);
  return { range: range(sc, span), placeholder: sc.text.slice(span.start, span.end) };
}

/** The edits that rename an item or a scorecard id and every reference to it, across files. */
export function rename(ws: Workspace, sc: Scorecard, offset: number, newName: string, textOf: TextOf): WorkspaceEdit {
  const { entity } = renameTarget(ws, sc, offset);
  if (!SLUG_RE.test(newName)) throw new RenameError(`"${newName}" is not a valid id: use lowercase letters and digits, words joined by single hyphens.`);
  if (entity.kind === 'item') {
    const clash = ws.item(entity.scorecard, newName);
    if (clash && clash !== entity.item) throw new RenameError(`Scorecard "${entity.scorecard.id?.value}" already has an item with id "${newName}".`);
  } else if (ws.byId.has(newName) && ws.byId.get(newName) !== entity.scorecard) {
    throw new RenameError(`A scorecard with id "${newName}" exists already.`);
  }
  const def = definitionOf(entity);
  const changes: Record<string, TextEdit[]> = {};
  for (const l of def ? [def, ...referencesTo(ws, entity)] : referencesTo(ws, entity)) {
    const doc = textOf(l.uri);
    if (doc) (changes[l.uri] ??= []).push({ range: range(doc, l.span), newText: newName });
  }
  return { changes };
}

export function workspaceSymbols(ws: Workspace, query: string, textOf: TextOf): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  const add = (node: OutlineNode, uri: string, doc: TextInfo, container?: string) => {
    const qualifiedName = container ? `${container}/${node.name}` : node.name;
    if (!q || qualifiedName.toLowerCase().includes(q) || node.detail?.toLowerCase().includes(q)) {
      out.push({ name: node.name, kind: symbolKind(node.kind), location: { uri, range: range(doc, node.selection) }, containerName: container });
    }
  };
  for (const sc of ws.scorecards) {
    const doc = textOf(sc.uri);
    if (!doc) continue;
    const root = outline(sc);
    add(root, sc.uri, doc);
    for (const child of root.children) add(child, sc.uri, doc, root.name);
  }
  return out;
}
