/** Writes `count` deterministic posts in our users' shapes into `outDir/_posts`. */
export function generateCorpus(outDir: string, count: number, seed?: number): { posts: number; bytes: number };
