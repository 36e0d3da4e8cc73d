import { describe, expect, it } from 'vitest';
import { collectAllGarbage } from './collect-garbage.js';

const usedMiB = (): number => process.memoryUsage().heapUsed / 1048576;
const heapMiB = (): number => process.memoryUsage().heapTotal / 1048576;

describe('collectAllGarbage', () => {
  it('gives back what the program let go before it returns', () => {
    let junk: unknown[] | null = Array.from({ length: 1_000_000 }, (_, i) => ({ text: `第${i}项`, list: [i] }));
    const holding = usedMiB();
    junk = null;
    collectAllGarbage();
    expect(junk).toBeNull();
    expect(holding - usedMiB()).toBeGreaterThan(50);
  });

  it('compacting, gives back the pages of a heap whose survivors are scattered over it', () => {
    // One object in twenty stays alive, spread over every page the others filled.
    let junk: ({ text: string } | null)[] | null = Array.from({ length: 2_000_000 }, (_, i) => ({ text: `第${i}项` }));
    const survivors = junk.filter((_, i) => i % 20 === 0);
    junk = null;
    collectAllGarbage({ compact: true });
    const afterCollecting = heapMiB();
    expect(survivors).toHaveLength(100_000);
    expect(afterCollecting).toBeLessThan(usedMiB() + 64);
  });
});
