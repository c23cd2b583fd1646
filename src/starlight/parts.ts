/**
 * What Opsbook adds to a Starlight site, defined once: used by Opsbook's own site
 * (astro.config.mjs) and by the Starlight plugin that adds the handbook to another site
 * (plugin.ts).
 */
import { fileURLToPath } from 'node:url';
import { openapiCode } from '../apis/vite-openapi-code.ts';
import { openapiKeys } from '../apis/vite-openapi-keys.ts';
import { configModule, type ResolvedConfig } from '../config/index.ts';
import { ecPageData } from '../hooks/vite-ec-page-data.ts';
import { pageSchemaOnce } from '../hooks/vite-page-schema.ts';
import { tabsProcessor } from '../hooks/vite-tabs.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The settings as `virtual:opsbook/config`, and the hooks (src/hooks/README.md): Starlight's
 * <Tabs> re-parsed every nested panel (half the build time of a large API spec);
 * <StarlightPage> rebuilt its frontmatter schema for every page; cached code blocks must
 * advance Expressive Code's per-page counter; starlight-openapi's code blocks use the cache and
 * its pages get cache keys for incremental builds.
 */
export function vitePlugins(config: ResolvedConfig) {
	return [configModule(config), tabsProcessor(), pageSchemaOnce(), ecPageData(), openapiCode(), openapiKeys()];
}

/** Component overrides: exact-match search, the preview and coverage banners, guide diagrams. */
export const components = {
	Search: here('../components/overrides/Search.astro'),
	Banner: here('../components/overrides/Banner.astro'),
	MarkdownContent: here('../components/overrides/MarkdownContent.astro'),
};

export const customCss = [here('../styles/opsbook.css')];

/** Page titles escaped in <title>; links to files keep no trailing slash (route-middleware.ts). */
export const routeMiddleware = here('../site/route-middleware.ts');
