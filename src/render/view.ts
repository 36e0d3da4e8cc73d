/**
 * What templates see. A deliberate, flat view of the site model (like Zola's `ser.rs`):
 * templates never reach into internal types, so the model can change without breaking themes.
 * Every URL here is already site-absolute (baseurl included) and percent-encoded exactly once.
 */

/** A link with its visible text. */
export interface LinkView {
  readonly name: string;
  readonly url: string;
}

/** A category or tag with its number of posts. */
export interface TermView extends LinkView {
  readonly slug: string;
  readonly count: number;
}

/** A post's date, already in the site's time zone. */
export interface DateView {
  /** ISO 8601 with offset, e.g. `2022-02-25T09:55:40+08:00`: for `<time datetime>`. */
  readonly iso: string;
  /** `2022-02-25 09:55`: what readers see on a post page. */
  readonly display: string;
  /** `2022-02-25`: what readers see in lists. */
  readonly day: string;
  readonly year: string;
  readonly month: string;
}

/** One entry of a post's table of contents. */
export interface TocEntryView {
  readonly id: string;
  readonly text: string;
}

/** A post as a list page shows it. */
export interface PostSummaryView {
  readonly title: string;
  readonly url: string;
  readonly date: DateView;
  readonly category: TermView | null;
  readonly excerpt: string;
}

/** A post as its own page shows it. */
export interface PostView extends PostSummaryView {
  readonly categories: readonly TermView[];
  readonly tags: readonly TermView[];
  /** Sanitized article HTML: print with `| safe`, never through the template engine. */
  readonly content: string;
  readonly byline: string | null;
  readonly source: string | null;
  readonly source_url: string | null;
  /** Table of contents; empty when the article has fewer than 3 subheadings. */
  readonly toc: readonly TocEntryView[];
  readonly chars: number;
  readonly reading_minutes: number;
  /** Previous (older) and next (newer) post in the same category. */
  readonly prev: LinkView | null;
  readonly next: LinkView | null;
  /** Up to 5 posts sharing tags or the category. */
  readonly related: readonly LinkView[];
  /** Every front matter key, as written. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** One numbered link of a paginated list. */
export interface PageNumberView {
  readonly number: number;
  readonly url: string;
  readonly current: boolean;
  /** Pages were left out just before this one (on a stable list, the first link may follow the front page with a gap): show a gap (…). */
  readonly gap_before: boolean;
}

export interface PaginationView {
  /** The number in this page's URL; on a stable list, counted from the oldest page. */
  readonly page: number;
  readonly total_pages: number;
  readonly total_posts: number;
  readonly prev: string | null;
  readonly next: string | null;
  /**
   * The page links to show: all when there are at most 9, else the first, the last and two either
   * side of this one. On a stable list, newest first: two either side of this one and the oldest
   * (page 1); the front page (`front_url`) is not among them.
   */
  readonly pages: readonly PageNumberView[];
  /**
   * Pages are numbered from the oldest (`paginate_stable: true`): page 1 holds the oldest posts and
   * a numbered page keeps its posts as new ones come. Show `total_pages`, `total_posts` and term
   * counts on the front page only: a page that shows them is rendered again with every new post.
   */
  readonly stable: boolean;
  /** This is the list's front page, at its plain URL, with the newest posts. */
  readonly front: boolean;
  readonly front_url: string;
}

/** A list of posts: the home page, a category or a tag, one page of it. */
export interface ListView {
  readonly kind: 'home' | 'category' | 'tag' | 'year' | 'month';
  /** The category, tag, year or month this list is of; null for the home page. */
  readonly term: TermView | null;
  readonly posts: readonly PostSummaryView[];
  readonly pagination: PaginationView;
}

export interface SiteView {
  readonly title: string;
  readonly description: string;
  readonly lang: string;
  /** Absolute site URL without trailing slash, e.g. `https://example.org`; may be empty. */
  readonly url: string;
  /** Path prefix without trailing slash, e.g. `/archive`; empty at the root. */
  readonly baseurl: string;
  /** `baseurl + '/'`: the home page. */
  readonly home_url: string;
  /** The date archive's index page. */
  readonly archive_url: string;
  /** The site's Atom feed, or null when no `url` is set (feeds are then not written). */
  readonly feed_url: string | null;
  /** The search page (`/search.html`; it takes `?q=`), or null when search is off. */
  readonly search_url: string | null;
  readonly categories: readonly TermView[];
  /** Build time, ISO 8601. */
  readonly time: string;
}

/** The page being rendered. */
export interface PageView {
  readonly kind: 'post' | 'home' | 'category' | 'tag' | 'year' | 'month' | 'archive' | 'not-found' | 'search';
  /** Document title without the site name. */
  readonly title: string;
  readonly url: string;
  /** Absolute URL when `site.url` is set, else the site-absolute URL. */
  readonly canonical: string;
  readonly description: string;
  /** Open Graph type: `article` for posts, `website` for the rest. */
  readonly og_type: 'article' | 'website';
  /** Neighbouring pages of a paginated list, for `<link rel="prev|next">`. */
  readonly prev_url: string | null;
  readonly next_url: string | null;
  /** The Atom feed of this category or tag list, or null. */
  readonly feed_url: string | null;
  /** schema.org data for a JSON-LD block (a NewsArticle on posts); print with `| jsonld`. */
  readonly jsonld: Readonly<Record<string, unknown>> | null;
}

/** The date archive's index: years with their months, newest first. */
export interface ArchiveView {
  readonly years: readonly (TermView & { readonly months: readonly TermView[] })[];
}

/** The whole context a template is rendered with. */
export interface TemplateContext {
  readonly site: SiteView;
  readonly page: PageView;
  readonly post?: PostView;
  readonly list?: ListView;
  readonly archive?: ArchiveView;
}
