// The view models that the rendering tests draw: the view fixtures (a company and one of its
// teams), scorecards given as text, and the example workspace linted as the README shows it.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { lintFiles, parseScorecard, Workspace } from '../../server/src/engine';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';

export const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'view');
export const read = (p: string) => readFileSync(join(fixtures, p), 'utf8');

export function model(files: Record<string, string>): ViewModel {
  const ws = new Workspace(Object.entries(files).map(([uri, text]) => parseScorecard(uri, text).scorecard));
  return buildViewModel(ws, new Map());
}

export const workspace = () => model({ 'mem:northwind.kpi.yaml': read('workspace/northwind.kpi.yaml'), 'mem:hub.kpi.yaml': read('workspace/hub.kpi.yaml') });

/** The example workspace, linted: the pictures of the README. */
export function examples(): ViewModel {
  const dir = join(root, 'examples');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ uri: `mem:${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  const { workspace: ws, findings } = lintFiles(files, { asOf: '2026-11-24' });
  return buildViewModel(ws, findings);
}
