import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { findPosts, isInside } from './find-posts.js';

let site: string;
const outside: string[] = [];

beforeEach(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'baoku-'));
});

afterEach(() => {
  for (const dir of [site, ...outside.splice(0)]) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes files under the site root, making folders as needed. */
function write(...relativePaths: string[]): void {
  for (const relative of relativePaths) {
    const absolute = path.join(site, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, '---\ntitle: 标题\n---\n正文\n');
  }
}

const sourcePaths = async (drafts = false): Promise<string[]> =>
  (await findPosts(site, { drafts })).files.map((file) => file.sourcePath);

describe('findPosts', () => {
  it('finds .md, .markdown and .html posts under posts/ and _posts/, in subfolders too', async () => {
    write('posts/2022-02-25-a.md', 'posts/2021/12/2021-12-08-b.markdown', '_posts/2021-12-01-c.html');
    expect(await sourcePaths()).toEqual(['posts/2021/12/2021-12-08-b.markdown', 'posts/2022-02-25-a.md', '_posts/2021-12-01-c.html']);
  });

  it('gives absolute paths next to the site-relative ones', async () => {
    write('posts/2022-02-25-a.md');
    const { files } = await findPosts(site, { drafts: false });
    expect(files).toEqual([
      { absolutePath: path.join(site, 'posts', '2022-02-25-a.md'), sourcePath: 'posts/2022-02-25-a.md', draft: false },
    ]);
  });

  it('ignores other extensions, dotfiles and dot folders', async () => {
    write('posts/2022-02-25-a.md', 'posts/notes.txt', 'posts/cover.jpg', 'posts/.2022-02-25-a.md.swp', 'posts/.hidden.md', 'posts/.git/x.md');
    expect(await sourcePaths()).toEqual(['posts/2022-02-25-a.md']);
  });

  it('ignores editors’ scratch files, as Jekyll does: names starting with # or ~', async () => {
    write('posts/2022-02-25-a.md', 'posts/#2022-02-25-a.md#', 'posts/#draft.md', 'posts/~2022-02-25-a.md');
    expect(await sourcePaths()).toEqual(['posts/2022-02-25-a.md']);
  });

  it('marks a link to a post file as linked, and nothing else', async () => {
    write('posts/2022-02-25-a.md');
    fs.symlinkSync(path.join(site, 'posts', '2022-02-25-a.md'), path.join(site, 'posts', '2022-02-26-latest.md'));
    const { files } = await findPosts(site, { drafts: false });
    expect(files.map((file) => [file.sourcePath, file.linked ?? false])).toEqual([
      ['posts/2022-02-25-a.md', false],
      ['posts/2022-02-26-latest.md', true],
    ]);
  });

  it('ignores posts outside posts/ and _posts/', async () => {
    write('posts/2022-02-25-a.md', 'README.md', 'pages/about.md');
    expect(await sourcePaths()).toEqual(['posts/2022-02-25-a.md']);
  });

  it('finds nothing and reports nothing when the site has no posts folder', async () => {
    expect(await findPosts(site, { drafts: true })).toEqual({ files: [], problems: [] });
  });

  it('leaves _drafts out unless drafts are asked for', async () => {
    write('posts/2022-02-25-a.md', '_drafts/idea.md', 'posts/_drafts/later.md');
    expect(await sourcePaths(false)).toEqual(['posts/2022-02-25-a.md']);
  });

  it('includes _drafts and posts/_drafts, marked as drafts, when drafts are asked for', async () => {
    write('posts/2022-02-25-a.md', '_drafts/idea.md', 'posts/_drafts/later.md');
    const { files } = await findPosts(site, { drafts: true });
    expect(files.map((file) => [file.sourcePath, file.draft])).toEqual([
      ['posts/2022-02-25-a.md', false],
      ['posts/_drafts/later.md', true],
      ['_drafts/idea.md', true],
    ]);
  });

  it('follows a symbolic link that stays inside the site', async () => {
    write('archive/2021-12-08-b.md');
    fs.mkdirSync(path.join(site, 'posts'));
    fs.symlinkSync(path.join(site, 'archive'), path.join(site, 'posts', 'old'));
    expect(await sourcePaths()).toEqual(['posts/old/2021-12-08-b.md']);
  });

  it('skips a symbolic link in posts/ that points outside the site, with a warning', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'baoku-outside-'));
    outside.push(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'secret.md'), '---\n---\n');
    write('posts/2022-02-25-a.md');
    fs.symlinkSync(path.join(elsewhere, 'secret.md'), path.join(site, 'posts', '2022-02-25-secret.md'));
    fs.symlinkSync(elsewhere, path.join(site, 'posts', 'linked'));

    const { files, problems } = await findPosts(site, { drafts: false });
    expect(files.map((file) => file.sourcePath)).toEqual(['posts/2022-02-25-a.md']);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'content/symlink', file: 'posts/2022-02-25-secret.md' }),
      expect.objectContaining({ severity: 'warning', rule: 'content/symlink', file: 'posts/linked' }),
    ]);
  });

  it('skips a broken symbolic link with a warning', async () => {
    fs.mkdirSync(path.join(site, 'posts'));
    fs.symlinkSync(path.join(site, 'posts', 'gone.md'), path.join(site, 'posts', '2022-02-25-a.md'));
    const { files, problems } = await findPosts(site, { drafts: false });
    expect(files).toEqual([]);
    expect(problems.map((problem) => problem.rule)).toEqual(['content/symlink']);
  });

  it('does not hang on a symbolic link loop, and lists each post once', async () => {
    write('posts/2022/2022-02-25-a.md');
    fs.symlinkSync(path.join(site, 'posts'), path.join(site, 'posts', '2022', 'up'));
    fs.symlinkSync(path.join(site, 'posts', 'self'), path.join(site, 'posts', 'self'));
    const { files } = await findPosts(site, { drafts: false });
    expect(files.map((file) => file.sourcePath)).toEqual(['posts/2022/2022-02-25-a.md']);
  });

  it('does not follow a link up to the site root into the build’s own output, and says so', async () => {
    write('posts/2022-02-25-a.md', '_site/x/2022/02/25/a.html');
    fs.symlinkSync('..', path.join(site, 'posts', 'up'));
    const { files, problems } = await findPosts(site, { drafts: false });
    expect(files.map((file) => file.sourcePath)).toEqual(['posts/2022-02-25-a.md']);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'content/symlink', file: 'posts/up' })]);
  });
});

describe('isInside', () => {
  it('accepts the root and paths below it, and refuses siblings that share a prefix', () => {
    expect(isInside('/site', '/site')).toBe(true);
    expect(isInside('/site', '/site/posts/a.md')).toBe(true);
    expect(isInside('/site', '/site-other/a.md')).toBe(false);
    expect(isInside('/site', '/elsewhere')).toBe(false);
    expect(isInside('/site', '/site/../etc/passwd')).toBe(false);
    expect(isInside('/site', '/site/a/../../etc')).toBe(false);
    expect(isInside('/site', '/site/./a')).toBe(true);
  });

  it('takes a name that starts with two dots for a name', () => {
    expect(isInside('/site', '/site/...')).toBe(true);
    expect(isInside('/site', '/site/..x/a.md')).toBe(true);
  });

  it('says what path.relative says, for any path made of plain, dot and dot-dot segments', () => {
    const segment = fc.constantFrom('site', 'a', '..', '.', '', 'site-other', '...', '.a');
    const target = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);
    fc.assert(
      fc.property(fc.constantFrom('/site', '/site/a', '/'), target, (root, file) => {
        const relative = path.relative(root, file);
        expect(isInside(root, file)).toBe(relative === '' || (relative !== '..' && !relative.startsWith('../') && !path.isAbsolute(relative)));
      }),
      { numRuns: 2000 },
    );
  });
});
