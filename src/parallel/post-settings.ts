import type { SiteConfig } from '../config/site-config.js';

/** The settings a post's reading and transforming depend on: plain data, sent to workers. */
export type PostSettings = Pick<SiteConfig, 'timezone' | 'legacyHosts' | 'baseurl' | 'slugify'> & {
  readonly disabledTransforms: readonly string[];
};

/** The settings of a config that reading posts depends on. */
export function postSettingsOf(config: SiteConfig): PostSettings {
  return {
    timezone: config.timezone,
    legacyHosts: config.legacyHosts,
    baseurl: config.baseurl,
    slugify: config.slugify,
    disabledTransforms: [...config.disabledTransforms],
  };
}
