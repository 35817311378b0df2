import { isMap } from 'yaml';
import { Converter, duplicateKeys, parseYaml } from '../syntax/parse';
import type { Rule } from './rule';
import type { SeverityOrOff, Span } from '../types';
import { closest } from '../model/workspace';

export interface RuleSetting {
  severity?: SeverityOrOff;
  options?: Record<string, number>;
}
/** Per-rule settings, by rule id: from `.kpilens.yaml`, `--config`, or the editor's `kpilens.rules`. */
export type RuleSettings = Record<string, RuleSetting>;

export interface ConfigProblem {
  span: Span;
  message: string;
}

/** The name of the file of rule settings that applies to the scorecards in its folder and below. */
export const CONFIG_NAME = '.kpilens.yaml';

export const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * Unknown rule names that get a "did you mean": a person reads the first few; a file of
 * thousands of made-up names would otherwise cost an edit distance to every rule for each.
 */
const MAX_SUGGESTIONS = 100;

/**
 * Reads rule settings from plain data (the `rules` map of `.kpilens.yaml`, or the editor
 * setting). Every unknown rule, option or wrongly typed value is a problem, never ignored.
 */
export function readRuleSettings(
  rulesValue: unknown,
  registry: readonly Rule[],
  spanOf: (path: string[], onKey: boolean) => Span = () => ({ start: 0, end: 0 }),
): { settings: RuleSettings; problems: ConfigProblem[] } {
  const settings: RuleSettings = {};
  const problems: ConfigProblem[] = [];
  const problem = (path: string[], onKey: boolean, message: string) => problems.push({ span: spanOf(path, onKey), message });
  if (rulesValue === undefined || rulesValue === null) return { settings, problems };
  if (typeof rulesValue !== 'object' || Array.isArray(rulesValue)) {
    problem([], false, '`rules` must be a mapping from rule id to a severity or to options.');
    return { settings, problems };
  }
  const ids = registry.map((r) => r.meta.id);
  const byId = new Map(registry.map((r) => [r.meta.id, r]));
  let unknown = 0;
  for (const [id, value] of Object.entries(rulesValue as Record<string, unknown>)) {
    const rule = byId.get(id);
    if (!rule) {
      const guess = unknown++ < MAX_SUGGESTIONS ? closest(id, ids) : undefined;
      problem([id], true, `Unknown rule "${id}".${guess ? ` Did you mean "${guess}"?` : ''}`);
      continue;
    }
    if (typeof value === 'string') {
      if (SEVERITIES.includes(value as SeverityOrOff)) settings[id] = { severity: value as SeverityOrOff };
      else problem([id], false, `Rule "${id}": "${value}" is not a severity; use error, warning, info, hint or off.`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problem([id], false, `Rule "${id}" takes a severity (error, warning, info, hint, off) or a mapping of options.`);
      continue;
    }
    const setting: RuleSetting = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'severity') {
        if (typeof v === 'string' && SEVERITIES.includes(v as SeverityOrOff)) setting.severity = v as SeverityOrOff;
        else problem([id, key], false, `Rule "${id}": severity must be error, warning, info, hint or off, not ${JSON.stringify(v)}.`);
        continue;
      }
      const opt = rule.meta.options?.[key];
      if (!opt) {
        const known = Object.keys(rule.meta.options ?? {});
        const guess = closest(key, [...known, 'severity']);
        problem(
          [id, key],
          true,
          `Rule "${id}" has no option "${key}".${guess ? ` Did you mean "${guess}"?` : known.length ? ` Its options: ${known.join(', ')}.` : ' It takes no options.'}`,
        );
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v) || v < opt.min || (opt.integer && !Number.isInteger(v))) {
        problem(
          [id, key],
          false,
          `Rule "${id}": option "${key}" must be ${opt.integer ? 'a whole number' : 'a number'} of at least ${opt.min}, not ${JSON.stringify(v)}.`,
        );
        continue;
      }
      (setting.options ??= {})[key] = v;
    }
    settings[id] = setting;
  }
  return { settings, problems };
}

/** Parse `.kpilens.yaml` text. Problems carry spans into that text. */
export function parseConfig(text: string, registry: readonly Rule[]): { settings: RuleSettings; problems: ConfigProblem[] } {
  // Duplicate keys are found in one pass by duplicateKeys, not by the yaml package's quadratic check.
  const { doc } = parseYaml(text);
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    span: { start: e.pos[0], end: e.pos[1] },
    message: e.message.replace(/ at line \d+, column \d+[\s\S]*$/, ''),
  }));
  for (const d of duplicateKeys(doc)) problems.push(d);
  if (problems.length) return { settings: {}, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { settings: {}, problems: [{ span: { start: 0, end: 0 }, message: e instanceof Error ? e.message : String(e) }] };
  }
  if (data === null || data === undefined) return { settings: {}, problems };
  // Finds each key through an index of its mapping: thousands of problems each look one up.
  const conv = new Converter(doc, text);
  const spanOf = (path: string[], onKey: boolean): Span => {
    let node: unknown = doc.contents;
    let span: Span = { start: 0, end: 0 };
    for (const part of path) {
      if (!isMap(node)) break;
      const pair = conv.pair(node, part);
      if (!pair) break;
      const k = pair.key as { range?: [number, number, number] };
      const v = pair.value as { range?: [number, number, number] } | null;
      span =
        onKey && part === path[path.length - 1] && k.range
          ? { start: k.range[0], end: k.range[1] }
          : v?.range
            ? { start: v.range[0], end: v.range[1] }
            : k.range
              ? { start: k.range[0], end: k.range[1] }
              : span;
      node = pair.value;
    }
    return span;
  };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      settings: {},
      problems: [{ span: { start: 0, end: Math.min(text.length, 1) }, message: 'A .kpilens.yaml file is a mapping with a `rules` key.' }],
    };
  }
  for (const key of Object.keys(data)) {
    if (key !== 'rules') problems.push({ span: spanOf([key], true), message: `Unknown key "${key}" in .kpilens.yaml; the only key is \`rules\`.` });
  }
  const r = readRuleSettings((data as Record<string, unknown>).rules, registry, (path, onKey) => spanOf(['rules', ...path], onKey));
  return { settings: r.settings, problems: [...problems, ...r.problems] };
}

/** Later layers win, rule by rule and option by option. */
export function mergeSettings(...layers: (RuleSettings | undefined)[]): RuleSettings {
  const out: RuleSettings = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [id, s] of Object.entries(layer)) {
      const prev = out[id] ?? {};
      out[id] = { severity: s.severity ?? prev.severity, options: { ...prev.options, ...s.options } };
    }
  }
  return out;
}

/** The severity and options of a rule under some settings. */
export function resolveRule(rule: Rule, settings: RuleSettings): { severity: SeverityOrOff; options: Record<string, number> } {
  const s = settings[rule.meta.id];
  const options: Record<string, number> = {};
  for (const [k, o] of Object.entries(rule.meta.options ?? {})) options[k] = s?.options?.[k] ?? o.default;
  return { severity: s?.severity ?? rule.meta.defaultSeverity, options };
}
