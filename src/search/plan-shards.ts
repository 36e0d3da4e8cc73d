/** What one shard may hold: Pagefind's memory grows with both the pages and the text of a shard. */
export interface ShardBudget {
  readonly maxPosts: number;
  /** Characters of article text. */
  readonly maxChars: number;
}

/**
 * Measured with Pagefind 1.6 on generated news posts: one indexing process peaks at about
 * 0.2 MB per post plus 100 MB per million characters of text, so a full shard stays near
 * 350–400 MB, and two shards indexed side by side stay under 0.8 GB whatever the archive's size.
 */
export const defaultShardBudget: ShardBudget = { maxPosts: 1000, maxChars: 2_000_000 };

/** The size and date of one post, as the planner needs them. */
export interface ShardablePost {
  /** Milliseconds since 1970: shards hold runs of consecutive posts. */
  readonly time: number;
  /** The post's year in the site's zone, for the shard's name. */
  readonly year: number;
  readonly chars: number;
}

/** One planned shard: its folder name under `pagefind/` and the indexes of its posts. */
export interface PlannedShard {
  /** The years of its posts: `2024`, `2015-2016`, or `2024.2` for a year's second shard of that name. */
  readonly name: string;
  readonly members: readonly number[];
}

/**
 * Splits posts into index shards of consecutive dates, newest shard first. Each shard is filled
 * up to the budget from the oldest post on, so an archive needs as few shards as its size
 * allows (every shard costs the search page a few requests per query), and new posts change
 * only the newest shard. A single post larger than the budget gets a shard of its own.
 * Pure: the same posts give the same shards.
 */
export function planShards(posts: readonly ShardablePost[], budget: ShardBudget = defaultShardBudget): PlannedShard[] {
  const order = posts.map((_, i) => i).sort((a, b) => posts[a]!.time - posts[b]!.time || a - b);
  const runs: number[][] = [];
  let run: number[] = [];
  let chars = 0;
  for (const index of order) {
    const postChars = posts[index]!.chars;
    if (run.length > 0 && (run.length >= budget.maxPosts || chars + postChars > budget.maxChars)) {
      runs.push(run);
      run = [];
      chars = 0;
    }
    run.push(index);
    chars += postChars;
  }
  if (run.length > 0) runs.push(run);

  const used = new Map<string, number>();
  const shards = runs.map((members) => {
    const first = posts[members[0]!]!.year;
    const last = posts[members[members.length - 1]!]!.year;
    const years = first === last ? String(first) : `${first}-${last}`;
    const seen = (used.get(years) ?? 0) + 1;
    used.set(years, seen);
    return { name: seen === 1 ? years : `${years}.${seen}`, members };
  });
  return shards.reverse();
}
