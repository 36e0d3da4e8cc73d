import { isAscii, isUtf8, transcode } from 'node:buffer';
import { error, type Problem } from '../report/problem.js';

export type DecodedText = { readonly text: string; readonly problem: null } | { readonly text: null; readonly problem: Problem };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a post file's bytes into text: strict UTF-8, BOM removed, CRLF and CR made LF.
 * A binary file or invalid UTF-8 is a problem naming the line of the first bad byte.
 */
export function decodePost(sourcePath: string, bytes: Uint8Array): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).filter((byte) => byte === 0x0a).length + 1;
    return {
      text: null,
      problem: error(sourcePath, 'content/binary', 'file contains NUL bytes: it is not a text post', 'remove it from posts/, or save it as UTF-8 text', line),
    };
  }
  const decoded = decodeUtf8(bytes);
  if (decoded !== null) return { text: decoded.replace(/\r\n?/g, '\n'), problem: null };
  return {
    text: null,
    problem: error(sourcePath, 'content/encoding', 'file is not valid UTF-8', 'convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8)', lineOfFirstInvalidByte(bytes)),
  };
}

/**
 * Strict UTF-8 to text, without a leading BOM; null when the bytes are not UTF-8. V8's own decoder
 * (TextDecoder, Buffer#toString) takes 4 ns a byte of Chinese text, which was the largest single
 * cost of reading a post; checking with isUtf8 and converting with ICU's transcode take a fifth of
 * that. ASCII is copied as it is.
 */
function decodeUtf8(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (isAscii(buffer)) text = buffer.toString('latin1');
  else if (isUtf8(buffer)) text = utf16Of(buffer);
  else return null;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Valid UTF-8 as text, through ICU; by V8's decoder on a Node built without ICU. */
function utf16Of(utf8Bytes: Buffer): string {
  try {
    return transcode(utf8Bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return utf8Bytes.toString('utf8');
  }
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  // Decode line by line rather than look for U+FFFD: scraped text often holds a real one earlier.
  // A newline byte is never part of a multi-byte UTF-8 sequence, so lines decode on their own.
  let line = 1;
  let start = 0;
  for (let end = 0; end <= bytes.length; end++) {
    if (end < bytes.length && bytes[end] !== 0x0a) continue;
    try {
      utf8.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line++;
    start = end + 1;
  }
  return 1;
}
