import fc from 'fast-check';
import type { ElementContent, Properties, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { articleHtml, writePlainHtml } from './article-html.js';

describe('writing an article as HTML', () => {
  it('writes what hast-util-to-html writes: quotes, references, void elements, lists of classes', () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('p', { className: ['lead', 'em_media'], title: 'x"y&z<w>\'`' }, ['a<b&c>d"e\'f`g ', h('strong', '粗'), '😀']),
        { type: 'text', value: '\n' },
        h('p', [h('img', { src: 'a.jpg?x=1&y=2', alt: '', width: 600 }), h('br'), h('a', { href: 'http://x/?q=中文', rel: ['nofollow'] }, '链接')]),
        h('ol', { reversed: true, start: 3 }, [h('li', '一')]),
        h('table', [h('tbody', [h('tr', [h('td', { colSpan: 2 }, '格')])])]),
      ],
    };
    expect(writePlainHtml(tree)).toBe(toHtml(tree));
  });

  it('leaves what it does not write itself to hast-util-to-html', () => {
    const withComment: Root = { type: 'root', children: [h('p', 'x'), { type: 'comment', value: '注释' }] };
    const withSvg: Root = { type: 'root', children: [h('p', [h('svg', { viewBox: '0 0 1 1' })])] };
    for (const tree of [withComment, withSvg]) {
      expect(writePlainHtml(tree)).toBeNull();
      expect(articleHtml(tree)).toBe(toHtml(tree));
    }
  });

  const texts = fc.constantFrom('新闻', ' ', '\n', '<', '&', '>', '"', "'", '`', '\0', '😀', '&amp;', 'a b', '');
  const properties: fc.Arbitrary<Properties> = fc
    .array(
      fc.oneof(
        fc.tuple(fc.constant('className'), fc.array(fc.constantFrom('a', 'b', 'em_media', ''), { maxLength: 3 })),
        fc.tuple(fc.constantFrom('href', 'src', 'title', 'alt', 'id', 'lang', 'dir', 'dataRole', 'ariaLabel', 'cite'), fc.array(texts, { maxLength: 4 }).map((parts) => parts.join(''))),
        fc.tuple(fc.constantFrom('width', 'height', 'colSpan', 'rowSpan', 'start'), fc.oneof(fc.integer({ min: -5, max: 900 }), fc.constant(Number.NaN), fc.constantFrom('100%', ''))),
        fc.tuple(fc.constantFrom('reversed', 'hidden', 'download', 'open'), fc.oneof(fc.boolean(), fc.constantFrom('', 'download', 'x'))),
        fc.tuple(fc.constantFrom('accept', 'coords'), fc.array(fc.constantFrom('a', 'b c', ''), { maxLength: 3 })),
        fc.tuple(fc.constantFrom('title', 'alt'), fc.constantFrom(null, undefined)),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => Object.fromEntries(pairs) as Properties);
  const tags = ['p', 'span', 'a', 'strong', 'em', 'img', 'br', 'hr', 'h2', 'blockquote', 'ol', 'li', 'table', 'td', 'figure', 'figcaption', 'code', 'pre', 'input', 'svg', 'Q'];
  const nodes: fc.Arbitrary<ElementContent[]> = fc.letrec<{ node: ElementContent; nodes: ElementContent[] }>((tie) => ({
    node: fc.oneof(
      { weight: 3, arbitrary: texts.map((value): ElementContent => ({ type: 'text', value })) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...tags), properties, tie('nodes')).map(([tagName, props, children]): ElementContent => ({ type: 'element', tagName, properties: props, children })) },
      { weight: 1, arbitrary: fc.constant<ElementContent>({ type: 'comment', value: '--x' }) },
    ),
    nodes: fc.array(tie('node'), { maxLength: 4 }),
  })).nodes;

  it('agrees with hast-util-to-html on every tree it writes', () => {
    let written = 0;
    fc.assert(
      fc.property(nodes, (children) => {
        const tree: Root = { type: 'root', children };
        const plain = writePlainHtml(tree);
        if (plain === null) return;
        written++;
        expect(plain).toBe(toHtml(tree));
      }),
      { numRuns: Number(process.env.RUNS ?? 3000) },
    );
    // Says something only if most trees are its own to write.
    expect(written).toBeGreaterThan(1000);
  });
});
