// Rule settings for each scorecard: the nearest `.kpilens.yaml` (its text from the editor when it
// is open) over the editor's `kpilens.rules`; and the as-of date. The lint asks for settings
// synchronously, so the files they come from are found and read beforehand (`prepare`).
import { isDate, mergeSettings, parseConfig, readRuleSettings, RULES } from '../engine';
import type { ConfigProblem, RuleSettings } from '../engine';
import { today } from '../engine/today';
import { canonicalUri, folderOf, keyOf, NO_FILES } from './files';
import type { FileAccess } from './files';

export interface Config {
  uri: string;
  text: string;
  settings: RuleSettings;
  problems: ConfigProblem[];
}

export class Settings {
  private editorRules: RuleSettings = {};
  private asOfSetting?: string;
  /** The config of each folder (by key), once looked up. */
  private readonly configOfDir = new Map<string, string | undefined>();
  /** Configs by key, once read. */
  private readonly configs = new Map<string, Config | undefined>();
  /** Grows with each `invalidate`, so that a lookup begun before it does not fill the caches. */
  private generation = 0;
  /** Texts of `.kpilens.yaml` files open in the editor, by key. */
  readonly openConfigs = new Map<string, { uri: string; text: string }>();

  constructor(private readonly files: FileAccess = NO_FILES) {}

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
    else if (s.asOf !== undefined && s.asOf !== null && s.asOf !== '')
      problems.push(`Setting kpilens.asOf: ${JSON.stringify(s.asOf)} is not a date written YYYY-MM-DD; using today.`);
    return problems;
  }

  asOf(): string {
    return this.asOfSetting ?? today();
  }

  /** Finds and reads the `.kpilens.yaml` that applies to each of these scorecards, unless known already. */
  async prepare(uris: Iterable<string>): Promise<void> {
    const generation = this.generation;
    for (const uri of uris) {
      if (uri.startsWith('untitled:')) continue;
      const dir = keyOf(folderOf(uri));
      if (!this.configOfDir.has(dir)) {
        const found = await this.files.findConfig(folderOf(uri));
        if (generation !== this.generation) return;
        this.configOfDir.set(dir, found && keyOf(found));
        if (found && !this.configs.has(keyOf(found))) {
          const config = await this.read(found);
          if (generation !== this.generation) return;
          this.configs.set(keyOf(found), config);
        }
      }
    }
  }

  private async read(uri: string): Promise<Config | undefined> {
    const open = this.openConfigs.get(keyOf(uri));
    if (open !== undefined) return this.parse(open.uri, open.text);
    const text = await this.files.read(uri);
    return text === undefined ? undefined : this.parse(uri, text);
  }

  private parse(uri: string, text: string): Config {
    return { uri: canonicalUri(uri), text, ...parseConfig(text, RULES) };
  }

  /** Configs read so far (the ones that apply to some scorecard, and open ones). */
  loadedConfigs(): Config[] {
    for (const [key, open] of this.openConfigs) if (!this.configs.has(key)) this.configs.set(key, this.parse(open.uri, open.text));
    return [...this.configs.values()].filter((c): c is Config => !!c);
  }

  /** The settings of a scorecard: its `.kpilens.yaml` as `prepare` found it, over the editor's. */
  settingsFor(uri: string | undefined): RuleSettings {
    const dir = uri === undefined || uri.startsWith('untitled:') ? undefined : keyOf(folderOf(uri));
    const configKey = dir === undefined ? undefined : this.configOfDir.get(dir);
    const fromFile = configKey === undefined ? undefined : this.configs.get(configKey)?.settings;
    return mergeSettings(this.editorRules, fromFile);
  }

  /** Forgets what was read of `.kpilens.yaml` files, after one was created, changed or deleted. */
  invalidate(): void {
    this.generation++;
    this.configOfDir.clear();
    this.configs.clear();
  }
}
