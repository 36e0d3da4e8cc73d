import { promises as fs, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../content/find-posts.js';
import { extractLinks } from './extract-links.js';
import { linkResolver, type LinkTarget } from './resolve-link.js';

/** What the check needs to know of the site besides its files. */
export interface CheckLinksOptions {
  /** Path the site is served under (`/archive`), or empty; as `normalizeBaseurl` gives it. */
  readonly baseurl: string;
  /** The site's absolute address (`url` in `_config.yml`); links to it are checked like the others. */
  readonly siteUrl?: string;
}

/** An internal link or image that leads to no file (or to no element with its `#id`). */
export interface BrokenLink {
  /** Output-relative path of the HTML file holding the link. */
  readonly page: string;
  readonly line: number;
  /** The URL as written in the page. */
  readonly href: string;
  /** Why it is broken, in a few words. */
  readonly reason: string;
}

/** The outcome of {@link checkLinks}. */
export interface LinkReport {
  readonly pagesChecked: number;
  /** Internal links and images checked; links to other hosts, `mailto:` and the like are not counted. */
  readonly linksChecked: number;
  /** Sorted by page, then line. */
  readonly broken: readonly BrokenLink[];
}

/**
 * Checks every internal `href`, `src` and `srcset` of every HTML file in an output folder: the
 * file a static host would serve for it must exist, and a `#fragment` must name an element of
 * the page. Nothing outside the folder is read, and symbolic links leading out of it count as
 * missing files.
 * @param destination the output folder, e.g. `_site`
 */
export async function checkLinks(destination: string, options: CheckLinksOptions): Promise<LinkReport> {
  const root = await fs.realpath(destination);
  const tree = walkOutput(root);
  const broken: BrokenLink[] = [];
  /** Each page's anchors joined by "\n": one flat string per page keeps 100,000 pages cheap. */
  const anchorsByPage = new Map<string, string>();
  const pendingFragments: { readonly link: BrokenLink; readonly target: string; readonly fragment: string }[] = [];
  // Most links are root-relative and repeat on every page (navigation, categories): resolve each once.
  const sharedOutcomes = new Map<string, LinkOutcome>();
  let linksChecked = 0;

  // Synchronous file calls, as in the disk target: the check reads 20,000 pages one after another,
  // and a promise-based read costs four round trips through libuv's pool.
  for (const page of tree.pages) {
    const found = extractLinks(readFileSync(path.join(root, ...page.split('/')), 'utf8'));
    const pageKey = page.normalize('NFC');
    anchorsByPage.set(pageKey, found.anchors.join('\n'));
    let ownAnchors: Set<string> | undefined;
    let resolve: ((href: string) => LinkTarget) | undefined;

    for (const { href, line } of found.links) {
      const shared = found.base === undefined && pageIndependent.test(href);
      let outcome = shared ? sharedOutcomes.get(href) : undefined;
      if (!outcome) {
        resolve ??= linkResolver({ page, baseurl: options.baseurl, siteUrl: options.siteUrl, base: found.base });
        outcome = outcomeOf(resolve(href), tree);
        if (shared) sharedOutcomes.set(detached(href), outcome);
      }
      if (outcome.kind === 'ignored') continue;
      linksChecked++;
      // Copies, so a report entry does not keep the whole page's text alive.
      const report = (reason: string): BrokenLink => ({ page, line, href: detached(href), reason });
      if (outcome.kind === 'broken') {
        broken.push(report(outcome.reason));
      } else if (outcome.fragment === undefined || !/\.html?$/i.test(outcome.file)) {
        continue;
      } else if (outcome.file === pageKey) {
        ownAnchors ??= new Set(found.anchors);
        if (!ownAnchors.has(outcome.fragment)) broken.push(report(`no element with id "${outcome.fragment}" on this page`));
      } else {
        pendingFragments.push({ link: report(`no element with id "${outcome.fragment}" in ${outcome.file}`), target: outcome.file, fragment: outcome.fragment });
      }
    }
  }

  const anchorSets = new Map<string, Set<string>>();
  for (const { link, target, fragment } of pendingFragments) {
    const joined = anchorsByPage.get(target);
    // A page reached only through a symbolic link was not read: nothing to say about its ids.
    if (joined === undefined) continue;
    let anchors = anchorSets.get(target);
    if (!anchors) anchorSets.set(target, (anchors = new Set(joined.split('\n'))));
    if (!anchors.has(fragment)) broken.push(link);
  }

  broken.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : a.line - b.line));
  return { pagesChecked: tree.pages.length, linksChecked, broken };
}

/** Links that resolve the same from every page: root-relative, protocol-relative and absolute. */
const pageIndependent = /^(?:\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/;

/** A link's target looked up in the output: the file it reaches (NFC), or why it is broken. */
type LinkOutcome =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'broken'; readonly reason: string }
  | { readonly kind: 'found'; readonly file: string; readonly fragment?: string };

function outcomeOf(target: LinkTarget, tree: OutputTree): LinkOutcome {
  if (target.kind !== 'internal') return target;
  const file = target.candidates.map((candidate) => candidate.normalize('NFC')).find((candidate) => tree.files.has(candidate));
  if (file === undefined) return { kind: 'broken', reason: missingReason(target.candidates, tree.escaping) };
  return { kind: 'found', file, fragment: target.fragment === undefined ? undefined : detached(target.fragment) };
}

/** The output folder's files, as a static host sees them. */
interface OutputTree {
  /** Every file a URL can reach, output-relative, NFC (macOS file systems hand back NFD names). */
  readonly files: ReadonlySet<string>;
  /** The HTML files to check, output-relative as on disk; symlinked copies are not checked twice. */
  readonly pages: readonly string[];
  /** Symbolic links that lead out of the output or nowhere, output-relative, NFC. */
  readonly escaping: ReadonlySet<string>;
}

function walkOutput(root: string): OutputTree {
  const files = new Set<string>();
  const pages: string[] = [];
  const escaping = new Set<string>();

  function walk(folder: string, relative: string, realAncestors: readonly string[], throughLink: boolean): void {
    const entries = readdirSync(folder, { withFileTypes: true });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(folder, entry.name);
      const real = path.join(realAncestors[realAncestors.length - 1]!, entry.name);
      if (entry.isDirectory()) {
        if (!relative && entry.name === '.git') continue;
        walk(full, rel, [...realAncestors, real], throughLink);
      } else if (entry.isFile()) {
        files.add(rel.normalize('NFC'));
        if (!throughLink && /\.html$/i.test(entry.name)) pages.push(rel);
      } else if (entry.isSymbolicLink()) {
        const target = realPathOrNull(full);
        if (target === null || !isInside(root, target)) {
          escaping.add(rel.normalize('NFC'));
          continue;
        }
        const stat = statSync(target);
        if (stat.isFile()) files.add(rel.normalize('NFC'));
        // A link to a folder above itself would be walked forever.
        else if (stat.isDirectory() && !realAncestors.includes(target)) walk(full, rel, [...realAncestors, target], true);
      }
    }
  }

  walk(root, '', [root], false);
  pages.sort();
  return { files, pages, escaping };
}

function realPathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** `no file at x, x.html or x/index.html`, or which symbolic link leads out of the output. */
function missingReason(candidates: readonly string[], escaping: ReadonlySet<string>): string {
  for (const candidate of candidates) {
    const segments = candidate.normalize('NFC').split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      if (escaping.has(prefix)) return `${prefix} is a symbolic link that leads outside the output folder (or nowhere)`;
    }
  }
  const shown = candidates.length === 1 ? candidates[0]! : `${candidates.slice(0, -1).join(', ')} or ${candidates[candidates.length - 1]!}`;
  return `no file at ${shown}`;
}

/** A copy that does not share memory with the string it was cut from (V8 keeps the whole page for a slice). */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
