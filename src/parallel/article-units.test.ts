import { describe, expect, it } from 'vitest';
import { sendable, textOf, unitsOf } from './article-units.js';

describe('an article’s HTML as units', () => {
  it('gives back the very text, Chinese, astral characters and all', () => {
    for (const html of ['', '<p>闽东日报：“□ 仁才”</p>', '<p>𠮷野家 😀 a&amp;b</p>']) {
      expect(textOf(unitsOf(html))).toBe(html);
      expect(unitsOf(html).byteLength).toBe(html.length * 2);
    }
  });

  it('reads units from anywhere in a larger buffer, as a batch read back leaves them', () => {
    const units = unitsOf('<p>第二篇</p>');
    const batch = new Uint8Array(units.byteLength + 7);
    batch.set(units, 3);
    expect(textOf(batch.subarray(3, 3 + units.byteLength))).toBe('<p>第二篇</p>');
  });

  it('is sent in a buffer of its own, never as a view of the larger one it was read from', () => {
    const batch = new Uint8Array(64).fill(1);
    const view = batch.subarray(8, 24);
    const sent = sendable(view) as Uint8Array;
    expect(sent.buffer).not.toBe(batch.buffer);
    expect(sent.buffer.byteLength).toBe(16);
    expect([...sent]).toEqual([...view]);
    const own = new Uint8Array(16);
    expect(sendable(own)).toBe(own);
    expect(sendable('<p>文</p>')).toBe('<p>文</p>');
  });
});
