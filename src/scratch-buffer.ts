/**
 * Room for bytes that the caller is done with before it asks again (a file's bytes decoded, a
 * page encoded and written): one buffer, reused, grown as needed. Each file or page of a few KB
 * is just over what Node's pool hands out, and had a buffer of its own made and collected.
 * @param initial the buffer's first size
 * @param atMost room larger than this is a buffer of its own, so one huge file does not keep a huge scratch
 * @returns room of exactly `size` bytes, good until the next call
 */
export function createScratch(initial: number, atMost: number): (size: number) => Buffer {
  let scratch = Buffer.allocUnsafe(initial);
  return (size) => {
    if (size > atMost) return Buffer.allocUnsafe(size);
    if (size > scratch.length) scratch = Buffer.allocUnsafe(size);
    return scratch.subarray(0, size);
  };
}
