import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureSite, newsPost, projectRoot, type FixtureSite } from './support/fixture-site.js';

let sites: FixtureSite[] = [];
afterEach(() => {
  for (const s of sites) s.remove();
  sites = [];
});

describe('baoku dev on the command line', () => {
  it('prints its URL, serves the site, and stops cleanly on Ctrl-C, releasing the port', async () => {
    const site = createFixtureSite({ 'posts/2022-03-01-a.md': newsPost({ title: '命令行', categories: 'x', body: '<p>正文。</p>' }) });
    sites.push(site);
    const { child, url, stderr } = await startDev(site);
    const page = await fetch(`${url}x/2022/03/01/a.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('命令行');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('baoku dev: stopped');
    expect(stderr()).not.toContain('timings:');
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);

  it('with --verbose, prints the time of each step after a build', async () => {
    const site = createFixtureSite({ 'posts/2022-03-01-a.md': newsPost({ title: '命令行', categories: 'x', body: '<p>正文。</p>' }) });
    sites.push(site);
    const { child, stderr } = await startDev(site, ['--verbose']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toMatch(/built in \d+ ms\ntimings: config \d+ ms, find \d+ ms/);
  }, 30_000);
});

/** `baoku dev` on a fixture site, once it says where it serves. */
async function startDev(site: FixtureSite, flags: readonly string[] = []): Promise<{ child: ReturnType<typeof spawn>; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/baoku.js'), 'dev', '-s', site.root, '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`dev exited early: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}
