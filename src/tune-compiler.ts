import v8 from 'node:v8';

let tuned = false;

/**
 * Makes V8's optimizing compiler do less: inline at most 300 bytes of bytecode in all (of the 920
 * it inlines by default), peel no loops, and leave functions of more than 3,000 bytes of bytecode
 * to baseline code. A build is short and runs hundreds of functions hot, so compiling them is a
 * large part of it: with V8's defaults, optimizing took 1.3 s of CPU in a 4-second build of 10,000
 * posts, on the cores the build's threads need. Inlining less made that build 3 to 7 % faster and
 * cost 0.4 to 0.6 s less CPU, on one thread and on several; not peeling loops, 2 to 4 % more.
 * The one hot function over 3,000 bytes is a layout's compiled content block, which each thread
 * optimized three times at 55 ms each (it meets rare branches late) while running for 40 ms in
 * all: left to baseline code, builds took 0.06 to 0.11 s less CPU at 1,000 and 10,000 posts.
 * V8's flags are the process's: set once, before the first build's code gets hot.
 */
export function tuneCompiler(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
  v8.setFlagsFromString('--no-turbo-loop-peeling');
  v8.setFlagsFromString('--max-optimized-bytecode-size=3000');
}
