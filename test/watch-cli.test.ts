import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureSite, newsPost, projectRoot, type FixtureSite } from './support/fixture-site.js';

let sites: FixtureSite[] = [];
afterEach(() => {
  for (const s of sites) s.remove();
  sites = [];
});

const goodSite = (): FixtureSite => {
  const site = createFixtureSite({
    '_config.yml': 'search: false\n',
    'posts/2022-03-01-a.md': newsPost({ title: '第一篇', categories: 'x', body: '<p>初稿。</p>' }),
    'posts/2022-03-02-b.md': newsPost({ title: '第二篇', categories: 'x', body: '<p>另一篇。</p>' }),
  });
  sites.push(site);
  return site;
};

describe('baoku build --watch', () => {
  it('builds, rebuilds the folder after each save, tells what changed, and stops cleanly on Ctrl-C', async () => {
    const site = goodSite();
    const watch = startWatch(site);
    await watch.said(/watching for changes/);
    expect(site.read('x/2022/03/01/a.html')).toContain('初稿。');

    site.write('posts/2022-03-01-a.md', newsPost({ title: '第一篇', categories: 'x', body: '<p>改过的稿子。</p>' }));
    await watch.said(/posts\/2022-03-01-a\.md changed: 2 posts read, \d+ files? written/);
    expect(site.read('x/2022/03/01/a.html')).toContain('改过的稿子。');

    // A broken save is reported with its file and line; the other post's page stays, and watching goes on.
    site.write('posts/2022-03-02-b.md', '---\ntitle: "未闭合\n---\n正文。');
    await watch.said(/error: posts\/2022-03-02-b\.md:2:\d+: invalid front matter/);
    expect(site.read('x/2022/03/01/a.html')).toContain('改过的稿子。');
    site.write('posts/2022-03-02-b.md', newsPost({ title: '第二篇', categories: 'x', body: '<p>修好了。</p>' }));
    await watch.said(/posts\/2022-03-02-b\.md changed: 2 posts read, \d+ files? written, \d+ unchanged; 0 errors/);
    expect(site.read('x/2022/03/02/b.html')).toContain('修好了。');

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
    expect(watch.output()).toContain('baoku: stopped watching');
  }, 30_000);

  it('exits with 1 when there is no site to watch', async () => {
    const site = goodSite();
    const watch = startWatch(site, ['-s', path.join(site.root, 'missing')]);
    expect(await watch.exited).toBe(1);
    expect(watch.output()).toMatch(/site folder not found/);
  }, 30_000);

  it('is refused with --check, which checks a finished build', async () => {
    const site = goodSite();
    const result = await site.cli(['build', '-s', site.root, '--watch', '--check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--check.*cannot be used with.*--watch|--watch.*cannot be used with.*--check/);
  });
});

/** `baoku build --watch` on a fixture site; `said` resolves once its output matches. */
function startWatch(site: FixtureSite, flags: readonly string[] = ['-s', site.root]): {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | null>;
  said: (pattern: RegExp) => Promise<void>;
  output: () => string;
} {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/baoku.js'), 'build', '--watch', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  /** Where the next pattern is looked for: after the last match, so an earlier line never answers for a later one. */
  let cursor = 0;
  let waiting: { pattern: RegExp; resolve: () => void } | null = null;
  const look = (): void => {
    if (!waiting) return;
    const match = waiting.pattern.exec(output.slice(cursor));
    if (!match) return;
    cursor += match.index + match[0].length;
    const { resolve } = waiting;
    waiting = null;
    resolve();
  };
  const heard = (chunk: string): void => {
    output += chunk;
    look();
  };
  child.stdout!.setEncoding('utf8').on('data', heard);
  child.stderr!.setEncoding('utf8').on('data', heard);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    said: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiting = { pattern, resolve };
        look();
        void exited.then(() => reject(new Error(`build --watch exited before saying ${pattern}: ${output}`)));
      }),
    output: () => output,
  };
}
