import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A site in a temporary folder, made from a map of relative paths to file contents. */
export interface FixtureSite {
  readonly root: string;
  readonly out: string;
  /** Builds with the library API (no child process). */
  build(options?: Partial<BuildOptions>): Promise<BuildResult>;
  /** Runs the real `baoku` command and returns its exit code and output. */
  cli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Reads an output file (path relative to the destination, Unicode, no leading slash). */
  read(outputPath: string): string;
  exists(outputPath: string): boolean;
  write(relativePath: string, content: string | Uint8Array): void;
  remove(): void;
}

/**
 * @param options.parent make the site at `<parent>/site` instead of a new temporary folder, so a
 *   test can watch the folder around it
 */
export function createFixtureSite(files: Readonly<Record<string, string | Uint8Array>>, options: { readonly parent?: string } = {}): FixtureSite {
  const root = options.parent ? path.join(options.parent, 'site') : mkdtempSync(path.join(os.tmpdir(), 'baoku-site-'));
  mkdirSync(root, { recursive: true });
  const out = path.join(root, '_site');
  const write = (relativePath: string, content: string | Uint8Array): void => {
    const file = path.join(root, relativePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  for (const [relativePath, content] of Object.entries(files)) write(relativePath, content);
  return {
    root,
    out,
    build: (options = {}) => build({ source: root, destination: out, now: new Date('2026-01-01T00:00:00Z'), ...options }),
    cli: (args, env = {}) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          [path.join(projectRoot, 'bin/baoku.js'), ...args],
          { cwd: root, env: { ...process.env, ...env } },
          (failure, stdout, stderr) => {
            const code = failure ? (typeof failure.code === 'number' ? failure.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    read: (outputPath) => readFileSync(path.join(out, outputPath), 'utf8'),
    exists: (outputPath) => existsSync(path.join(out, outputPath)),
    write,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A maker of fixture sites for one test file; each site is removed after the test that made it. */
export function fixtureSites(): (files: Readonly<Record<string, string | Uint8Array>>) => FixtureSite {
  let sites: FixtureSite[] = [];
  afterEach(() => {
    for (const created of sites) created.remove();
    sites = [];
  });
  return (files) => {
    const created = createFixtureSite(files);
    sites.push(created);
    return created;
  };
}

/** Front matter + body in the seed's shape. */
export function newsPost(fields: {
  title: string;
  date?: string;
  categories?: string;
  tags?: string;
  extra?: string;
  body: string;
}): string {
  const lines = ['---', 'layout: post', `title: "${fields.title}"`];
  if (fields.date !== undefined) lines.push(`date: ${fields.date}`);
  if (fields.categories !== undefined) lines.push(`categories: ${fields.categories}`);
  if (fields.tags !== undefined) lines.push(`tags: ${fields.tags}`);
  if (fields.extra) lines.push(fields.extra);
  lines.push('---', fields.body);
  return lines.join('\n');
}

/** A body shaped like the seed: paragraphs with subheadings, byline, source, original link, back-navigation. */
export const seedShapedBody = [
  '<p>春风送暖，海港新城迎来新一轮建设热潮。今年以来，城区坚持把项目建设作为发展的主引擎，全力推动一批重点工程落地见效。</p>',
  ' <p>抓项目促投资，跑出建设加速度</p>',
  ' <p>城区围绕产业升级，聚焦新材料、海洋经济等领域，推动一批重大项目开工建设，全年完成投资同比增长百分之十二。</p>',
  ' <p>优环境强服务，打造营商新高地</p>',
  ' <p>城区深化审批制度改革，推行“一窗受理”模式，企业开办时间压缩至一个工作日以内，市场主体数量持续增长。</p>',
  ' <p>惠民生暖民心，共享发展新成果</p>',
  ' <p>城区新建改建学校三所，新增养老床位两百张，群众的获得感、幸福感不断增强。</p>',
  ' <p>□ 海文 </p><p class="em_media">（文章来源：海港日报）</p>',
  '',
  '<http://news.example.com/share.html?code=HG2022030100001>',
  '',
  '[返回海港日报新闻](//old.example.com/category/haigangribao.html)｜[返回首页](//old.example.com/)',
].join('\n');
