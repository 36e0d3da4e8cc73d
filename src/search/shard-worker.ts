import { indexShard, type ShardOutput, type ShardTask } from './index-shard.js';

/**
 * A worker thread's entry point. Each thread loads its own copy of Pagefind's Node API, and so
 * drives its own Pagefind process: two threads index two shards at once on two cores.
 */
export default function runShard(task: ShardTask): Promise<ShardOutput> {
  return indexShard(task);
}
