import { describe, expect, it } from 'vitest';
import { collectAllGarbage } from './collect-garbage.js';

const usedMiB = (): number => process.memoryUsage().heapUsed / 1048576;

describe('collectAllGarbage', () => {
  it('gives back what the program let go before it returns', () => {
    let junk: unknown[] | null = Array.from({ length: 1_000_000 }, (_, i) => ({ text: `第${i}项`, list: [i] }));
    const holding = usedMiB();
    junk = null;
    collectAllGarbage();
    expect(junk).toBeNull();
    expect(holding - usedMiB()).toBeGreaterThan(50);
  });
});
