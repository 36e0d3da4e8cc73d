import v8 from 'node:v8';
import vm from 'node:vm';

/** V8's `gc`: with no argument a full collection before it returns; `{ execution: 'async' }` schedules one. */
type Collector = (options?: { readonly type: 'major'; readonly execution: 'async' }) => void;

let collector: Collector | null | undefined;

function loadCollector(): Collector | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collector = vm.runInNewContext('gc') as Collector;
    } catch {
      collector = null;
    }
  }
  return collector;
}

/**
 * Collects all garbage now, pausing for it.
 * @param options.compact also move what stays alive together, so that the pages it was scattered
 *   over go back to the system (V8 unmaps them in the background within a second or two): before
 *   a step that starts other processes (the search indexer), so that what the build let go is
 *   theirs. At 100,000 posts, 110 MB alive held 620 MB of heap and 900 MB of RSS; compacted, 140
 *   and 300 MB. Compacting copies the survivors first, so it raises the RSS by their size for a
 *   moment: not for a heap with much alive.
 */
export function collectAllGarbage(options: { readonly compact?: boolean } = {}): void {
  const collect = loadCollector();
  if (!collect) return;
  if (options.compact) v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    // (An options object asking for `execution: 'sync'` collects nothing on Node 20: no argument does.)
    collect();
  } finally {
    if (options.compact) v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** Heap growth since the smallest heap seen that makes collectGarbageSoon collect. */
const allowedGrowth = 128 * 1024 * 1024;
let smallestSeen = Number.POSITIVE_INFINITY;

/**
 * Asks V8 for a major collection that runs concurrently, without pausing the build, when the
 * heap grew by more than 128 MB since the smallest it was seen at. Why: each
 * batch of rendered pages leaves garbage in the old generation, and V8 lets the heap grow toward
 * its limit (a quarter of the machine's memory) before collecting it — on a 100,000-post site
 * the process grew to 2.5 GB while its live data stayed under 1 GB. Collecting after each batch
 * keeps the peak near the live data. Without `gc` (flags refused), does nothing.
 */
export function collectGarbageSoon(): void {
  const collect = loadCollector();
  const used = v8.getHeapStatistics().used_heap_size;
  smallestSeen = Math.min(smallestSeen, used);
  if (collect && used > smallestSeen + allowedGrowth) {
    collect({ type: 'major', execution: 'async' });
    smallestSeen = used;
  }
}
