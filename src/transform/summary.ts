import type { Root } from 'hast';
import { blocks, isElement, textOf } from './tree-text.js';

const excerptLength = 120;
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Cuts text to about `length` characters on a character boundary, adding `…` when cut. */
export function cutText(text: string, length: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // Code points bound graphemes from above: a text this short needs no segmenting at all.
  if (clean.length <= length) return clean;
  let cut = '';
  let count = 0;
  for (const { segment } of graphemes.segment(clean)) {
    if (count === length) return `${cut.trimEnd()}…`;
    cut += segment;
    count++;
  }
  return clean;
}

/** The first paragraph's text, cut to about 120 characters. */
export function excerptOf(tree: Root): string {
  const first = blocks(tree).find((node) => isElement(node, 'p') && textOf(node) !== '');
  return first ? cutText(textOf(first), excerptLength) : '';
}

/** The text of the first heading, or empty. */
export function firstHeadingOf(tree: Root): string {
  const heading = blocks(tree).find((node) => isElement(node, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'));
  return heading ? textOf(heading) : '';
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const word = /[\p{L}\p{N}]+/gu;

/** CJK characters count one each; runs of other letters and digits count as one word. */
export function countChars(text: string): number {
  const han = text.match(cjk)?.length ?? 0;
  const words = text.replace(cjk, ' ').match(word)?.length ?? 0;
  return han + words;
}

/** About 400 Chinese characters a minute; at least one minute for any text. */
export function readingMinutes(chars: number): number {
  return chars === 0 ? 0 : Math.max(1, Math.round(chars / 400));
}
