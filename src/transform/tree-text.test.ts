import { describe, expect, it } from 'vitest';
import { htmlTree } from '../test-support/test-trees.js';
import { blocks, lastParagraph, removeNode, textOf, trimSpace } from './tree-text.js';

describe('tree-text', () => {
  it('trims ASCII, no-break, full-width and zero-width spaces from both ends', () => {
    expect(trimSpace('\u00a0\u3000　 文字\u200b\ufeff ')).toBe('文字');
  });

  it('reads the visible text of a node, trimmed', () => {
    const [p] = htmlTree('<p>　　<span>蕉城</span>新闻 </p>').children;
    expect(textOf(p!)).toBe('蕉城新闻');
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
