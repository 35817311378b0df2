// Rule settings for each scorecard: the nearest `.kpilens.yaml` (its text from the editor when it
// is open) over the editor's `kpilens.rules`; and the as-of date.
import { isDate, mergeSettings, readRuleSettings, RULES } from '../engine';
import type { RuleSettings } from '../engine';
import { ConfigResolver, today } from '../node/files';
import type { LoadedConfig } from '../node/files';

export type Config = LoadedConfig;

export class Settings {
  private editorRules: RuleSettings = {};
  private asOfSetting?: string;
  /** Texts of `.kpilens.yaml` files open in the editor, by path. */
  readonly openConfigs = new Map<string, string>();
  private readonly configs = new ConfigResolver(undefined, this.openConfigs);

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
    return this.configs.pathFor(file);
  }

  config(configPath: string): Config | undefined {
    const c = this.configs.config(configPath);
    return 'error' in c ? undefined : c;
  }

  /** Configs read so far (the ones that apply to some scorecard, and open ones). */
  loadedConfigs(): Config[] {
    for (const p of this.openConfigs.keys()) this.config(p);
    return this.configs.loaded();
  }

  settingsFor(file: string | undefined): RuleSettings {
    const configPath = file ? this.configPathFor(file) : undefined;
    const fromFile = configPath ? this.config(configPath)?.settings : undefined;
    return mergeSettings(this.editorRules, fromFile);
  }

  /** Forgets what was read of `.kpilens.yaml` files, after one was created, changed or deleted. */
  invalidate(): void {
    this.configs.invalidate();
  }
}
