import type { Root } from 'hast';
import { blocks, isElement, textOf } from './tree-text.js';

const excerptLength = 120;

/** Cuts text to about `length` characters on a character boundary, adding `…` when cut. */
export function cutText(text: string, length: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // Code units bound characters from above: a text this short needs no counting at all.
  if (clean.length <= length) return clean;
  let index = 0;
  for (let count = 0; count < length && index < clean.length; count++) index = nextCharacterEnd(clean, index);
  return index >= clean.length ? clean : `${clean.slice(0, index).trimEnd()}…`;
}

const mark = /\p{M}/u;
const isMark = new Uint8Array(0x10000);
const markKnown = new Uint8Array(0x10000);

function extendsCharacter(code: number): boolean {
  if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x1f3fb && code <= 0x1f3ff) || (code >= 0xe0020 && code <= 0xe007f) || (code >= 0xe0100 && code <= 0xe01ef)) return true;
  if (code >= 0x10000) return mark.test(String.fromCodePoint(code));
  if (!markKnown[code]) {
    markKnown[code] = 1;
    isMark[code] = mark.test(String.fromCharCode(code)) ? 1 : 0;
  }
  return isMark[code] === 1;
}

const isRegionalIndicator = (code: number): boolean => code >= 0x1f1e6 && code <= 0x1f1ff;

/**
 * Where the user-perceived character starting at `index` ends: a code point with its combining
 * marks, variation selectors, skin tones, zero-width-joined emoji and flag pairs. Close enough to
 * Unicode's grapheme clusters for cutting excerpts, and far cheaper than Intl.Segmenter.
 */
export function nextCharacterEnd(text: string, index: number): number {
  const first = text.codePointAt(index)!;
  let end = index + (first > 0xffff ? 2 : 1);
  if (isRegionalIndicator(first) && end < text.length && isRegionalIndicator(text.codePointAt(end)!)) end += 2;
  while (end < text.length) {
    const code = text.codePointAt(end)!;
    if (!extendsCharacter(code)) break;
    end += code > 0xffff ? 2 : 1;
    // A zero-width joiner glues the next code point on as well.
    if (code === 0x200d && end < text.length) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  }
  return end;
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
/** Kinds of character, as bits: countChars adds them up without a branch per character. */
const cjk = 1;
const word = 2;
const other = 4;
/** The bits of a known kind: a table entry without them is not known yet, or a high surrogate. */
const anyKind = cjk | word | other;
/** In the table, a high surrogate: its kind is the pair's. */
const highSurrogate = 8;
/**
 * Kind of every BMP code point, filled in as met (0: not yet): a Unicode property regex per
 * character is slow. High surrogates are marked so, so that one test of the kind found sends
 * both the unknown and the surrogates aside.
 */
const kinds = new Uint8Array(0x10000).fill(highSurrogate, 0xd800, 0xdc00);

function kindOf(code: number): number {
  const char = String.fromCodePoint(code);
  const kind = cjkChar.test(char) ? cjk : wordChar.test(char) ? word : other;
  if (code < 0xd800 || (code >= 0xdc00 && code < 0x10000)) kinds[code] = kind;
  return kind;
}

/** CJK characters count one each; runs of other letters and digits count as one word. */
export function countChars(text: string): number {
  // One pass over the code points, without branching on each one's kind: this runs on every
  // article's whole text, and Chinese text mixes kinds too often for branches to be guessed.
  let count = 0;
  let inWord = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    let kind = kinds[code]!;
    if ((kind & anyKind) === 0) {
      if (kind !== highSurrogate) kind = kindOf(code);
      else {
        // A pair is one character; a high surrogate alone is one of its own.
        const point = text.codePointAt(i)!;
        if (point > 0xffff) i++;
        kind = kindOf(point);
      }
    }
    const isWord = (kind >> 1) & 1;
    count += (kind & cjk) | (isWord & (inWord ^ 1));
    inWord = isWord;
  }
  return count;
}

/** About 400 Chinese characters a minute; at least one minute for any text. */
export function readingMinutes(chars: number): number {
  return chars === 0 ? 0 : Math.max(1, Math.round(chars / 400));
}
