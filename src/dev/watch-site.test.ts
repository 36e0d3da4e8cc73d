import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSite, type SiteChange, type SiteWatcher } from './watch-site.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A site folder with these files, watched; `changes` fills as the watcher reports. */
function watchedSite(files: Record<string, string>, folders = ['posts', '_posts', '_drafts', 'templates', 'public'], configFile?: (root: string) => string) {
  const outer = mkdtempSync(path.join(os.tmpdir(), 'baoku-watch-'));
  const root = path.join(outer, 'site');
  mkdirSync(root);
  const write = (relative: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  const changes: SiteChange[] = [];
  const errors: string[] = [];
  const watcher: SiteWatcher = watchSite(root, {
    folders,
    configFile: configFile?.(outer) ?? path.join(root, '_config.yml'),
    onChange: (change) => changes.push(change),
    onError: (message) => errors.push(message),
  });
  cleanups.push(() => {
    watcher.close();
    rmSync(outer, { recursive: true, force: true });
  });
  /** Resolves once a change of this path has been reported. */
  const seen = async (relative: string, folder = false): Promise<void> => {
    for (let waited = 0; waited < 5000; waited += 10) {
      if (changes.some((change) => change.path === relative && change.folder === folder)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no change reported for ${relative}; got ${JSON.stringify(changes)}`);
  };
  return { root, outer, write, changes, errors, seen, watcher };
}

const quiet = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

describe('watching a site', () => {
  it('reports a post saved, added and deleted, by its path from the site root', async () => {
    const site = watchedSite({ 'posts/2022/a.md': '一' });
    site.write('posts/2022/a.md', '改过');
    await site.seen('posts/2022/a.md');
    site.write('posts/2022/b.md', '新的');
    await site.seen('posts/2022/b.md');
    rmSync(path.join(site.root, 'posts/2022/b.md'));
    site.changes.length = 0;
    await site.seen('posts/2022/b.md');
  });

  it('reports templates, public files and the config file', async () => {
    const site = watchedSite({ 'templates/post.njk': '{{ content }}', 'public/style.css': 'a{}', '_config.yml': 'title: 一' });
    site.write('templates/post.njk', '<main>{{ content }}</main>');
    site.write('public/style.css', 'b{}');
    site.write('_config.yml', 'title: 二');
    await Promise.all([site.seen('templates/post.njk'), site.seen('public/style.css'), site.seen('_config.yml')]);
  });

  it('reports a config file outside the site root by its path from the root', async () => {
    const site = watchedSite({ 'posts/a.md': '一' }, undefined, (outer) => path.join(outer, 'other.yml'));
    writeFileSync(path.join(site.outer, 'other.yml'), 'title: 二');
    await site.seen('../other.yml');
  });

  it('watches a source folder made after it started, and the folders made inside it', async () => {
    const site = watchedSite({ 'posts/a.md': '一' });
    mkdirSync(path.join(site.root, '_drafts'));
    await site.seen('_drafts', true);
    mkdirSync(path.join(site.root, '_drafts/2023'));
    await site.seen('_drafts/2023', true);
    site.write('_drafts/2023/draft.md', '草稿');
    await site.seen('_drafts/2023/draft.md');
  });

  it('reports a source folder removed from the site root', async () => {
    const site = watchedSite({ 'posts/a.md': '一', '_drafts/b.md': '草稿' });
    rmSync(path.join(site.root, '_drafts'), { recursive: true });
    await site.seen('_drafts', true);
  });

  it('reports a folder moved away as a change, and one moved in, with what it holds watched', async () => {
    const site = watchedSite({ 'posts/2021/a.md': '一', 'posts/2022/b.md': '二' });
    renameSync(path.join(site.root, 'posts/2021'), path.join(site.outer, '2021'));
    await site.seen('posts/2021', true);
    renameSync(path.join(site.outer, '2021'), path.join(site.root, 'posts/old'));
    await site.seen('posts/old', true);
    site.write('posts/old/a.md', '改过');
    await site.seen('posts/old/a.md');
  });

  it('follows a link to a folder inside the site once, and reports a link back up without watching it again', async () => {
    const site = watchedSite({ 'posts/a.md': '一', 'archive/2020/c.md': '三' });
    symlinkSync(path.join(site.root, 'archive'), path.join(site.root, 'posts/linked'));
    await site.seen('posts/linked', true);
    site.write('archive/2020/c.md', '改过');
    await site.seen('posts/linked/2020/c.md');
    symlinkSync('.', path.join(site.root, 'posts/loop'));
    await site.seen('posts/loop', true);
    rmSync(path.join(site.root, 'posts/loop'));
    site.changes.length = 0;
    await site.seen('posts/loop', true);
    expect(site.errors).toEqual([]);
  });

  it('says nothing of folders it does not watch, nor after it is closed', async () => {
    const site = watchedSite({ 'posts/a.md': '一', '_site/index.html': '<p>旧</p>', 'notes/todo.md': '待办' });
    site.write('_site/index.html', '<p>新</p>');
    site.write('notes/todo.md', '改过');
    await quiet();
    expect(site.changes).toEqual([]);
    site.watcher.close();
    site.write('posts/a.md', '改过');
    await quiet();
    expect(site.changes).toEqual([]);
  });

  it('watches a folder made anew under a source folder’s name, and no longer the one that went', async () => {
    const site = watchedSite({ '_posts/a.md': '一' });
    rmSync(path.join(site.root, '_posts'), { recursive: true });
    // Made again at once: the events of both reach the watcher after the new folder is there.
    mkdirSync(path.join(site.root, '_posts'));
    await site.seen('_posts', true);
    site.write('_posts/b.md', '新的');
    await site.seen('_posts/b.md');
    // Moved away, then another made: only the one now called _posts is watched.
    site.changes.length = 0;
    renameSync(path.join(site.root, '_posts'), path.join(site.outer, 'away'));
    mkdirSync(path.join(site.root, '_posts'));
    await site.seen('_posts', true);
    await quiet();
    site.changes.length = 0;
    writeFileSync(path.join(site.outer, 'away', 'c.md'), '走了');
    site.write('_posts/d.md', '在这里');
    await site.seen('_posts/d.md');
    expect(site.changes.map((change) => change.path)).not.toContain('_posts/c.md');
  });

  it('follows a source folder that is a link out of the site, as the build reads it', async () => {
    const site = watchedSite({});
    mkdirSync(path.join(site.outer, 'content'));
    symlinkSync(path.join(site.outer, 'content'), path.join(site.root, '_posts'));
    await site.seen('_posts', true);
    writeFileSync(path.join(site.outer, 'content', 'a.md'), '一');
    await site.seen('_posts/a.md');
  });

  it('follows no link back up out of a source folder, and no dot folder', async () => {
    const site = watchedSite({ 'posts/a.md': '一', 'notes/todo.md': '待办' });
    symlinkSync('..', path.join(site.root, 'posts/up'));
    await site.seen('posts/up', true);
    mkdirSync(path.join(site.root, 'posts/.git'));
    await quiet();
    site.changes.length = 0;
    site.write('notes/todo.md', '改过');
    site.write('posts/.git/HEAD', 'ref');
    await quiet();
    expect(site.changes).toEqual([]);
  });

  it('keeps watching a folder when one of two links to it goes', async () => {
    const site = watchedSite({ 'archive/2020/c.md': '三' });
    // The folder and its two links appear together: whichever link is watched, the other is its alias.
    mkdirSync(path.join(site.root, 'posts'));
    symlinkSync(path.join(site.root, 'archive'), path.join(site.root, 'posts/aaa'));
    symlinkSync(path.join(site.root, 'archive'), path.join(site.root, 'posts/zzz'));
    await site.seen('posts', true);
    rmSync(path.join(site.root, 'posts/aaa'));
    await site.seen('posts/aaa', true);
    site.write('archive/2020/c.md', '改过');
    await site.seen('posts/zzz/2020/c.md');
  });
});
