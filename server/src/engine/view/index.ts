import { resolveRule, RuleSettings } from '../lint/config';
import polarityOveruse from '../rules/polarity-overuse';
import type { Finding } from '../types';
import type { Workspace } from '../model/workspace';
import { buildCascade, cascadeOrder, ReadData } from './cascade';
import type { ViewModel } from './types';
import { buildWheel, hasWheel } from './wheel';

export * from './types';
export { POLARITY_TEXT } from './wheel';

export interface ViewOptions {
  /** YYYY-MM-DD, the day each KPI's status is computed for; default: as of each KPI's latest observation. */
  asOf?: string;
  /** Contents of a `data.csv` file, so that a KPI's status can come from its CSV as in lint. */
  readData?: ReadData;
  /** Rule settings of a scorecard, so that the wheel's overuse gap is the one lint uses. */
  settingsFor?(uri: string): RuleSettings;
}

/**
 * The preview's pictures as plain data: the cascade of the whole workspace, with each node's
 * findings, and one polarity wheel per scorecard that has something to show on one.
 */
export function buildViewModel(
  workspace: Workspace,
  findings: ReadonlyMap<string, readonly Finding[]>,
  focusUri?: string,
  options: ViewOptions = {},
): ViewModel {
  const cascade = buildCascade(workspace, findings, options.readData, options.asOf);
  const wheels = cascadeOrder(workspace)
    .filter(({ sc }) => hasWheel(sc))
    .map(({ sc }) => buildWheel(sc, findings.get(sc.uri) ?? [], resolveRule(polarityOveruse, options.settingsFor?.(sc.uri) ?? {}).options.gap));
  const focus = focusUri !== undefined && workspace.scorecards.some((s) => s.uri === focusUri) ? focusUri : undefined;
  return focus ? { focus, cascade, wheels } : { cascade, wheels };
}
