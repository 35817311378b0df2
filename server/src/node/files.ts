// Node-side helpers shared by the CLI and the language server: with `data.ts`, the only place
// that reads configuration and data files from disk for the engine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_NAME, parseConfig, RULES, stripBom } from '../engine';
import type { ConfigProblem, RuleSettings } from '../engine';

export { CONFIG_NAME, stripBom } from '../engine';
export { today } from '../engine/today';

/** The nearest `.kpilens.yaml` walking up from a folder, or undefined. */
export function findConfig(dir: string, stopAt?: string): string | undefined {
  let cur = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(cur, CONFIG_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(cur);
    if (up === cur || (stop && cur === stop)) return undefined;
    cur = up;
  }
}

export interface LoadedConfig {
  path: string;
  text: string;
  settings: RuleSettings;
  problems: ConfigProblem[];
}

export function loadConfig(file: string): LoadedConfig {
  const text = fs.readFileSync(file, 'utf8');
  const { settings, problems } = parseConfig(stripBom(text), RULES);
  return { path: file, text: stripBom(text), settings, problems };
}
