import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { BuildOptions, BuildResult } from '../build.js';
import type { LinkReport } from '../check/check-links.js';
import { countPostsAtTop } from '../content/find-posts.js';
import { postCacheFile } from '../cache/post-cache.js';
import { displayPath } from '../report/display-path.js';
import { error } from '../report/problem.js';
import { brokenLinkLine, checkSummaryLine, problemLines, summaryLine, timingLine, type Verbosity } from './print-report.js';

interface CheckFlags {
  source: string;
  destination?: string;
  config?: string;
  baseurl?: string;
  quiet?: boolean;
}

interface BuildFlags extends CheckFlags {
  watch?: boolean;
  drafts?: boolean;
  future?: boolean;
  check?: boolean;
  verbose?: boolean;
  /** Commander sets this false for `--no-search`, and true when the flag is absent. */
  search?: boolean;
}

interface DevFlags {
  source: string;
  config?: string;
  drafts?: boolean;
  future?: boolean;
  baseurl?: string;
  host: string;
  port: string;
  verbose?: boolean;
}

/**
 * Resolves at the first Ctrl-C or SIGTERM, listened for from now on: a long-running command then
 * stops cleanly instead of being killed.
 * @param onStop runs first, when the signal comes (it may end the process)
 */
function stopSignal(onStop?: () => void): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      onStop?.();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `baoku dev`: runs until Ctrl-C, then closes the watcher and the port. @returns the exit code */
async function runDevCommand(flags: DevFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`baoku dev: --port must be a port number, not "${flags.port}"\n`);
    return 2;
  }
  // Listened for before the server starts: a Ctrl-C just after it says where it serves still closes
  // it cleanly, and one during the first build (which has written nothing anywhere) ends it there.
  let started = false;
  const stopped = stopSignal(() => {
    if (started) return;
    process.stderr.write('baoku dev: stopped\n');
    process.exit(0);
  });
  // Each command loads what it needs: a build with nothing to do should not wait for the dev server's.
  const { runDev } = await import('../dev/run-dev.js');
  const session = await runDev({
    source: flags.source,
    config: flags.config,
    drafts: flags.drafts,
    future: flags.future,
    baseurl: flags.baseurl,
    host: flags.host,
    port,
    log: (line) => process.stderr.write(`${line}\n`),
    onBuilt: flags.verbose ? (result) => process.stderr.write(`${timingLine(result)}\n`) : undefined,
  });
  started = true;
  await stopped;
  await session.close();
  process.stderr.write('baoku dev: stopped\n');
  return 0;
}

const stageNames = { read: 'reading posts', write: 'writing files', search: 'indexing posts for search' } as const;

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
    .option('--no-search', 'build no search index and no search page (default: the config\'s search, which is on)')
    .addOption(new Option('-w, --watch', 'after building, watch the sources and rebuild what each change touches, until Ctrl-C').conflicts('check'))
    .option('--check', 'after building, check that every internal link and image in the output points at a file (as `baoku check` does)')
    .option('-q, --quiet', 'print errors only')
    .addOption(new Option('-V, --verbose', 'print every warning and the time of each step').conflicts('quiet'));
}

function addCheckOptions(command: Command): Command {
  return command
    .option('-s, --source <dir>', 'site root, where _config.yml gives url and baseurl', '.')
    .option('-d, --destination <dir>', 'the built site to check (default: <source>/_site)')
    .option('--config <file>', 'config file (default: <source>/_config.yml)')
    .option('-b, --baseurl <path>', 'the path the site was built for, e.g. /archive (default: baseurl in the config)')
    .option('-q, --quiet', 'print broken links only, not the summary')
    .addHelpText(
      'after',
      [
        '',
        'Checks every href, src and srcset of <a>, <link>, <img>, <source> and <script> in the HTML files of the',
        'destination: relative links, /root-relative links (which must start with the baseurl) and links to the',
        'config\'s url. Each one must lead to a file a static host would serve (dir/ → dir/index.html, x → x.html),',
        'and its #fragment to an element of that page. Other hosts, mailto:, tel: and data: are not checked.',
        'Prints each broken link as `page.html:LINE: broken link "href" — reason`.',
        'Exit code: 0 when every link resolves, 1 when any is broken (or the folder or config cannot be read).',
      ].join('\n'),
    );
}

/**
 * Checks the links of a built site against the url and baseurl of its config (or --baseurl).
 * @returns the exit code: 1 when a link is broken
 */
async function runCheck(flags: CheckFlags): Promise<number> {
  const siteRoot = path.resolve(flags.source);
  const display = (file: string): string => displayPath(siteRoot, file);
  const { configFileOf, loadConfig } = await import('../config/load-config.js');
  const configFile = configFileOf(siteRoot, flags.config);
  const loaded = await loadConfig(configFile, display(configFile), { baseurl: flags.baseurl }, Boolean(flags.config));
  const configErrors = loaded.problems.filter((p) => p.severity === 'error');
  if (configErrors.length > 0) {
    for (const line of problemLines(configErrors, 'quiet')) process.stderr.write(`${line}\n`);
    return 1;
  }
  const destination = path.resolve(flags.destination ?? path.join(siteRoot, '_site'));
  const stat = await fs.stat(destination).catch(() => null);
  if (!stat?.isDirectory()) {
    const problem = error(display(destination), 'check/destination', 'no built site here', 'run baoku build first, or pass the output folder with -d');
    for (const line of problemLines([problem], 'quiet')) process.stderr.write(`${line}\n`);
    return 1;
  }
  let report: LinkReport;
  try {
    const { checkLinks } = await import('../check/check-links.js');
    report = await checkLinks(destination, { baseurl: loaded.config.baseurl, siteUrl: loaded.config.url || undefined });
  } catch (caught) {
    // An unreadable file or folder is the machine's problem, not a bug in baoku.
    if (!(caught instanceof Error && 'code' in caught)) throw caught;
    const problem = error(display(destination), 'check/read', `cannot read the built site: ${caught.message}`, 'check the permissions of the output folder');
    for (const line of problemLines([problem], 'quiet')) process.stderr.write(`${line}\n`);
    return 1;
  }
  for (const link of report.broken) process.stderr.write(`${brokenLinkLine(link)}\n`);
  if (!flags.quiet) process.stdout.write(`${checkSummaryLine(report)}\n`);
  return report.broken.length > 0 ? 1 : 0;
}

/**
 * `baoku build --watch`: builds, then rebuilds after each change until Ctrl-C. A rebuild prints its
 * errors, the warnings about the files that changed, and a summary line.
 * @returns the exit code: 1 when there was nothing to watch (no site folder, a refused destination)
 */
async function runWatchCommand(flags: BuildFlags): Promise<number> {
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const { runWatch } = await import('../dev/run-watch.js');
  const session = await runWatch({
    ...buildOptionsOf(flags),
    log: (line) => process.stderr.write(`${line}\n`),
    onBuilt: (result, changed) => {
      const shown = changed.length === 0 ? result.problems : result.problems.filter((p) => p.severity === 'error' || changed.includes(p.file));
      for (const line of problemLines(shown, verbosity)) process.stderr.write(`${line}\n`);
      if (verbosity === 'quiet' || result.aborted) return;
      const summary = summaryLine(result);
      process.stdout.write(`${changed.length ? summary.replace(/^baoku:/, `baoku: ${changed.join(', ')} changed:`) : summary}\n`);
      if (verbosity === 'verbose') process.stdout.write(`${timingLine(result)}\n`);
    },
  });
  if (!session) return 1;
  await stopSignal();
  await session.close();
  process.stderr.write('baoku: stopped watching\n');
  return 0;
}

/** What a build takes from the command's flags. */
function buildOptionsOf(flags: BuildFlags): BuildOptions {
  return {
    source: flags.source,
    destination: flags.destination,
    config: flags.config,
    drafts: flags.drafts,
    future: flags.future,
    baseurl: flags.baseurl,
    // Absent, the flag must not override `search: false` in the config.
    search: flags.search === false ? false : undefined,
  };
}

/**
 * A site read for the first time (no post cache), with posts enough for threads: they are started
 * now, before the build has loaded its config or found its posts, and load baoku meanwhile.
 * @returns whether their pool was loaded, and so threads may need closing after the build
 */
async function startThreadsForFirstRead(source: string): Promise<boolean> {
  const siteRoot = path.resolve(source);
  if (existsSync(postCacheFile(siteRoot))) return false;
  const posts = countPostsAtTop(siteRoot);
  // Below a few thousand, no machine's threads pay (see thread-pool.ts): not worth loading their pool to ask.
  if (posts < 2000) return false;
  (await import('../parallel/thread-pool.js')).startThreadsEarly(posts);
  return true;
}

async function runBuild(flags: BuildFlags): Promise<number> {
  if (flags.watch) return runWatchCommand(flags);
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const showProgress = Boolean(process.stderr.isTTY) && verbosity !== 'quiet';
  let lastDraw = 0;
  const threadsStarted = await startThreadsForFirstRead(flags.source);
  // Loaded after the threads are started, not with the command: they start 15 ms sooner (of the
  // 150 they take to load), and this thread loads the build meanwhile. At 10,000 posts the threads
  // were ready 40-70 ms after this thread had its first posts for them; now about as it has.
  const { build } = await import('../build.js');
  const built = build({
    ...buildOptionsOf(flags),
    onProgress: (stage, done, total) => {
      if (!showProgress || total < progressThreshold) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done !== total) return;
      lastDraw = now;
      process.stderr.write(`\r\x1b[K${stageNames[stage]} ${done}/${total}`);
      if (done === total && stage !== 'read') process.stderr.write('\r\x1b[K');
    },
  });
  let result: BuildResult;
  try {
    result = await built;
  } finally {
    // Threads started early that the build did not take end here (a build stopped at its config).
    if (threadsStarted) await (await import('../parallel/thread-pool.js')).closeEarlyThreads();
  }
  if (showProgress) process.stderr.write('\r\x1b[K');
  for (const line of problemLines(result.problems, verbosity)) process.stderr.write(`${line}\n`);
  if (verbosity !== 'quiet' && !result.aborted) process.stdout.write(`${summaryLine(result)}\n`);
  if (verbosity === 'verbose') process.stdout.write(`${timingLine(result)}\n`);
  const buildCode = result.aborted || result.problems.some((p) => p.severity === 'error') ? 1 : 0;
  // A build that skipped a broken post still wrote the site, and links to that post are worth hearing about.
  if (!flags.check || result.aborted) return buildCode;
  const checkCode = await runCheck(flags);
  return Math.max(buildCode, checkCode);
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
  program
    .command('dev')
    .description('build into memory, serve it over HTTP and rebuild on every change, reloading the browser')
    .option('-s, --source <dir>', 'site root: holds posts/ or _posts/, templates/, public/ and _config.yml', '.')
    .option('--config <file>', 'config file (default: <source>/_config.yml)')
    .option('-D, --drafts', 'include posts from _drafts/ and posts/_drafts/')
    .option('--future', 'include posts dated in the future')
    .option('-b, --baseurl <path>', 'serve the site under this path, e.g. /archive')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-P, --port <port>', 'first port to try; the next one is tried when it is taken', '4000')
    .option('-V, --verbose', 'print the time of each step after every build')
    .action(async (flags: DevFlags) => {
      exitCode = await runDevCommand(flags);
    });
  addCheckOptions(program.command('check').description('report internal links and images in a built site that point at no file')).action(async (flags: CheckFlags) => {
    exitCode = await runCheck(flags);
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
