/**
 * The slow readers (slow-readers.ts: parse5, micromark, the YAML parser, hast-util-to-html) are
 * two thirds of the body pipeline's code, and plain news posts never need them: a worker thread
 * loaded its code in 75-80 ms with them and 42-50 ms without, on the way to its first posts. So
 * they are loaded by the first post that needs them. The pipeline stays synchronous: a step that
 * needs them before they are loaded throws SlowReadersNeeded, and whoever runs the pipeline loads
 * them and reads that post again (see processPostFiles).
 */
type SlowReaders = typeof import('./slow-readers.js');

let loaded: SlowReaders | undefined;

/** Thrown by a step that needs the slow readers before they are loaded; never a post's fault. */
export class SlowReadersNeeded extends Error {
  constructor() {
    super('the slow readers are not loaded yet (see loadSlowReaders)');
  }
}

/** The slow readers, once loaded; throws SlowReadersNeeded before. */
export function slowReaders(): SlowReaders {
  if (!loaded) throw new SlowReadersNeeded();
  return loaded;
}

export async function loadSlowReaders(): Promise<void> {
  loaded ??= await import('./slow-readers.js');
}
