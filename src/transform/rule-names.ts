/** The restructure rules, by the name `_config.yml` switches them off with (`transforms: {byline: false}`). */
export const ruleNames = ['whitespace', 'back_nav', 'original_link', 'source', 'byline', 'subheadings', 'legacy_links', 'links'] as const;
export type RuleName = (typeof ruleNames)[number];
