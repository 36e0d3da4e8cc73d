/** A Nunjucks internal that baoku replaces with a faster one of its own, and Nunjucks' original. */
export interface ReplacedInternal<T> {
  readonly original: T;
  readonly faster: T;
  /** Renders with the original, then with the faster one (left installed): both outputs, original first. */
  bothWays(render: () => string): [before: string, after: string];
}

/**
 * Installs a faster internal (`install` puts it at `holder[key]`) and keeps the original beside it,
 * so that tests can hold the one to the other's output.
 */
export function replaceInternal<H extends object, K extends keyof H>(holder: H, key: K, install: () => void): ReplacedInternal<H[K]> {
  const original = holder[key];
  install();
  const faster = holder[key];
  return {
    original,
    faster,
    bothWays(render) {
      holder[key] = original;
      try {
        const before = render();
        holder[key] = faster;
        return [before, render()];
      } finally {
        holder[key] = faster;
      }
    },
  };
}
