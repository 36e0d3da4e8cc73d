import type { Root } from 'hast';
import { blocks, isElement, textOf } from './tree-text.js';

const excerptLength = 120;
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Cuts text to about `length` characters on a character boundary, adding `…` when cut. */
export function cutText(text: string, length: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // Code units bound graphemes from above: a text this short needs no segmenting at all.
  if (clean.length <= length) return clean;
  // Segmenting costs in proportion to the text: look only at a prefix long enough for
  // `length` graphemes of ordinary text, and at the whole only when that prefix runs out.
  return cutSegments(clean.slice(0, length * 3), length) ?? cutSegments(clean, length) ?? clean;
}

function cutSegments(text: string, length: number): string | null {
  let cut = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (count === length) return `${cut.trimEnd()}…`;
    cut += segment;
    count++;
  }
  return null;
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

const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const wordChar = /[\p{L}\p{N}\p{M}]/u;
const enum CharKind {
  Unknown = 0,
  Cjk = 1,
  Word = 2,
  Other = 3,
}
/** Kind of every BMP code point, filled in as met: a Unicode property regex per character is slow. */
const kinds = new Uint8Array(0x10000);

function kindOf(code: number): CharKind {
  const known = code < 0x10000 ? kinds[code]! : CharKind.Unknown;
  if (known !== CharKind.Unknown) return known;
  const char = String.fromCodePoint(code);
  const kind = cjkChar.test(char) ? CharKind.Cjk : wordChar.test(char) ? CharKind.Word : CharKind.Other;
  if (code < 0x10000) kinds[code] = kind;
  return kind;
}

/** CJK characters count one each; runs of other letters and digits count as one word. */
export function countChars(text: string): number {
  // One pass over the code points: this runs on every article's whole text.
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) code = text.codePointAt(i++)!;
    const kind = kindOf(code);
    if (kind === CharKind.Cjk) count++;
    else if (kind === CharKind.Word && !inWord) count++;
    inWord = kind === CharKind.Word;
  }
  return count;
}

/** About 400 Chinese characters a minute; at least one minute for any text. */
export function readingMinutes(chars: number): number {
  return chars === 0 ? 0 : Math.max(1, Math.round(chars / 400));
}
