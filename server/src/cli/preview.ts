import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { lintFiles } from '../engine';
import { buildViewModel } from '../engine/view';
import { exportHtml, exportSvg, PreviewView } from '../engine/view/export';
import { readDataFile } from '../node/data';
import { asOfDate, writeFileNoFollow } from './io';
import { configResolver } from './lint';
import { workspaceRoots, loadWorkspace, UsageError } from './workspace';

export const PREVIEW_HELP = `Usage: kpilens preview [options] [paths or globs...] --out <file.html|file.svg>

Draws the KPI cascade and the polarity wheels as one self-contained file, for pull requests
and slides: no script, no external resources, nothing collapsed. The picture shows every
scorecard of the workspace the paths name (as for lint: each path names its folder), with
the findings of each node on hover.

Options:
  --out <file>           where to write; .html or .svg (required)
  --view <view>          cascade, wheel or both (default: both): the cascade, then one wheel per
                         scorecard that assesses polarities or has KPIs that serve poles
  --as-of <YYYY-MM-DD>   the day review dates are checked against (default: today)
  --config <file>        use this config instead of the nearest .kpilens.yaml
  -h, --help             show this help

Exit codes: 0 the file was written, 2 kpilens could not run.`;

const VIEWS: readonly PreviewView[] = ['cascade', 'wheel', 'both'];

export async function runPreview(args: string[], io: { cwd: string; stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  try {
    return preview(args, io);
  } catch (e) {
    if (e instanceof UsageError || isArgError(e)) {
      io.stderr(`kpilens: ${e.message.split('\n')[0].replace(/\. To specify a positional.*$/, '')}\n`);
      return 2;
    }
    throw e;
  }
}

function preview(args: string[], io: { cwd: string; stdout: (s: string) => void }): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      view: { type: 'string', default: 'both' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${PREVIEW_HELP}\n`);
    return 0;
  }
  const view = values.view as PreviewView;
  if (!VIEWS.includes(view)) throw new UsageError(`unknown view "${values.view}"; use cascade, wheel or both`);
  const out = values.out;
  if (!out) throw new UsageError('--out <file.html|file.svg> is required');
  const format = /\.html?$/i.test(out) ? 'html' : /\.svg$/i.test(out) ? 'svg' : undefined;
  if (!format) throw new UsageError(`--out must end in .html or .svg, not "${path.basename(out)}"`);
  const asOf = asOfDate(values['as-of']);

  const files = loadWorkspace(positionals, io.cwd);
  // Every scorecard of the workspace is drawn, so each is linted with its own settings.
  const settingsFor = configResolver(
    files.map((f) => ({ ...f, target: true })),
    values.config ? path.resolve(io.cwd, values.config) : undefined,
    io.cwd,
  );
  const roots = workspaceRoots(positionals, io.cwd);
  const readData = (uri: string, csv: string) => readDataFile(uri, csv, roots);
  const { workspace, findings } = lintFiles(files, { asOf, settingsFor, readData });
  const vm = buildViewModel(workspace, findings, undefined, { asOf, readData, settingsFor });
  const text = format === 'html' ? exportHtml(vm, view) : exportSvg(vm, view);
  writeFileNoFollow(path.resolve(io.cwd, out), text, out);
  const kpis = vm.cascade.groups.reduce((n, g) => n + g.counts.kpis, 0);
  const wheels = view === 'cascade' ? '' : `, ${vm.wheels.length} wheel${vm.wheels.length === 1 ? '' : 's'}`;
  io.stdout(`Wrote ${out}: ${vm.cascade.groups.length} scorecard${vm.cascade.groups.length === 1 ? '' : 's'}, ${kpis} KPI${kpis === 1 ? '' : 's'}${wheels}.\n`);
  return 0;
}

/** node:util parseArgs errors (unknown option, missing value) are the user's, not ours. */
function isArgError(e: unknown): e is Error {
  const code = (e as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
