import type { SiteConfig } from '../config/site-config.js';

/**
 * The settings a post's reading and transforming depend on: plain data, sent to workers. The
 * permalink pattern too, for a post's place is worked out as it is read (see PostPlace).
 */
export type PostSettings = Pick<SiteConfig, 'timezone' | 'legacyHosts' | 'baseurl' | 'slugify' | 'permalink'> & {
  readonly disabledTransforms: readonly string[];
};

/** The settings of a config that reading posts depends on. */
export function postSettingsOf(config: SiteConfig): PostSettings {
  return {
    timezone: config.timezone,
    legacyHosts: config.legacyHosts,
    baseurl: config.baseurl,
    slugify: config.slugify,
    permalink: config.permalink,
    disabledTransforms: [...config.disabledTransforms],
  };
}
