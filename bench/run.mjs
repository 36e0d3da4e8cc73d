// npm run bench -- [--posts 1000|10000|100000] [--runs 3] [--keep] [--only cold,warm,dev] [--flags '--no-search']
// Generates a deterministic corpus, then times the real `baoku build` command as a user runs it:
// cold (no cache, empty destination), warm (nothing changed), one post edited, one post added,
// one template edited; then `baoku dev`: saving a post, and a template, until the reload reaches
// the browser's event stream; then `baoku build --watch`: saving a post, until the folder is written. After the cold build, the sitemap is read back and, with search on
// (--flags ''), Chromium's search queries are timed. Reports wall time, posts per second and the
// peak RSS of the whole process tree, as a table and as JSON in bench-results/ for comparison
// across commits.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    // Search indexing is measured on its own (--flags ''): the build targets are for the build without it.
    flags: { type: 'string', default: '--no-search' },
    only: { type: 'string', default: '' },
  },
});
const posts = Number(values.posts);
const runs = Math.max(1, Number(values.runs));
const extraFlags = values.flags.split(/\s+/).filter(Boolean);

// tmpfs keeps the disk's noise out of the figures (see ../shared/bench/README.md).
const scratch = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const site = path.join(scratch, `baoku-bench-${posts}`);
const destination = path.join(scratch, `baoku-bench-${posts}-out`);

/** Sum of VmRSS over a process and all its descendants, in bytes. */
function treeRss(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {}
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {}
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs `baoku build` once; returns wall seconds, peak tree RSS and the summary line. */
function timeBuild() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/baoku.js'), 'build', '-s', site, '-d', destination, ...extraFlags], { stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid));
    }, 25);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 && code !== 1) reject(new Error(`baoku exited ${code}: ${stderr}`));
      else resolve({ seconds, peakBytes: peak, summary: stdout.trim().split('\n').at(-1) ?? '' });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, prepare) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    prepare?.(i);
    samples.push(await timeBuild());
  }
  return {
    scenario: name,
    seconds: median(samples.map((s) => s.seconds)),
    min: Math.min(...samples.map((s) => s.seconds)),
    max: Math.max(...samples.map((s) => s.seconds)),
    peakMiB: median(samples.map((s) => s.peakBytes)) / 1048576,
    postsPerSecond: posts / median(samples.map((s) => s.seconds)),
    summary: samples.at(-1).summary,
  };
}

console.log(`generating ${posts} posts in ${site} …`);
rmSync(site, { recursive: true, force: true });
generateCorpus(site, posts, 1);
// A site template of its own, so a template edit can be measured.
mkdirSync(path.join(site, 'templates'), { recursive: true });
copyFileSync(path.join(projectRoot, 'templates/post.njk'), path.join(site, 'templates/post.njk'));
writeFileSync(path.join(site, '_config.yml'), 'title: 基准测试\nurl: https://bench.example.org\n');
const postFiles = readdirSync(path.join(site, '_posts')).sort();
const editedPost = path.join(site, '_posts', postFiles[Math.floor(postFiles.length / 2)]);

const cleanAll = () => {
  rmSync(destination, { recursive: true, force: true });
  rmSync(path.join(site, '.baoku-cache'), { recursive: true, force: true });
};
const scenarios = [
  ['cold', cleanAll],
  ['warm', undefined],
  ['one post edited', (i) => appendFileSync(editedPost, `\n\n基准测试修改第${i}次。`)],
  // A new post, newer than all the others, as an archive gets every day.
  ['one post added', (i) => writeFileSync(path.join(site, '_posts', `2030-01-0${i + 1}-bench-added.md`), readFileSync(editedPost, 'utf8').replace(/^date: .*$/m, `date: 2030-01-0${i + 1} 08:00:00 +0800`).replace(/^title: .*$/m, `title: 基准测试新增第${i}篇`))],
  ['one template edited', (i) => appendFileSync(path.join(site, 'templates/post.njk'), `\n<!-- bench edit ${i} -->`)],
];
/**
 * Runs a baoku command that keeps running (`dev`, `build --watch`) while `timeSaves` measures it,
 * with the peak RSS of its process tree, and stops it as Ctrl-C does. `timeSaves` gets the
 * child and `said`, which resolves once the child's output after `from` matches a pattern.
 */
async function measureLongRunning(name, args, timeSaves) {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/baoku.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, treeRss(child.pid));
  }, 25);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const said = (pattern, from = 0) =>
    new Promise((resolve, reject) => {
      const look = () => {
        const found = pattern.exec(output.slice(from));
        if (!found) return;
        child.stdout.off('data', look);
        child.stderr.off('data', look);
        resolve(found);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.on('close', (code) => reject(new Error(`baoku ${args[0]} exited ${code}: ${output}`)));
      look();
    });
  try {
    const { samples, summary = '' } = await timeSaves(said, () => output.length);
    return { scenario: name, seconds: median(samples), min: Math.min(...samples), max: Math.max(...samples), peakMiB: peak / 1048576, postsPerSecond: posts / median(samples), summary };
  } finally {
    clearInterval(poll);
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('close', resolve)));
  }
}

/** Saves made one after another, at least three: `saveAndWait` times one. */
async function timeEachSave(saveAndWait) {
  const samples = [];
  for (let i = 0; i < Math.max(runs, 3); i++) samples.push(await saveAndWait(i));
  return samples;
}

/**
 * `baoku dev` on the same site: after its first build, the time from saving a file to the reload
 * message reaching a browser's event stream, as the browser would see it.
 */
function measureDev(name, save) {
  return measureLongRunning(name, ['dev', '-s', site, '--port', '4870'], async (said) => {
    const [, url] = await said(/serving (http:\/\/\S+)/);
    const events = await fetch(new URL('/__baoku/events', url));
    const reader = events.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    const nextReload = async () => {
      for (;;) {
        const at = buffered.indexOf('event: reload');
        if (at >= 0) {
          buffered = buffered.slice(at + 13);
          return;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream closed');
        buffered += decoder.decode(value, { stream: true });
      }
    };
    const samples = await timeEachSave(async (i) => {
      buffered = '';
      const started = performance.now();
      save(i);
      await nextReload();
      return (performance.now() - started) / 1000;
    });
    await reader.cancel();
    return { samples };
  });
}

/**
 * `baoku build --watch` on the same site and destination: after its first build, the time from
 * saving a post to the rebuild's summary line, when the folder is written.
 */
function measureWatch(name, save) {
  return measureLongRunning(name, ['build', '--watch', '-s', site, '-d', destination, ...extraFlags], async (said, outputLength) => {
    await said(/watching for changes/);
    let summary = '';
    const samples = await timeEachSave(async (i) => {
      // Apart from the last rebuild, as saves by hand are.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const from = outputLength();
      const started = performance.now();
      save(i);
      [summary] = await said(/changed: [^\n]* in [\d.]+ s\n/, from);
      return (performance.now() - started) / 1000;
    });
    return { samples, summary: summary.trim() };
  });
}

/**
 * The cold build's sitemap, read back: with more than 50,000 URLs it must be an index over
 * numbered sitemaps, and together they must list every page but 404.html and search.html.
 */
function checkSitemap() {
  const read = (file) => readFileSync(path.join(destination, file), 'utf8');
  if (!existsSync(path.join(destination, 'sitemap.xml'))) return;
  const top = read('sitemap.xml');
  const parts = top.includes('<sitemapindex') ? [...top.matchAll(/<loc>[^<]*\/(sitemap-\d+\.xml)<\/loc>/g)].map((match) => match[1]) : ['sitemap.xml'];
  const urls = parts.reduce((sum, file) => sum + (read(file).match(/<url>/g) ?? []).length, 0);
  const pages = readdirSync(destination, { recursive: true }).filter((file) => file.endsWith('.html') && file !== '404.html' && file !== 'search.html').length;
  if (urls !== pages || (urls > 50_000) !== (parts.length > 1)) throw new Error(`sitemap: ${parts.length} file(s) with ${urls} URLs for ${pages} pages`);
  console.log(`sitemap: ${parts.length === 1 ? 'one file' : `an index over ${parts.length} sitemaps`}, ${urls} URLs, one for each page`);
}

/**
 * With the search index built: Chromium opens search.html with a query, then searches another,
 * and each time the results are timed from the request until the page says how many it found.
 */
async function measureSearchQueries() {
  const { chromiumPath, launchChromium } = await import('../test/support/chromium.mjs');
  if (!existsSync(chromiumPath) || !existsSync(path.join(destination, 'pagefind'))) return [];
  const { serveFolder } = await import('../test/support/serve-folder.mjs');
  const server = await serveFolder(destination);
  const browser = await launchChromium();
  const answered = (page, query) => page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q && /^找到|^没有找到/.test(document.querySelector('.search-status')?.textContent ?? ''), query, { timeout: 60_000 });
  const timings = { first: [], next: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      let started = performance.now();
      await page.goto(`${server.url}/search.html?q=${encodeURIComponent('海洋经济')}`);
      await answered(page, '海洋经济');
      timings.first.push((performance.now() - started) / 1000);
      started = performance.now();
      await page.fill('#search-query', '独居老人');
      await page.press('#search-query', 'Enter');
      await answered(page, '独居老人');
      timings.next.push((performance.now() - started) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const row = (scenario, samples) => ({ scenario, seconds: median(samples), min: Math.min(...samples), max: Math.max(...samples), peakMiB: null, postsPerSecond: null, summary: '' });
  return [row('search: page opened with a query → results', timings.first), row('search: next query → results', timings.next)];
}

const only = values.only.split(',').filter(Boolean);
const wanted = (name) => only.length === 0 || only.some((o) => name.startsWith(o));
const results = [];
for (const [name, prepare] of scenarios) {
  if (!wanted(name)) continue;
  results.push(await measure(name, prepare));
  if (name === 'cold') {
    checkSitemap();
    results.push(...(await measureSearchQueries()));
  }
}
// Saves that change the file's text each time, so every one is a real edit.
const devScenarios = [
  ['dev: post saved → reload', (i) => appendFileSync(editedPost, `\n\n预览修改第${i}次。`)],
  ['dev: template saved → reload', (i) => appendFileSync(path.join(site, 'templates/post.njk'), `\n<!-- dev edit ${i} -->`)],
];
for (const [name, save] of devScenarios) {
  if (wanted(name)) results.push(await measureDev(name, save));
}
if (wanted('watch')) results.push(await measureWatch('watch: post saved → rebuilt', (i) => appendFileSync(editedPost, `\n\n监视修改第${i}次。`)));

const commit = (() => {
  try {
    return readFileSync(path.join(projectRoot, '.git/HEAD'), 'utf8').trim();
  } catch {
    return '';
  }
})();
console.log(`\nbaoku bench: ${posts} posts, median of ${runs}, output on ${scratch}, ${os.cpus().length} cores`);
console.log('| scenario | wall s (min–max) | posts/s | peak RSS MiB |');
console.log('|---|---|---|---|');
const shown = (value) => (value === null ? '—' : String(Math.round(value)));
for (const r of results) {
  console.log(`| ${r.scenario} | ${r.seconds.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)}) | ${shown(r.postsPerSecond)} | ${shown(r.peakMiB)} |`);
}
console.log(`last summary: ${results[0]?.summary ?? ''}`);
const report = { date: new Date().toISOString(), posts, runs, cores: os.cpus().length, node: process.version, commit, flags: extraFlags, results };
mkdirSync(path.join(projectRoot, 'bench-results'), { recursive: true });
const file = path.join(projectRoot, 'bench-results', `${report.date.replace(/[:.]/g, '-')}-${posts}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`JSON: ${path.relative(projectRoot, file)}`);
if (!values.keep) {
  rmSync(site, { recursive: true, force: true });
  rmSync(destination, { recursive: true, force: true });
}
