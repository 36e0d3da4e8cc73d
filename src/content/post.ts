import type { PostDate } from './post-date.js';

/** The source format of a post body. */
export type PostFormat = 'markdown' | 'html';

/** A post as read from its file: front matter resolved, body not yet transformed. */
export interface Post {
  /** Path relative to the site root, with forward slashes (`posts/2022-02-25-x.md`). */
  readonly sourcePath: string;
  readonly format: PostFormat;
  /** From the file name (`NW202202252289057147`) or front matter `slug`. */
  readonly slug: string;
  /** May be empty: the build then takes the first heading or the start of the text. */
  readonly title: string;
  readonly date: PostDate;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly layout: string;
  /** Front matter `permalink`, or null for the site's pattern. */
  readonly permalink: string | null;
  /** Front matter `excerpt`, or null to derive one from the body. */
  readonly excerpt: string | null;
  readonly draft: boolean;
  /** Every front matter key, as written. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line of the file where the body starts, to point messages at the body. */
  readonly bodyLine: number;
}
