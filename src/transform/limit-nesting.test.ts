import { describe, expect, it } from 'vitest';
import { limitNesting } from './limit-nesting.js';

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
