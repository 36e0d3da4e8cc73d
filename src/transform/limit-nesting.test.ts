import { describe, expect, it } from 'vitest';
import { limitMarkdownNesting, limitNesting } from './limit-nesting.js';

describe('limitNesting', () => {
  it('drops start tags deeper than the limit with their end tags, keeping the text', () => {
    expect(limitNesting('<div><div><div><p>深</p></div></div></div>', 2)).toEqual({ text: '<div><div>深</div></div>', dropped: 2 });
  });

  it('leaves a body within the limit as it was', () => {
    const html = '<p>一<br>二<img src="a.png"></p><ul><li>三</li></ul><!-- <div><div><div> --><script><div><div><div></script>';
    expect(limitNesting(html, 2)).toEqual({ text: html, dropped: 0 });
  });

  it('ignores end tags of elements that are not open', () => {
    expect(limitNesting('</span></span><b><i><u>字', 2).text).toBe('</span></span><b><i>字');
  });

  it('cuts 50,000 unclosed elements to the limit', () => {
    const { text, dropped } = limitNesting(`${'<div>'.repeat(50_000)}深`, 256);
    expect(text).toBe(`${'<div>'.repeat(256)}深`);
    expect(dropped).toBe(50_000 - 256);
  });
});

describe('limitMarkdownNesting', () => {
  it('leaves ordinary markdown as it is', () => {
    const text = '> 引用\n> > 引用中的引用\n\n- 一\n  - 二\n    1. 三\n\n* * *\n正文';
    expect(limitMarkdownNesting(text, 16)).toEqual({ text, lines: 0 });
  });

  it('keeps the first markers of a deeper line and its text', () => {
    expect(limitMarkdownNesting(`${'>'.repeat(50)} 最深处`, 3)).toEqual({ text: '>>> 最深处', lines: 1 });
    expect(limitMarkdownNesting(`${'- '.repeat(1000)}深\n正文`, 2)).toEqual({ text: '- - 深\n正文', lines: 1 });
    expect(limitMarkdownNesting('1. 2. 3. 4. 列表', 2)).toEqual({ text: '1. 2. 列表', lines: 1 });
  });

  it('cuts lines of 50,000 nested block quotes to the limit', () => {
    const deep = `${'>'.repeat(50_000)} 文字\n`.repeat(20);
    const { text, lines } = limitMarkdownNesting(deep, 16);
    expect(lines).toBe(20);
    expect(text.split('\n')[0]).toBe(`${'>'.repeat(16)} 文字`);
  });
});
