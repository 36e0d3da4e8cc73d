import fc from 'fast-check';
import type { ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { htmlTree } from '../test-support/test-trees.js';
import { blocks, lastParagraph, removeNode, textContent, textOf, trimSpace } from './tree-text.js';

describe('tree-text', () => {
  it('trims ASCII, no-break, full-width and zero-width spaces from both ends', () => {
    expect(trimSpace('\u00a0\u3000　 文字\u200b\ufeff ')).toBe('文字');
  });

  it('trims exactly what the white-space class of regular expressions, with U+200B, matches', () => {
    const edge = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200c', '文', 'a', '·');
    const text = fc.tuple(fc.array(edge, { maxLength: 6 }), fc.string({ maxLength: 12 }), fc.array(edge, { maxLength: 6 })).map(([a, b, c]) => a.join('') + b + c.join(''));
    fc.assert(fc.property(text, (value) => trimSpace(value) === value.replace(/^[\s\u200b]+|[\s\u200b]+$/g, '')));
    fc.assert(fc.property(text, (value) => trimSpace(value, 'start') === value.replace(/^[\s\u200b]+/, '')));
    fc.assert(fc.property(text, (value) => trimSpace(value, 'end') === value.replace(/[\s\u200b]+$/, '')));
  });

  it('reads the visible text of a node, trimmed', () => {
    const [p] = htmlTree('<p>　　<span>蕉城</span>新闻 </p>').children;
    expect(textOf(p!)).toBe('蕉城新闻');
  });

  it('joins a node’s text as hast-util-to-string does, for any tree and any node of it', () => {
    const { node } = fc.letrec<{ node: ElementContent }>((tie) => ({
      node: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('新闻', ' ', '', 'a').map((value): ElementContent => ({ type: 'text', value })) },
        { weight: 1, arbitrary: fc.constant<ElementContent>({ type: 'comment', value: '注释' }) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('p', 'span', 'a'), fc.array(tie('node'), { maxLength: 4 })).map(([tagName, children]): ElementContent => ({ type: 'element', tagName, properties: {}, children })) },
      ),
    }));
    fc.assert(
      fc.property(fc.array(node, { maxLength: 5 }), (children) => {
        const tree: Root = { type: 'root', children };
        expect(textContent(tree)).toBe(toString(tree));
        for (const child of children) expect(textContent(child)).toBe(toString(child));
      }),
      { numRuns: 2000 },
    );
  });

  it('lists blocks without white-space text and comments', () => {
    const tree = htmlTree('<p>一</p>\n<!-- 注释 -->\n<p>二</p>\n');
    expect(blocks(tree).map((node) => textOf(node))).toEqual(['一', '二']);
  });

  it('finds the last block only when it is a paragraph', () => {
    expect(textOf(lastParagraph(htmlTree('<p>一</p><p>二</p>\n'))!)).toBe('二');
    expect(lastParagraph(htmlTree('<p>一</p><h2>二</h2>'))).toBeUndefined();
  });

  it('removes a node from the root and ignores one that is not there', () => {
    const tree = htmlTree('<p>一</p><p>二</p>');
    const [first] = tree.children;
    removeNode(tree, first!);
    removeNode(tree, first!);
    expect(blocks(tree).map((node) => textOf(node))).toEqual(['二']);
  });
});
