import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { lintFiles } from '../engine';
import { buildViewModel } from '../engine/view';
import { exportHtml, exportSvg, PreviewView } from '../engine/view/export';
import { readDataFile } from '../node/data';
import { asOfDate, writeFileNoFollow } from './io';
import { settingsOf } from './lint';
import { workspaceRoots, loadWorkspace, UsageError } from './workspace';

export const PREVIEW_HELP = `Usage: kpilens preview [options] [paths or globs...] --out <file.html|file.svg>

Draws the KPI cascade and the polarity wheels as one self-contained file, for pull requests,
slides and meetings: no script, no external resources, nothing collapsed. The picture shows
every scorecard of the workspace the paths name (as for lint: each path names its folder),
with the findings of each node on hover. The HTML lays the cascade out in columns for wide
windows and as an outline for narrow ones, and prints one page per scorecard (its part of the
cascade and its wheel). PNG: use the preview's Export menu in VS Code (the CLI draws no
pixels: that would need a browser).

Options:
  --out <file>           where to write; .html or .svg (required)
  --view <view>          cascade, wheel or both (default: both): the cascade, then one wheel per
                         scorecard that assesses polarities or has KPIs that serve poles
  --scorecard <id>       draw only this scorecard: its part of the cascade and its wheel
                         (repeat the option for several)
  --width <px>           for SVG: the width to lay the cascade out for; columns when they fit,
                         else an outline (default: columns)
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
      scorecard: { type: 'string', multiple: true },
      width: { type: 'string' },
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
  const width = values.width === undefined ? undefined : Number(values.width);
  if (width !== undefined && !(Number.isInteger(width) && width >= 300 && width <= 10000))
    throw new UsageError(`--width must be a whole number of pixels from 300 to 10000, not "${values.width}"`);
  const asOf = asOfDate(values['as-of']);

  const files = loadWorkspace(positionals, io.cwd);
  // Every scorecard of the workspace is drawn, so each is linted with its own settings.
  const settingsFor = settingsOf(files, values.config, io.cwd);
  const roots = workspaceRoots(positionals, io.cwd);
  const readData = (uri: string, csv: string) => readDataFile(uri, csv, roots);
  const { workspace, findings } = lintFiles(files, { asOf, settingsFor, readData });
  const vm = buildViewModel(workspace, findings, undefined, { asOf, readData, settingsFor });
  let only: Set<string> | undefined;
  if (values.scorecard?.length) {
    only = new Set();
    for (const id of values.scorecard) {
      const found = vm.cascade.groups.filter((g) => g.id === id);
      if (!found.length) throw new UsageError(`no scorecard with id "${id}" in the workspace`);
      for (const g of found) only.add(g.key);
    }
  }
  const options = { ...(only ? { only } : {}), ...(width ? { width } : {}) };
  const text = format === 'html' ? exportHtml(vm, view, options) : exportSvg(vm, view, options);
  writeFileNoFollow(path.resolve(io.cwd, out), text, out);
  const groups = vm.cascade.groups.filter((g) => !only || only.has(g.key));
  const wheelCount = vm.wheels.filter((w) => !only || only.has(w.key)).length;
  const kpis = groups.reduce((n, g) => n + g.counts.kpis, 0);
  const wheels = view === 'cascade' ? '' : `, ${wheelCount} wheel${wheelCount === 1 ? '' : 's'}`;
  io.stdout(`Wrote ${out}: ${groups.length} scorecard${groups.length === 1 ? '' : 's'}, ${kpis} KPI${kpis === 1 ? '' : 's'}${wheels}.\n`);
  return 0;
}

/** node:util parseArgs errors (unknown option, missing value) are the user's, not ours. */
function isArgError(e: unknown): e is Error {
  const code = (e as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
