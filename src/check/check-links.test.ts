import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, type CheckLinksOptions, type LinkReport } from './check-links.js';
import { srcsetUrls } from './extract-links.js';

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** An output folder made from a map of relative paths to contents, inside a temp folder of its own. */
function output(files: Readonly<Record<string, string>>): string {
  const holder = mkdtempSync(path.join(os.tmpdir(), 'baoku-check-'));
  folders.push(holder);
  const root = path.join(holder, '_site');
  mkdirSync(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

const page = (body: string): string => `<!doctype html>\n<html><head><title>t</title></head>\n<body>\n${body}\n</body></html>\n`;

async function check(files: Readonly<Record<string, string>>, options: CheckLinksOptions = { baseurl: '' }): Promise<LinkReport> {
  return checkLinks(output(files), options);
}

/** `page:line href` for each broken link: what a user reads, minus the reason. */
const brokenHrefs = (report: LinkReport): string[] => report.broken.map((b) => `${b.page}:${b.line} ${b.href}`);

describe('checkLinks', () => {
  it('reports a broken relative link and a broken image with the page and line that hold them', async () => {
    const report = await check({
      'index.html': page('<p><a href="a/one.html">one</a></p>\n<p><a href="a/missing.html">missing</a></p>\n<img src="img/gone.png" alt="">'),
      'a/one.html': page('<a href="../index.html">home</a> <img src="../img/here.png" alt="">'),
      'img/here.png': 'png',
    });
    expect(brokenHrefs(report)).toEqual(['index.html:5 a/missing.html', 'index.html:6 img/gone.png']);
    expect(report.broken[0]!.reason).toBe('no file at a/missing.html');
    expect(report.pagesChecked).toBe(2);
    expect(report.linksChecked).toBe(5);
  });

  it('reports the line of the attribute when a tag spans several lines', async () => {
    const report = await check({ 'index.html': '<p>\n<a class="x"\n   title="y"\n   href="nope.html">x</a>' });
    expect(brokenHrefs(report)).toEqual(['index.html:4 nope.html']);
  });

  it('resolves Chinese links percent-encoded once, and not those encoded twice', async () => {
    const encoded = encodeURIComponent('海港日报新闻');
    const report = await check({
      'tag/海港日报新闻.html': page('tag'),
      'index.html': page(
        [
          `<a href="/tag/${encoded}.html">once</a>`,
          '<a href="/tag/海港日报新闻.html">raw</a>',
          `<a href="/tag/${encodeURIComponent(encoded)}.html">twice</a>`,
        ].join('\n'),
      ),
    });
    expect(brokenHrefs(report)).toEqual([`index.html:6 /tag/${encodeURIComponent(encoded)}.html`]);
    expect(report.broken[0]!.reason).toBe(`no file at tag/${encoded}.html`);
  });

  it('reads %25 as a literal % in the file name', async () => {
    const report = await check({ '100%.html': page('x'), 'index.html': page('<a href="100%25.html">a</a> <a href="100%.html">b</a>') });
    expect(report.broken.map((b) => [b.href, b.reason])).toEqual([['100%.html', 'malformed percent-encoding in "100%.html"']]);
  });

  it('serves dir/ as dir/index.html, and an extensionless path as path.html or path/index.html', async () => {
    const report = await check({
      'index.html': page('<a href="news/">a</a> <a href="news">b</a> <a href="about">c</a> <a href="/">d</a> <a href="./">e</a> <a href="empty/">f</a> <a href="gone">g</a>'),
      'news/index.html': page('news'),
      'about.html': page('about'),
      'empty/style.css': '',
    });
    expect(report.broken.map((b) => [b.href, b.reason])).toEqual([
      ['empty/', 'no file at empty/index.html'],
      ['gone', 'no file at gone, gone.html or gone/index.html'],
    ]);
  });

  it('with baseurl /archive, finds /archive/x.html and reports /other.html as outside the baseurl', async () => {
    const files = {
      'x.html': page('x'),
      'other.html': page('other'),
      'index.html': page('<a href="/archive/x.html">in</a>\n<a href="/other.html">out</a>\n<a href="/archive">root</a> <a href="/archive/">root/</a> <a href="x.html">relative</a>'),
      'a/b.html': page('<a href="../../x.html">climbs out of the baseurl</a>'),
    };
    const report = await check(files, { baseurl: '/archive' });
    expect(report.broken.map((b) => [b.page, b.href, b.reason])).toEqual([
      ['a/b.html', '../../x.html', 'outside the baseurl /archive'],
      ['index.html', '/other.html', 'outside the baseurl /archive'],
    ]);
    expect((await check(files, { baseurl: '' })).broken.map((b) => [b.href, b.reason])).toEqual([
      ['../../x.html', '".." climbs above the site root'],
      ['/archive/x.html', 'no file at archive/x.html'],
      ['/archive', 'no file at archive, archive.html or archive/index.html'],
      ['/archive/', 'no file at archive/index.html'],
    ]);
  });

  it('checks absolute links to the site’s own url, under its baseurl', async () => {
    const report = await check(
      {
        'x.html': page('x'),
        'index.html': page(
          [
            '<link rel="canonical" href="https://example.org/archive/index.html">',
            '<a href="https://EXAMPLE.org/archive/x.html">ok</a>',
            '<a href="https://example.org/archive/y.html">missing</a>',
            '<a href="//example.org/archive/x.html#top">protocol-relative</a>',
            '<a href="http://example.org:8080/archive/y.html">another origin</a>',
          ].join('\n'),
        ),
      },
      { baseurl: '/archive', siteUrl: 'https://example.org' },
    );
    expect(brokenHrefs(report)).toEqual(['index.html:6 https://example.org/archive/y.html']);
    expect(report.linksChecked).toBe(4);
  });

  it('ignores other hosts, mailto:, tel:, javascript:, data: and empty links', async () => {
    const report = await check({
      'index.html': page(
        [
          '<a href="https://elsewhere.example.com/nope.html">a</a>',
          '<a href="//cdn.example.com/x.js">b</a>',
          '<a href="mailto:news@example.org">c</a> <a href="tel:+86123">d</a> <a href="javascript:void(0)">e</a>',
          '<img src="data:image/png;base64,iVBORw0KGgo=" alt=""> <a href="">f</a>',
          '<a href="https://example.org/nope.html">own host, no url configured</a>',
        ].join('\n'),
      ),
    });
    expect(report.broken).toEqual([]);
    expect(report.linksChecked).toBe(0);
  });

  it('checks srcset candidates, <source>, <script> and <link>, and ignores query strings', async () => {
    const report = await check({
      'index.html': page(
        [
          '<link rel="stylesheet" href="/style.css?v=3">',
          '<script src="app.js"></script>',
          '<picture><source srcset="a.webp 1x, b.webp 2x"><img src="a.jpg" srcset="a.jpg 480w, c.jpg 800w" alt=""></picture>',
        ].join('\n'),
      ),
      'style.css': '',
      'a.webp': '',
      'a.jpg': '',
    });
    expect(report.broken.map((b) => b.href)).toEqual(['app.js', 'b.webp', 'c.jpg']);
  });

  it('reads a link inside <script> or a comment as text, not as a link', async () => {
    const report = await check({ 'index.html': page('<script>document.write(\'<a href="nope.html">\')</script><!-- <a href="gone.html"> -->') });
    expect(report.broken).toEqual([]);
  });

  it('resolves relative links against <base href>', async () => {
    const report = await check({ 'a/index.html': page('<base href="/b/"><a href="x.html">x</a> <a href="y.html">y</a>'), 'b/x.html': page('x') });
    expect(report.broken.map((b) => [b.href, b.reason])).toEqual([['y.html', 'no file at b/y.html']]);
  });

  it('reports ".." that climbs above the site root', async () => {
    const report = await check({ 'a/b.html': page('<a href="../../../etc/passwd">x</a> <a href="../%2e%2e/index.html">y</a>'), 'index.html': page('') });
    expect(report.broken.map((b) => b.reason)).toEqual(['".." climbs above the site root', '".." climbs above the site root']);
  });

  it('does not follow a symbolic link out of the output folder', async () => {
    const root = output({ 'index.html': page('<a href="outside/secret.html">a</a> <img src="leak.png" alt="">') });
    const outside = path.join(path.dirname(root), 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.html'), page('<a href="nope.html">not ours to check</a>'));
    writeFileSync(path.join(outside, 'leak.png'), 'png');
    symlinkSync(outside, path.join(root, 'outside'));
    symlinkSync(path.join(outside, 'leak.png'), path.join(root, 'leak.png'));
    const report = await checkLinks(root, { baseurl: '' });
    expect(report.pagesChecked).toBe(1);
    expect(report.broken.map((b) => [b.href, b.reason])).toEqual([
      ['outside/secret.html', 'outside is a symbolic link that leads outside the output folder (or nowhere)'],
      ['leak.png', 'leak.png is a symbolic link that leads outside the output folder (or nowhere)'],
    ]);
  });

  it('follows a symbolic link that stays inside the output, without looping', async () => {
    const root = output({ 'index.html': page('<a href="latest/x.html">a</a>'), 'v1/x.html': page('x') });
    symlinkSync('v1', path.join(root, 'latest'));
    symlinkSync('..', path.join(root, 'v1', 'up'));
    const report = await checkLinks(root, { baseurl: '' });
    expect(report.broken).toEqual([]);
    expect(report.pagesChecked).toBe(2);
  });

  it('checks #fragments against the ids of the page they point at', async () => {
    const report = await check({
      'index.html': page('<a href="#main">skip</a> <a href="#gone">x</a> <a href="#">top</a> <a href="#top">top</a>\n<main id="main"><a href="a.html#s1">s1</a> <a href="a.html#s9">s9</a> <a href="a.html#old">named</a></main>'),
      'a.html': page('<h2 id="s1">一</h2><a name="old"></a>'),
    });
    expect(report.broken.map((b) => [b.href, b.reason])).toEqual([
      ['#gone', 'no element with id "gone" on this page'],
      ['a.html#s9', 'no element with id "s9" in a.html'],
    ]);
  });

  it('matches a percent-encoded Chinese fragment against its id', async () => {
    const report = await check({ 'index.html': page(`<h2 id="第一部分">一</h2><a href="#${encodeURIComponent('第一部分')}">x</a><a href="#第一部分">y</a>`) });
    expect(report.broken).toEqual([]);
    expect(report.linksChecked).toBe(2);
  });
});

describe('srcsetUrls', () => {
  it.each([
    ['a.jpg', ['a.jpg']],
    ['a.jpg 1x, b.jpg 2x', ['a.jpg', 'b.jpg']],
    ['a.jpg 480w,b.jpg 800w', ['a.jpg', 'b.jpg']],
    ['a.jpg,b.jpg', ['a.jpg,b.jpg']],
    ['a.jpg, b.jpg', ['a.jpg', 'b.jpg']],
    ['  ,a,b.jpg 1x ,, c.jpg', ['a,b.jpg', 'c.jpg']],
  ])('reads %j as %j', (srcset, urls) => {
    expect(srcsetUrls(srcset)).toEqual(urls);
  });
});
