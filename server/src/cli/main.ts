import { version } from '../../../package.json';
import { Io, reportError } from './io';
import { runDiff } from './diff';
import { runLint } from './lint';
import { runPreview } from './preview';
import { runStatus } from './status';
import { UsageError } from './workspace';

const HELP = `kpilens ${version}: strategy as code. Lint, preview and review .kpi.yaml scorecards.

Usage: kpilens <command> [options]

Commands:
  lint [paths...]        check scorecards (kpilens lint --help)
  preview [paths...]     draw the cascade and the polarity wheels to HTML or SVG (kpilens preview --help)
  diff <before> <after>  what a change does to the strategy, for pull-request review (kpilens diff --help)
  status [paths...]      where each KPI stands: status, progress against plan, trend (kpilens status --help)

Options:
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 no errors, 1 errors found, 2 kpilens could not run.`;

type Command = (args: string[], io: Io) => Promise<number>;
const COMMANDS: Record<string, Command> = { lint: runLint, preview: runPreview, diff: runDiff, status: runStatus };

/** Runs the CLI; returns the exit code. Expected failures print one line, never a stack trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (cmd === '-v' || cmd === '--version') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const run = COMMANDS[cmd];
  if (!run) return reportError(new UsageError(`unknown command "${cmd}"; run kpilens --help`), io);
  try {
    return await run(rest, io);
  } catch (e) {
    return reportError(e, io);
  }
}

if (require.main === module) {
  const io: Io = {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    version,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
