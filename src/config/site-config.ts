/** The site's settings, after `_config.yml` and command-line flags are merged and checked. */
export interface SiteConfig {
  readonly title: string;
  readonly description: string;
  readonly lang: string;
  /** Absolute site URL without trailing slash (`https://example.org`), or empty. */
  readonly url: string;
  /** Path prefix without trailing slash (`/archive`), or empty at the root. */
  readonly baseurl: string;
  /** IANA zone for dates written without an offset; also the zone URLs and displayed dates use. */
  readonly timezone: string;
  /** Jekyll permalink pattern or style name for posts. */
  readonly permalink: string;
  /** Posts per list page. */
  readonly paginate: number;
  /**
   * Number list pages from the oldest (`paginate_stable: true`), as Nikola's INDEXES_STATIC does:
   * a list's first page shows the newest `paginate` posts, and a numbered page keeps its posts as
   * new ones come, so adding a post rewrites the first page and the newest numbered one only.
   */
  readonly paginateStable: boolean;
  /** `unicode` keeps Chinese in paths; `pinyin` writes pinyin paths. */
  readonly slugify: 'unicode' | 'pinyin';
  /** Display names of categories by slug (`mindongribao: 闽东日报`). */
  readonly categoryNames: Readonly<Record<string, string>>;
  /** Hosts of the site's old home, whose links are rewritten to our own pages. */
  readonly legacyHosts: readonly string[];
  readonly drafts: boolean;
  readonly future: boolean;
  /** Body rules switched off by `transforms: {rule: false}`. */
  readonly disabledTransforms: ReadonlySet<string>;
  /** Build the full-text search index and `/search.html` (`search: false` or `--no-search` turns it off). */
  readonly search: boolean;
}

export const defaultConfig: SiteConfig = {
  title: '报库',
  description: '新闻存档',
  lang: 'zh-CN',
  url: '',
  baseurl: '',
  timezone: 'Asia/Shanghai',
  permalink: '/:categories/:year/:month/:day/:title.html',
  paginate: 20,
  paginateStable: false,
  slugify: 'unicode',
  categoryNames: {},
  legacyHosts: [],
  drafts: false,
  future: false,
  disabledTransforms: new Set(),
  search: true,
};
