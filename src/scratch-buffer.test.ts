import { describe, expect, it } from 'vitest';
import { createScratch } from './scratch-buffer.js';

// Sizes above Node's pool (4 KB), whose small buffers all share one ArrayBuffer.
describe('scratch room', () => {
  it('gives room of the size asked, in one buffer reused and grown as needed', () => {
    const room = createScratch(8_192, 65_536);
    const small = room(5_000);
    expect(small.length).toBe(5_000);
    expect(room(8_192).buffer).toBe(small.buffer);
    const grown = room(20_000);
    expect(grown.length).toBe(20_000);
    expect(grown.buffer).not.toBe(small.buffer);
    expect(room(10_000).buffer).toBe(grown.buffer);
  });

  it('gives room past its bound in a buffer of its own, and keeps its own buffer as it was', () => {
    const room = createScratch(8_192, 16_384);
    const reused = room(5_000);
    const large = room(20_000);
    expect(large.length).toBe(20_000);
    expect(large.buffer).not.toBe(reused.buffer);
    expect(room(8_192).buffer).toBe(reused.buffer);
  });
});
