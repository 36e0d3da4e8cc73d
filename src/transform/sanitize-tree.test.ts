import fc from 'fast-check';
import type { ElementContent, Root, RootContent } from 'hast';
import { sanitize } from 'hast-util-sanitize';
import { describe, expect, it } from 'vitest';
import { articleSchema } from './sanitize.js';
import { compileSchema, sanitizeTree } from './sanitize-tree.js';

// hast-util-sanitize, given the article schema, is what sanitizeTree must agree with. (Its
// defaults would prefix ids and names: the article schema leaves them out.)
const reference = (tree: Root): Root => sanitize(tree, { ...articleSchema, clobberPrefix: '', clobber: [] } as never) as Root;
const compiled = compileSchema(articleSchema);

const tagNames = fc.constantFrom(
  'p', 'h2', 'span', 'a', 'img', 'strong', 'br', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'table', 'tbody', 'tr', 'td', 'th',
  'figure', 'figcaption', 'abbr', 'div', 'center', 'font', 'script', 'style', 'iframe', 'svg', 'button', 'input', '*', '',
);
const values = fc.oneof(
  fc.constantFrom('https://news.example.cn/a.html', '/b.jpg', 'javascript:alert(1)', 'HTTP://x', 'mailto:a@b.cn', 'data:image/png;base64,iVBO', 'a/b:c', '?x:y', '#y:z', 'tel:1', ''),
  fc.constantFrom('em_media', 'keytip', 'zh', 'rtl', 'col'),
  fc.integer({ min: -2, max: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('em_media', 'keytip', 'x', 1, true), { maxLength: 3 }),
);
const propertyNames = fc.constantFrom('href', 'src', 'cite', 'title', 'alt', 'width', 'className', 'id', 'lang', 'dir', 'start', 'reversed', 'colSpan', 'scope', 'dataCode', 'data', 'onClick', 'style');
const properties = fc.dictionary(propertyNames, values, { maxKeys: 4 });
const point = fc.record({ line: fc.integer({ min: 0, max: 9 }), column: fc.integer({ min: 0, max: 9 }), offset: fc.option(fc.integer({ min: -1, max: 99 }), { nil: undefined }) }, { requiredKeys: ['line', 'column'] });
const position = fc.option(fc.record({ start: point, end: point }), { nil: undefined });
const data = fc.option(fc.constantFrom({ quirksMode: false }, { marker: ['x'] }), { nil: undefined });

const { node } = fc.letrec<{ node: RootContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text' as const), value: fc.constantFrom('新闻', ' ', 'a<b') , position, data }),
    fc.record({ type: fc.constant('comment' as const), value: fc.constantFrom('x', 'a-->b'), position }),
    fc.record({ type: fc.constant('doctype' as const), position }),
    fc.record({
      type: fc.constant('element' as const),
      tagName: tagNames,
      properties,
      children: fc.array(tie('node') as fc.Arbitrary<ElementContent>, { maxLength: 3 }),
      position,
      data,
    }),
  ) as fc.Arbitrary<RootContent>,
}));
const trees = fc.record({ type: fc.constant('root' as const), children: fc.array(node, { maxLength: 4 }), position, data }) as fc.Arbitrary<Root>;

describe('sanitizeTree', () => {
  it('gives the tree hast-util-sanitize gives, for any tree', () => {
    fc.assert(
      fc.property(trees, (tree) => {
        expect(sanitizeTree(tree, compiled)).toEqual(reference(tree));
      }),
      { numRuns: 3000 },
    );
  });

  it('unwraps what it does not allow, strips scripts with their content, and keeps list items only in lists', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'div', properties: {}, children: [{ type: 'text', value: '正文' }] },
        { type: 'element', tagName: 'script', properties: {}, children: [{ type: 'text', value: 'alert(1)' }] },
        { type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: '孤项' }] },
        { type: 'element', tagName: 'ul', properties: {}, children: [{ type: 'element', tagName: 'li', properties: { className: ['em_media'] }, children: [] }] },
        { type: 'element', tagName: 'a', properties: { href: 'javascript:alert(1)', title: '链接' }, children: [] },
      ],
    };
    expect(sanitizeTree(tree, compiled)).toEqual({
      type: 'root',
      children: [
        { type: 'text', value: '正文' },
        { type: 'text', value: '孤项' },
        { type: 'element', tagName: 'ul', properties: {}, children: [{ type: 'element', tagName: 'li', properties: {}, children: [] }] },
        { type: 'element', tagName: 'a', properties: { title: '链接' }, children: [] },
      ],
    });
  });

  it('leaves its input as it was', () => {
    fc.assert(
      fc.property(trees, (tree) => {
        const before = structuredClone(tree);
        sanitizeTree(tree, compiled);
        expect(tree).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
