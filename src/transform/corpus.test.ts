import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../content/front-matter.js';
import { parsePost } from '../content/parse-post.js';
import { findExecutableMarkup, findLostText, htmlTree, markdownTree } from '../test-support/test-trees.js';
import { createBodyTransformer } from './transform-body.js';

// The real posts scraped by zning1994/finews sit next to the project in the shared workspace
// (../shared/corpus/finews from the project root). They are third-party data and are never
// committed, so on a fresh checkout or in CI the folder is absent and these tests are skipped.
const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/finews');
const exists = existsSync(corpus);
const files = exists ? readdirSync(corpus).filter((name) => /\.(?:md|markdown|html)$/i.test(name)).sort() : [];

describe.skipIf(!exists)('the finews corpus', () => {
  const transform = createBodyTransformer(new Set());

  /** The post as the build reads it; a post whose front matter is rejected still has its body checked. */
  function read(name: string) {
    const source = readFileSync(path.join(corpus, name), 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
    const sourcePath = `posts/${name}`;
    const { post } = parsePost(sourcePath, source, { timezone: 'Asia/Shanghai', draft: false });
    if (post) return post;
    const split = splitFrontMatter(source);
    return { sourcePath, format: /\.html$/i.test(name) ? ('html' as const) : ('markdown' as const), body: split.body, bodyLine: split.bodyLine, title: '' };
  }

  it('holds posts to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files)('keeps every visible character of %s and leaves nothing executable', (name) => {
    const post = read(name);
    const { article } = transform({ sourcePath: post.sourcePath, format: post.format, body: post.body, bodyLine: post.bodyLine, title: post.title });
    const input = post.format === 'html' ? htmlTree(post.body) : markdownTree(post.body);
    expect(findLostText(input, article)).toEqual([]);
    expect(findExecutableMarkup(article.html)).toEqual([]);
  });
});
