import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskTarget } from './disk-target.js';

let folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'baoku-out-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

describe('the disk target', () => {
  it('writes files with Chinese names into nested folders', async () => {
    const out = tempFolder();
    const target = await createDiskTarget(out);
    expect((await target.write('tag/闽东日报新闻.html', '<p>列表</p>')).outcome).toBe('written');
    expect(readFileSync(path.join(out, 'tag/闽东日报新闻.html'), 'utf8')).toBe('<p>列表</p>');
  });

  it('writes text of any length byte for byte, and says how many bytes it wrote', async () => {
    const out = tempFolder();
    const target = await createDiskTarget(out);
    const texts = ['<p>𠀋𡈽𡌛 闽东 · é</p>', '<p>长文</p>'.repeat(120_000), '中'.repeat(1024 * 1024 + 1), 'a'];
    for (const [index, text] of texts.entries()) {
      const bytes = Buffer.from(text);
      expect(await target.write(`t${index}.html`, text)).toEqual({ outcome: 'written', size: bytes.length });
      expect(readFileSync(path.join(out, `t${index}.html`)).equals(bytes)).toBe(true);
    }
  });

  it('leaves a file with the same content untouched', async () => {
    const out = tempFolder();
    const target = await createDiskTarget(out);
    await target.write('a.html', 'same');
    const before = statSync(path.join(out, 'a.html')).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect((await target.write('a.html', 'same')).outcome).toBe('unchanged');
    expect(statSync(path.join(out, 'a.html')).mtimeMs).toBe(before);
  });

  it.each(['../escape.html', 'a/../../escape.html', '/etc/x.html', 'a\\..\\x.html', 'a/%2e%2e/x.html'])('refuses to write %s', async (hostile) => {
    const out = tempFolder();
    const target = await createDiskTarget(path.join(out, 'site'));
    await expect(target.write(hostile, 'x')).rejects.toThrow(/refusing/);
    expect(existsSync(path.join(out, 'escape.html'))).toBe(false);
  });

  it('refuses to write through a symlinked folder that leads outside', async () => {
    const out = tempFolder();
    const outside = tempFolder();
    mkdirSync(path.join(out, 'site'));
    symlinkSync(outside, path.join(out, 'site', 'linked'));
    const target = await createDiskTarget(path.join(out, 'site'));
    await expect(target.write('linked/x.html', 'x')).rejects.toThrow(/outside the destination/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('creates no folders outside when a symlinked folder leads there', async () => {
    const out = tempFolder();
    const outside = tempFolder();
    mkdirSync(path.join(out, 'site'));
    symlinkSync(outside, path.join(out, 'site', 'linked'));
    const target = await createDiskTarget(path.join(out, 'site'));
    await expect(target.write('linked/2022/01/x.html', 'x')).rejects.toThrow(/outside the destination/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('in a folder it made, replaces a link put there since rather than write through it', async () => {
    const out = tempFolder();
    const outside = tempFolder();
    writeFileSync(path.join(outside, 'victim.html'), 'theirs');
    const target = await createDiskTarget(out);
    expect((await target.write('2022/02/25/a.html', 'first')).outcome).toBe('written');
    symlinkSync(path.join(outside, 'victim.html'), path.join(out, '2022/02/25/b.html'));
    writeFileSync(path.join(out, '2022/02/25/c.html'), 'left by hand');
    expect((await target.write('2022/02/25/b.html', 'page b')).outcome).toBe('written');
    expect((await target.write('2022/02/25/c.html', 'page c')).outcome).toBe('written');
    expect(readFileSync(path.join(outside, 'victim.html'), 'utf8')).toBe('theirs');
    expect(readFileSync(path.join(out, '2022/02/25/b.html'), 'utf8')).toBe('page b');
    expect(readFileSync(path.join(out, '2022/02/25/c.html'), 'utf8')).toBe('page c');
    expect(readdirSync(path.join(out, '2022/02/25')).sort()).toEqual(['a.html', 'b.html', 'c.html']);
  });

  it('writes a page whose name takes 245 of the 255 bytes a name may have', async () => {
    const out = tempFolder();
    const target = await createDiskTarget(out);
    const name = `${'长'.repeat(80)}.html`;
    expect((await target.write(`a/${name}`, '<p>长</p>')).outcome).toBe('written');
    expect(readFileSync(path.join(out, 'a', name), 'utf8')).toBe('<p>长</p>');
  });

  it('into a folder it found empty, removes only what it wrote and was not produced', async () => {
    const out = tempFolder();
    mkdirSync(path.join(out, '.git'));
    const target = await createDiskTarget(out);
    await target.write('kept.html', 'k');
    await target.write('2022/gone.html', 'g');
    expect(await target.removeStale(new Set(['kept.html']))).toBe(1);
    expect(existsSync(path.join(out, '2022/gone.html'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['.git', 'kept.html']);
  });

  it('told what the last build of the process left, removes what it left and this one did not produce, with its empty folders', async () => {
    const out = tempFolder();
    const last = await createDiskTarget(out);
    await last.write('kept.html', 'k');
    await last.write('2022/03/gone.html', 'g');
    await last.removeStale(new Set(['kept.html', '2022/03/gone.html']));
    const target = await createDiskTarget(out, { holds: ['kept.html', '2022/03/gone.html'] });
    await target.write('new.html', 'n');
    expect(await target.removeStale(new Set(['kept.html', 'new.html']))).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['kept.html', 'new.html']);
  });

  it('removes what the build no longer produces, keeping top-level dot files and what a symlink points at', async () => {
    const out = tempFolder();
    const outside = tempFolder();
    writeFileSync(path.join(outside, 'precious.txt'), 'keep');
    const last = await createDiskTarget(out);
    await last.write('keep.html', 'k');
    await last.write('old/gone.html', 'g');
    writeFileSync(path.join(out, '.nojekyll'), '');
    symlinkSync(outside, path.join(out, 'link'));
    const target = await createDiskTarget(out);
    await target.write('keep.html', 'k');
    const removed = await target.removeStale(new Set(['keep.html']));
    expect(removed).toBe(2);
    expect(existsSync(path.join(out, 'old'))).toBe(false);
    expect(existsSync(path.join(out, '.nojekyll'))).toBe(true);
    expect(readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep');
  });
});
