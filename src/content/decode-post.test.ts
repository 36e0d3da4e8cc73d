import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { decodePost } from './decode-post.js';

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
const decode = (bytes: number[]) => decodePost('posts/2022-02-25-x.md', new Uint8Array(bytes));

describe('decodePost', () => {
  it('decodes UTF-8 Chinese text as it is', () => {
    expect(decode(utf8('---\ntitle: 标题\n---\n正文'))).toEqual({ text: '---\ntitle: 标题\n---\n正文', problem: null });
  });

  it('removes a UTF-8 byte order mark so the file still opens with ---', () => {
    expect(decode([0xef, 0xbb, 0xbf, ...utf8('---\n')]).text).toBe('---\n');
  });

  it('turns CRLF and lone CR line endings into LF', () => {
    expect(decode(utf8('---\r\ntitle: 标题\r\n---\r\n一\r二\n')).text).toBe('---\ntitle: 标题\n---\n一\n二\n');
  });

  it('reports invalid UTF-8 with the line of the first bad byte', () => {
    // 0xb1 0xea is 标 in GBK.
    const result = decode([...utf8('---\ntitle: a\n---\n'), 0xb1, 0xea, ...utf8('\n')]);
    expect(result.text).toBeNull();
    expect(result.problem).toMatchObject({
      severity: 'error',
      rule: 'content/encoding',
      file: 'posts/2022-02-25-x.md',
      line: 4,
    });
  });

  it('points at the bad byte even when an earlier line holds a real U+FFFD', () => {
    const result = decode([...utf8('一\n乱码\uFFFD\n三\n'), 0xff, ...utf8('\n')]);
    expect(result.problem).toMatchObject({ rule: 'content/encoding', line: 4 });
  });

  it('reports a truncated multi-byte character at the end of the file', () => {
    const result = decode([...utf8('一\n二\n'), 0xe6, 0xa0]);
    expect(result.problem).toMatchObject({ rule: 'content/encoding', line: 3 });
  });

  it('reports a file with NUL bytes as binary, on the line of the first one', () => {
    const result = decode([...utf8('---\n'), 0x00, ...utf8('x')]);
    expect(result.text).toBeNull();
    expect(result.problem).toMatchObject({ severity: 'error', rule: 'content/binary', file: 'posts/2022-02-25-x.md', line: 2 });
  });

  it('reports a UTF-16 file as binary rather than as garbled text', () => {
    const result = decode([0xff, 0xfe, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00]);
    expect(result.problem?.rule).toBe('content/binary');
  });

  it('decodes ASCII, astral characters and a real U+FFFD as they are', () => {
    expect(decode(utf8('---\ntitle: plain ascii\n---\nbody')).text).toBe('---\ntitle: plain ascii\n---\nbody');
    expect(decode(utf8('𠀀𩸽 😀 🇨🇳 乱码\uFFFD')).text).toBe('𠀀𩸽 😀 🇨🇳 乱码\uFFFD');
  });

  it('gives the text TextDecoder gives for any valid UTF-8, and refuses what it refuses', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const expected = (bytes: Uint8Array): string | null => {
      try {
        return strict.decode(bytes).replace(/\r\n?/g, '\n');
      } catch {
        return null;
      }
    };
    const valid = fc.string({ unit: 'binary', maxLength: 200 }).map((text) => new TextEncoder().encode(text.replace(/\0/g, '')));
    const bytes = fc.uint8Array({ min: 1, maxLength: 40 });
    // Overlong forms, surrogates, past U+10FFFF, a lone continuation byte, a cut sequence.
    const nearlyValid = fc.constantFrom([0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe6, 0xa0], [0xef, 0xbb, 0xbf, 0xff]);
    const mixed = fc.tuple(valid, nearlyValid, valid).map(([a, b, c]) => new Uint8Array([...a, ...b, ...c]));
    fc.assert(
      fc.property(fc.oneof(valid, bytes, mixed), (input) => {
        expect(decodePost('posts/x.md', input).text).toBe(expected(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes an empty file as empty text', () => {
    expect(decode([])).toEqual({ text: '', problem: null });
  });
});
