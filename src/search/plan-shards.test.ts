import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planShards, type ShardablePost, type ShardBudget } from './plan-shards.js';

/** `count` posts of one year, a day apart. */
const posts = (year: number, count: number, chars = 1000): ShardablePost[] =>
  Array.from({ length: count }, (_, i) => ({ year, time: Date.UTC(year, 0, 1 + i), chars }));
const budget: ShardBudget = { maxPosts: 10, maxChars: 100_000 };
const shape = (shards: ReturnType<typeof planShards>) => shards.map((s) => [s.name, s.members.length]);

describe('planShards', () => {
  it('fills shards from the oldest post on and lists them newest first, named after their years', () => {
    const shards = planShards([...posts(2023, 9), ...posts(2021, 8), ...posts(2022, 7)], budget);
    expect(shape(shards)).toEqual([
      ['2023', 4],
      ['2022-2023', 10],
      ['2021-2022', 10],
    ]);
  });

  it('puts small years together in one shard', () => {
    const shards = planShards([...posts(2015, 2), ...posts(2016, 3), ...posts(2017, 4)], budget);
    expect(shape(shards)).toEqual([['2015-2017', 9]]);
  });

  it('numbers the shards of a year too large for one', () => {
    const shards = planShards(posts(2022, 23), budget);
    expect(shape(shards)).toEqual([
      ['2022.3', 3],
      ['2022.2', 10],
      ['2022', 10],
    ]);
  });

  it('holds a run of consecutive posts in each shard, whatever order the posts come in', () => {
    const input = [...posts(2022, 15)].reverse();
    const shards = planShards(input, budget);
    const times = shards.map((s) => s.members.map((i) => input[i]!.time));
    expect(Math.min(...times[0]!)).toBeGreaterThan(Math.max(...times[1]!));
    for (const run of times) expect(run).toEqual([...run].sort((a, b) => a - b));
  });

  it('starts a new shard when the text would pass the budget, even with few posts', () => {
    const shards = planShards(posts(2022, 4, 60_000), budget);
    expect(shape(shards)).toEqual([
      ['2022.4', 1],
      ['2022.3', 1],
      ['2022.2', 1],
      ['2022', 1],
    ]);
  });

  it('keeps a single post larger than the budget in a shard of its own', () => {
    const input = [...posts(2022, 3), { year: 2022, time: Date.UTC(2022, 0, 2, 12), chars: 500_000 }];
    expect(planShards(input, budget).map((s) => s.members)).toEqual([[2], [3], [0, 1]]);
  });

  it('plans no shard for no posts', () => {
    expect(planShards([], budget)).toEqual([]);
  });

  it('puts every post in exactly one shard, and keeps every shard within the budget unless one post alone exceeds it', () => {
    const post = fc.record({ year: fc.integer({ min: 1990, max: 2030 }), day: fc.integer({ min: 0, max: 364 }), chars: fc.integer({ min: 0, max: 60_000 }) });
    fc.assert(
      fc.property(fc.array(post, { maxLength: 200 }), (drawn) => {
        const input = drawn.map(({ year, day, chars }) => ({ year, time: Date.UTC(year, 0, 1 + day), chars }));
        const shards = planShards(input, budget);
        const seen = shards.flatMap((s) => s.members).sort((a, b) => a - b);
        expect(seen).toEqual(input.map((_, i) => i));
        for (const shard of shards) {
          const chars = shard.members.reduce((sum, i) => sum + input[i]!.chars, 0);
          expect(shard.members.length).toBeLessThanOrEqual(budget.maxPosts);
          if (shard.members.length > 1) expect(chars).toBeLessThanOrEqual(budget.maxChars);
        }
        expect(new Set(shards.map((s) => s.name)).size).toBe(shards.length);
      }),
    );
  });
});
