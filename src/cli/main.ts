import { Command, CommanderError, Option } from 'commander';
import { build } from '../build.js';
import { problemLines, summaryLine, timingLine, type Verbosity } from './print-report.js';

interface BuildFlags {
  source: string;
  destination?: string;
  config?: string;
  drafts?: boolean;
  future?: boolean;
  baseurl?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** Posts above which a terminal gets a progress line. */
const progressThreshold = 300;

function addBuildOptions(command: Command): Command {
  return command
    .option('-s, --source <dir>', 'site root: holds posts/ or _posts/, templates/, public/ and _config.yml', '.')
    .option('-d, --destination <dir>', 'output folder (default: <source>/_site)')
    .option('--config <file>', 'config file (default: <source>/_config.yml)')
    .option('-D, --drafts', 'include posts from _drafts/ and posts/_drafts/')
    .option('--future', 'include posts dated in the future')
    .option('-b, --baseurl <path>', 'serve the site under this path, e.g. /archive')
    .option('-q, --quiet', 'print errors only')
    .addOption(new Option('-V, --verbose', 'print every warning and the time of each step').conflicts('quiet'));
}

async function runBuild(flags: BuildFlags): Promise<number> {
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const showProgress = Boolean(process.stderr.isTTY) && verbosity !== 'quiet';
  let lastDraw = 0;
  const result = await build({
    source: flags.source,
    destination: flags.destination,
    config: flags.config,
    drafts: flags.drafts,
    future: flags.future,
    baseurl: flags.baseurl,
    onProgress: (stage, done, total) => {
      if (!showProgress || total < progressThreshold) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done !== total) return;
      lastDraw = now;
      process.stderr.write(`\r\x1b[K${stage === 'read' ? 'reading posts' : 'writing files'} ${done}/${total}`);
      if (done === total && stage === 'write') process.stderr.write('\r\x1b[K');
    },
  });
  if (showProgress) process.stderr.write('\r\x1b[K');
  for (const line of problemLines(result.problems, verbosity)) process.stderr.write(`${line}\n`);
  if (verbosity !== 'quiet' && !result.aborted) process.stdout.write(`${summaryLine(result)}\n`);
  if (verbosity === 'verbose') process.stdout.write(`${timingLine(result)}\n`);
  return result.aborted || result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** The `baoku` command. @returns the process exit code */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('baoku')
    .description('报库 baoku: turns a folder of Jekyll-style news posts into a fast, clean, safe static site')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });
  addBuildOptions(program.command('build').description('build the site into the destination folder')).action(async (flags: BuildFlags) => {
    exitCode = await runBuild(flags);
  });
  program.action(() => {
    program.outputHelp();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (caught) {
    if (caught instanceof CommanderError) return caught.exitCode === 0 ? 0 : 2;
    const verbose = argv.includes('--verbose') || argv.includes('-V');
    process.stderr.write(`baoku: internal error: ${caught instanceof Error ? caught.message : String(caught)}\n`);
    if (verbose && caught instanceof Error && caught.stack) process.stderr.write(`${caught.stack}\n`);
    else process.stderr.write('This is a bug in baoku, not in your site. Run again with --verbose for details, and report it.\n');
    return 70;
  }
  return exitCode;
}
