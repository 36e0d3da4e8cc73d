import { promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { isKnownTimezone } from '../content/post-date.js';
import { error, warning, type Problem } from '../report/problem.js';
import { ruleNames } from '../transform/rule-names.js';
import { defaultConfig, type SiteConfig } from './site-config.js';

/** Settings given on the command line; they win over `_config.yml`. */
export interface ConfigFlags {
  readonly baseurl?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** False for `--no-search`; left out, the config decides. */
  readonly search?: boolean;
}

export interface LoadedConfig {
  readonly config: SiteConfig;
  readonly problems: readonly Problem[];
}

/** The site's config file: the one `--config` names, else `_config.yml` in the site root. */
export function configFileOf(siteRoot: string, config?: string): string {
  return config ? path.resolve(config) : path.join(siteRoot, '_config.yml');
}

/**
 * Reads `_config.yml` (absent is fine unless `required`), checks it and applies the flags.
 * @param displayPath the config's path as messages show it
 */
export async function loadConfig(file: string, displayPath: string, flags: ConfigFlags, required: boolean): Promise<LoadedConfig> {
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    if (required) {
      return { config: defaultConfig, problems: [error(displayPath, 'config/missing', 'config file not found', 'check the --config path')] };
    }
  }
  return parseConfig(text, displayPath, flags);
}

/** Pure part of {@link loadConfig}. */
export function parseConfig(text: string, displayPath: string, flags: ConfigFlags): LoadedConfig {
  const problems: Problem[] = [];
  const document = YAML.parseDocument(text, { schema: 'core' });
  const [first] = document.errors;
  if (first) {
    return {
      config: defaultConfig,
      problems: [error(displayPath, 'config/yaml', `invalid YAML: ${first.message.split('\n')[0]}`, 'fix the YAML syntax', first.linePos?.[0].line)],
    };
  }
  const raw: Record<string, unknown> = (document.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null) ?? {};
  const lineOf = (key: string): number | undefined => {
    const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
    return index === -1 ? undefined : index + 1;
  };
  const text_ = (key: string, fallback: string): string => {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    problems.push(error(displayPath, 'config/type', `"${key}" should be text`, `write ${key}: "…"`, lineOf(key)));
    return fallback;
  };

  const timezone = text_('timezone', defaultConfig.timezone);
  if (!isKnownTimezone(timezone)) {
    problems.push(error(displayPath, 'config/timezone', `unknown time zone "${timezone}"`, 'use an IANA name such as Asia/Shanghai', lineOf('timezone')));
  }
  const paginate = raw.paginate === undefined ? defaultConfig.paginate : Number(raw.paginate);
  if (!Number.isInteger(paginate) || paginate < 1) {
    problems.push(error(displayPath, 'config/paginate', `paginate must be a whole number of posts per page, not "${String(raw.paginate)}"`, 'write e.g. paginate: 20', lineOf('paginate')));
  }
  const slugify = text_('slugify', defaultConfig.slugify);
  if (slugify !== 'unicode' && slugify !== 'pinyin') {
    problems.push(error(displayPath, 'config/slugify', `slugify must be "unicode" or "pinyin", not "${slugify}"`, 'write slugify: pinyin, or remove the line', lineOf('slugify')));
  }
  const url = text_('url', '').replace(/\/+$/, '');
  if (url && !/^https?:\/\/[^/\s]+(?:\/[^\s]*)?$/i.test(url)) {
    problems.push(error(displayPath, 'config/url', `url must be an absolute http(s) address, not "${url}"`, 'write e.g. url: https://example.org', lineOf('url')));
  }

  const categoryNames: Record<string, string> = {};
  const names = raw.category_names;
  if (names && typeof names === 'object' && !Array.isArray(names)) {
    for (const [slug, name] of Object.entries(names)) if (typeof name === 'string' || typeof name === 'number') categoryNames[slug] = String(name);
  } else if (names !== undefined && names !== null) {
    problems.push(error(displayPath, 'config/category_names', 'category_names should map category slugs to names', 'write it as category_names: {mindongribao: 闽东日报}', lineOf('category_names')));
  }

  const legacyHosts = (Array.isArray(raw.legacy_hosts) ? raw.legacy_hosts : raw.legacy_hosts ? [raw.legacy_hosts] : [])
    .map((host) => String(host).trim().toLowerCase())
    .filter(Boolean);

  const disabledTransforms = new Set<string>();
  const transforms = raw.transforms;
  if (transforms && typeof transforms === 'object' && !Array.isArray(transforms)) {
    for (const [rule, enabled] of Object.entries(transforms)) {
      if (!(ruleNames as readonly string[]).includes(rule)) {
        problems.push(warning(displayPath, 'config/transforms', `unknown body rule "${rule}"`, `known rules: ${ruleNames.join(', ')}`, lineOf('transforms')));
      } else if (enabled === false) {
        disabledTransforms.add(rule);
      }
    }
  }

  if (raw.paginate_stable !== undefined && raw.paginate_stable !== null && typeof raw.paginate_stable !== 'boolean') {
    problems.push(
      error(displayPath, 'config/paginate_stable', `paginate_stable must be true or false, not "${String(raw.paginate_stable)}"`, 'write paginate_stable: true to number list pages from the oldest, or remove the line', lineOf('paginate_stable')),
    );
  }
  if (raw.search !== undefined && raw.search !== null && typeof raw.search !== 'boolean') {
    problems.push(error(displayPath, 'config/search', `search must be true or false, not "${String(raw.search)}"`, 'write search: false to build without search, or remove the line', lineOf('search')));
  }

  const config: SiteConfig = {
    title: text_('title', defaultConfig.title),
    description: text_('description', defaultConfig.description),
    lang: text_('lang', defaultConfig.lang),
    url,
    baseurl: normalizeBaseurl(flags.baseurl ?? text_('baseurl', '')),
    timezone: isKnownTimezone(timezone) ? timezone : defaultConfig.timezone,
    permalink: text_('permalink', defaultConfig.permalink),
    paginate: Number.isInteger(paginate) && paginate >= 1 ? paginate : defaultConfig.paginate,
    paginateStable: raw.paginate_stable === true,
    slugify: slugify === 'pinyin' ? 'pinyin' : 'unicode',
    categoryNames,
    legacyHosts,
    drafts: flags.drafts ?? raw.show_drafts === true,
    future: flags.future ?? raw.future === true,
    disabledTransforms,
    search: flags.search ?? raw.search !== false,
  };
  return { config, problems };
}

/** `archive/`, `/archive/`, `/archive` → `/archive`; `/` and empty → empty. Encoded once per segment. */
export function normalizeBaseurl(baseurl: string): string {
  const segments = baseurl.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length ? `/${segments.map((s) => encodeURIComponent(decodeSafely(s))).join('/')}` : '';
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
