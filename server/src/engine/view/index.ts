import type { Finding } from '../types';
import type { Workspace } from '../workspace';

// Placeholder until the preview view models land: the signature is the contract between the
// language server (which sends the model) and the preview (which draws it).
export interface ViewModel {
  cascade: unknown;
  wheels: unknown[];
}

export function buildViewModel(workspace: Workspace, findings: ReadonlyMap<string, readonly Finding[]>, focusUri?: string): ViewModel {
  void workspace;
  void findings;
  void focusUri;
  return { cascade: null, wheels: [] };
}
