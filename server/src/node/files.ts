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

/**
 * The `.kpilens.yaml` that applies to each scorecard file: the one given (`--config`), else the
 * nearest one up the folder tree; each read once. The CLI's commands and the language server use
 * this one resolver, so they agree on the settings of every scorecard. `texts` holds the text of
 * configs open in an editor, which win over the disk.
 */
export class ConfigResolver {
  private readonly configOfDir = new Map<string, string | undefined>();
  private readonly configs = new Map<string, LoadedConfig | { path: string; error: unknown }>();

  constructor(
    private readonly explicit?: string,
    private readonly texts: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The config that applies to a scorecard file, if any. */
  pathFor(file: string): string | undefined {
    if (this.explicit) return this.explicit;
    const dir = path.dirname(file);
    if (!this.configOfDir.has(dir)) this.configOfDir.set(dir, findConfig(dir));
    return this.configOfDir.get(dir);
  }

  /** A config, read and parsed once; `error` when it cannot be read. */
  config(configPath: string): LoadedConfig | { path: string; error: unknown } {
    let c = this.configs.get(configPath);
    if (!c) {
      const open = this.texts.get(configPath);
      try {
        c = open !== undefined ? { path: configPath, text: open, ...parseConfig(open, RULES) } : loadConfig(configPath);
      } catch (error) {
        c = { path: configPath, error };
      }
      this.configs.set(configPath, c);
    }
    return c;
  }

  /** Configs read so far. */
  loaded(): LoadedConfig[] {
    return [...this.configs.values()].filter((c): c is LoadedConfig => !('error' in c));
  }

  /** Forgets what was read, after a config was created, changed or deleted. */
  invalidate(): void {
    this.configOfDir.clear();
    this.configs.clear();
  }
}
