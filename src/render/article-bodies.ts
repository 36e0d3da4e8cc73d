/**
 * The articles' HTML by source path, apart from the laid-out site: a 100,000-post site holds
 * hundreds of MB of it, and each is needed only for its own page and the feeds it is in. A build
 * into a folder lets each go once its page is made; the dev server, which renders pages again
 * from its last layout, keeps them.
 */
export interface ArticleBodies {
  /** The article's HTML, for a feed. */
  get(sourcePath: string): string;
  /** The article's HTML, for its page: let go then, unless the bodies are kept. */
  take(sourcePath: string): string;
}

/** @param keep keep every body for the build's lifetime (the dev server), rather than let each go once taken */
export function createArticleBodies(bodies: Map<string, string>, keep: boolean): ArticleBodies {
  const get = (sourcePath: string): string => {
    const body = bodies.get(sourcePath);
    // A page made twice in one build, or a feed made after the pages: a bug, never an empty article.
    if (body === undefined) throw new Error(`the article of ${sourcePath} was let go before it was used`);
    return body;
  };
  return {
    get,
    take(sourcePath) {
      const body = get(sourcePath);
      if (!keep) bodies.delete(sourcePath);
      return body;
    },
  };
}
