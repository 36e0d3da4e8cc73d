/** What a changed file is to the site, and so what a rebuild must redo. */
export type ChangeKind = 'post' | 'template' | 'public' | 'config' | 'ignored';

const postFile = /\.(md|markdown|html)$/i;

/**
 * Classifies a changed path (relative to the site root, forward slashes), like Zola's
 * `detect_change_kind`. Pure; the watcher and the rebuild planner act on its answer.
 * @param configPath the config file's path relative to the site root (`_config.yml`)
 */
export function classifyChange(relativePath: string, configPath = '_config.yml'): ChangeKind {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  // Editors' swap and backup files, and hidden files, are never part of the site.
  if (name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp|bak)$/i.test(name) || name.startsWith('#')) return 'ignored';
  if (path === configPath) return 'config';
  if (/^(posts|_posts|_drafts)\//.test(path)) return postFile.test(name) ? 'post' : 'ignored';
  if (path.startsWith('templates/')) return name.endsWith('.njk') ? 'template' : 'ignored';
  if (path.startsWith('public/')) return 'public';
  return 'ignored';
}
