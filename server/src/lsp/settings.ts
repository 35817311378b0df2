// Rule settings for each scorecard: the nearest `.kpilens.yaml` (its text from the editor when it
// is open) over the editor's `kpilens.rules`; and the as-of date.
import * as path from 'node:path';
import { isDate, mergeSettings, parseConfig, readRuleSettings, RULES } from '../engine';
import type { ConfigProblem, RuleSettings } from '../engine';
import { findConfig, loadConfig, today } from '../node/files';

export interface Config {
  path: string;
  text: string;
  settings: RuleSettings;
  problems: ConfigProblem[];
}


export class Settings {
  private editorRules: RuleSettings = {};
  private asOfSetting?: string;
  private readonly configOfDir = new Map<string, string | undefined>();
  private readonly configs = new Map<string, Config | undefined>();
  /** Texts of `.kpilens.yaml` files open in the editor, by path. */
  readonly openConfigs = new Map<string, string>();

  /**
   * Takes the `kpilens` settings section (from initializationOptions or workspace/configuration).
   * Returns what is wrong with it, one sentence per problem; the rest still applies.
   */
  apply(section: unknown): string[] {
    const s = section !== null && typeof section === 'object' ? (section as Record<string, unknown>) : {};
    const problems: string[] = [];
    const { settings, problems: ruleProblems } = readRuleSettings(s.rules, RULES);
    this.editorRules = settings;
    for (const p of ruleProblems) problems.push(`Setting kpilens.rules: ${p.message}`);
    this.asOfSetting = undefined;
    if (typeof s.asOf === 'string' && isDate(s.asOf)) this.asOfSetting = s.asOf;
    else if (s.asOf !== undefined && s.asOf !== null && s.asOf !== '') problems.push(`Setting kpilens.asOf: ${JSON.stringify(s.asOf)} is not a date written YYYY-MM-DD; using today.`);
    return problems;
  }

  asOf(): string {
    return this.asOfSetting ?? today();
  }

  /** The `.kpilens.yaml` that applies to a scorecard file, if any. */
  configPathFor(file: string): string | undefined {
    const dir = path.dirname(file);
    if (!this.configOfDir.has(dir)) this.configOfDir.set(dir, findConfig(dir));
    return this.configOfDir.get(dir);
  }

  config(configPath: string): Config | undefined {
    if (!this.configs.has(configPath)) this.configs.set(configPath, this.read(configPath));
    return this.configs.get(configPath);
  }

  private read(configPath: string): Config | undefined {
    const open = this.openConfigs.get(configPath);
    if (open !== undefined) return { path: configPath, text: open, ...parseConfig(open, RULES) };
    try {
      return loadConfig(configPath);
    } catch {
      return undefined;
    }
  }

  /** Configs read so far (the ones that apply to some scorecard, and open ones). */
  loadedConfigs(): Config[] {
    for (const p of this.openConfigs.keys()) this.config(p);
    return [...this.configs.values()].filter((c): c is Config => !!c);
  }

  settingsFor(file: string | undefined): RuleSettings {
    const configPath = file ? this.configPathFor(file) : undefined;
    const fromFile = configPath ? this.config(configPath)?.settings : undefined;
    return mergeSettings(this.editorRules, fromFile);
  }

  /** Forgets what was read of `.kpilens.yaml` files, after one was created, changed or deleted. */
  invalidate(): void {
    this.configOfDir.clear();
    this.configs.clear();
  }
}
