/** One entry of an article's table of contents. */
export interface TocEntry {
  readonly id: string;
  readonly text: string;
}

/** A post body after the pipeline: clean HTML plus what the rules moved out of it. */
export interface Article {
  /** Sanitized, restructured article HTML. */
  readonly html: string;
  /** About 120 characters from the first paragraph, or empty. */
  readonly excerpt: string;
  readonly byline: string | null;
  readonly source: string | null;
  readonly sourceUrl: string | null;
  /** `X` of a back-navigation link `返回X新闻`: the category's name on the old site. */
  readonly backNavName: string | null;
  /** Subheadings, when there are 3 or more. */
  readonly toc: readonly TocEntry[];
  /** The first heading of the body, or empty: a fallback title. */
  readonly firstHeading: string;
  /** CJK characters plus other words. */
  readonly chars: number;
  readonly readingMinutes: number;
}

/**
 * An article without its HTML: what the site is laid out with. The HTML goes to the article's
 * own page and feeds apart from it (see ArticleBodies), so a large site need not hold it all.
 */
export type ArticleInfo = Omit<Article, 'html'>;

declare module 'vfile' {
  interface DataMap {
    backNavName: string | null;
    backNavHosts: readonly string[];
    sourceUrl: string | null;
    source: string | null;
    byline: string | null;
    toc: TocEntry[];
    /** Alt text for images that have none: the post's title. */
    fallbackAlt: string;
  }
}
