import type { Post } from '../content/post.js';
import type { ArticleInfo } from '../transform/article.js';
import type { PostPlace } from './post-place.js';

/** A post with what its transformed body says of it and its final title: what the site is built from. */
export interface SiteEntry {
  readonly post: Post;
  /** The article but its HTML, which is in the build's ArticleBodies. */
  readonly article: ArticleInfo;
  /** Front matter title, or the fallback when that was empty. */
  readonly title: string;
  /** Digest of post, article and title together (see ProcessedPost). */
  readonly digest: string;
  /** Where its page goes, worked out as the post was read; the layout works it out when absent. */
  readonly place?: PostPlace;
}

/** A category, a tag, or a year or month of the date archive, with where its list lives. */
export interface Term {
  readonly kind: 'category' | 'tag' | 'year' | 'month';
  /** As written in front matter (the first spelling seen). */
  readonly key: string;
  /** Display name: `闽东日报` for category `mindongribao`. */
  readonly name: string;
  readonly slug: string;
  /** Site path of its first list page, e.g. `category/mindongribao.html`. */
  readonly path: string;
  readonly url: string;
  readonly count: number;
}

export interface PostLink {
  readonly title: string;
  readonly url: string;
}

export interface PostPage {
  readonly kind: 'post';
  readonly entry: SiteEntry;
  /** Site path, e.g. `mindongribao/2022/02/25/NW202202252289057147.html`. */
  readonly path: string;
  /** File written, relative to the destination. */
  readonly outputPath: string;
  readonly url: string;
  /** The first category: the one whose list the post navigates back to. */
  readonly category: Term | null;
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  /** Older and newer neighbours in the same category. */
  readonly prev: PostLink | null;
  readonly next: PostLink | null;
  /** Up to 5 posts sharing tags or the category, most shared first, then newest. */
  readonly related: readonly PostLink[];
}

export interface ListPage {
  readonly kind: 'home' | 'category' | 'tag' | 'year' | 'month';
  readonly term: Term | null;
  readonly path: string;
  readonly outputPath: string;
  readonly url: string;
  /** This page's posts, newest first. */
  readonly posts: readonly PostPage[];
  /**
   * The number in this page's URL. Counted from the newest page, which is page 1; with
   * `paginate_stable`, counted from the oldest, and the list's first page (the newest posts)
   * is the last number.
   */
  readonly pageNumber: number;
  readonly totalPages: number;
  readonly totalPosts: number;
  /** URL of every page of this list, by number, page 1 first. */
  readonly pageUrls: readonly string[];
  /** The page with the next newer posts, and the next older ones; null at the ends. */
  readonly newerUrl: string | null;
  readonly olderUrl: string | null;
  /** Numbered from the oldest page (`paginate_stable`): its posts stay on it as new ones come. */
  readonly stable: boolean;
}

/** One year of the date archive, with its months: for the archive's index page. */
export interface ArchiveYear {
  readonly year: Term;
  readonly months: readonly Term[];
}

export type Page = PostPage | ListPage;

/** Every page of the site, with URLs and output paths assigned. */
export interface Site {
  readonly posts: readonly PostPage[];
  readonly lists: readonly ListPage[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
  /** Newest year first, each with its months newest first. */
  readonly archive: readonly ArchiveYear[];
}
