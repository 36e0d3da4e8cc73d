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
  try {
    // TextDecoder drops a leading BOM by itself (ignoreBOM: false).
    const text = utf8.decode(bytes).replace(/\r\n?/g, '\n');
    return { text, problem: null };
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    return {
      text: null,
      problem: error(sourcePath, 'content/encoding', 'file is not valid UTF-8', 'convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8)', line),
    };
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
