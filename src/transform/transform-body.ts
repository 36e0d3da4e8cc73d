import type { Root } from 'hast';
import { VFile } from 'vfile';
import type { PostFormat } from '../content/post.js';
import { warning, type Problem } from '../report/problem.js';
import type { Article } from './article.js';
import { articleHtml } from './article-html.js';
import rehypeBackNav from './back-nav.js';
import { normalizeBlockSpacing } from './block-spacing.js';
import rehypeByline from './byline.js';
import { findUnsafeMarkup } from './find-unsafe.js';
import rehypeLegacyLinks, { type LegacyLinkSettings } from './legacy-links.js';
import { limitMarkdownNesting, limitNesting } from './limit-nesting.js';
import rehypeLinksAndImages from './links-and-images.js';
import rehypeOriginalLink from './original-link.js';
import { parseBody } from './parse-body.js';
import { sanitizeArticle } from './sanitize.js';
import rehypeSource from './source.js';
import rehypeSubheadings from './subheadings.js';
import { countChars, excerptOf, firstHeadingOf, readingMinutes } from './summary.js';
import { textOf } from './tree-text.js';
import rehypeWhitespace from './whitespace.js';

import type { RuleName } from './rule-names.js';

/** Depth a body that overflowed the stack is cut to: half of where browsers stop (Blink: 512). */
const maxNesting = 256;
/** Block quotes and list items nested deeper than this in markdown are flattened to it. */
const maxMarkdownNesting = 16;

/** A post body to transform. */
export interface BodyInput {
  readonly sourcePath: string;
  readonly format: PostFormat;
  readonly body: string;
  /** Line of the file where the body starts, so messages point into the file. */
  readonly bodyLine: number;
  readonly title: string;
}

export interface TransformedBody {
  readonly article: Article;
  readonly problems: readonly Problem[];
}


/**
 * Builds the body pipeline for a set of disabled rules: sanitize, then each restructure rule.
 * Processors are frozen and reused across posts.
 */
export function createBodyTransformer(
  disabled: ReadonlySet<string>,
  site: LegacyLinkSettings = { legacyHosts: [], baseurl: '', slugify: 'unicode' },
  /** `fastParse: false` reads every markdown body with micromark alone (see parseBody). */
  options: { readonly fastParse?: boolean } = {},
): (input: BodyInput) => TransformedBody {
  const on = (rule: RuleName): boolean => !disabled.has(rule);
  // Each rule is a rehype plugin's transformer, called in turn on the same tree: unified's runner
  // (a chain of callbacks per plugin per post) cost a sixth of the restructuring.
  const rules: Array<(tree: Root, file: VFile) => Root | void> = [];
  if (on('whitespace')) rules.push(rehypeWhitespace());
  if (on('back_nav')) rules.push(rehypeBackNav());
  if (on('original_link')) rules.push(rehypeOriginalLink());
  if (on('source')) rules.push(rehypeSource());
  if (on('byline')) rules.push(rehypeByline());
  rules.push(rehypeSubheadings({ promote: on('subheadings') }));
  // Before `links`: a rewritten link is internal and gets no rel="nofollow".
  if (on('legacy_links')) rules.push(rehypeLegacyLinks(site));
  if (on('links')) rules.push(rehypeLinksAndImages());
  const restructure = (parsed: Root, file: VFile): Root => {
    let tree = sanitizeArticle(parsed);
    for (const rule of rules) tree = rule(tree, file) ?? tree;
    return tree;
  };

  const transform = (input: BodyInput): TransformedBody => {
    const problems: Problem[] = [];
    let body = input.body;
    if (input.format === 'markdown') {
      const limited = limitMarkdownNesting(body, maxMarkdownNesting);
      if (limited.lines > 0) {
        body = limited.text;
        problems.push(
          warning(
            input.sourcePath,
            'body/nesting',
            `block quotes or lists nested more than ${maxMarkdownNesting} deep on ${limited.lines} line(s): the deeper markers were dropped, their text kept`,
            'remove the extra > or list markers',
            input.bodyLine,
          ),
        );
      }
    }
    const parsed = parseBody(input.format, body, options.fastParse ?? true);
    for (const unsafe of findUnsafeMarkup(parsed)) {
      const line = unsafe.line === undefined ? input.bodyLine : input.bodyLine + unsafe.line - 1;
      problems.push(warning(input.sourcePath, 'body/unsafe', `removed ${unsafe.what}`, '', line));
    }
    const file = new VFile();
    file.data.fallbackAlt = input.title;
    const tree = restructure(parsed, file);
    normalizeBlockSpacing(tree);
    const text = textOf(tree);
    const chars = countChars(text);
    return {
      article: {
        html: articleHtml(tree),
        excerpt: excerptOf(tree),
        byline: file.data.byline ?? null,
        source: file.data.source ?? null,
        sourceUrl: file.data.sourceUrl ?? null,
        backNavName: file.data.backNavName ?? null,
        toc: file.data.toc ?? [],
        firstHeading: firstHeadingOf(tree),
        chars,
        readingMinutes: readingMinutes(chars),
      },
      problems,
    };
  };

  return (input) => {
    try {
      return transform(input);
    } catch (caught) {
      if (!(caught instanceof RangeError && /call stack/i.test(caught.message))) throw caught;
      // Nested too deeply for the tree walks: read it again without the deepest tags.
      const limited = limitNesting(input.body, maxNesting);
      // Nesting made of markdown (`>` × 5,000) has no tags to drop: reading again would fail again.
      if (limited.dropped === 0) throw caught;
      const result = transform({ ...input, body: limited.text });
      const nesting = warning(
        input.sourcePath,
        'body/nesting',
        `elements nested more than ${maxNesting} deep: ${limited.dropped} tags were dropped, their text kept`,
        'close the tags the post leaves open',
        input.bodyLine,
      );
      return { ...result, problems: [nesting, ...result.problems] };
    }
  };
}
