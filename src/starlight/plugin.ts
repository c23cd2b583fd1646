/**
 * Opsbook as a Starlight plugin, for a team that already has a Starlight site: the handbook's
 * pages are injected beside the site's own (like starlight-openapi's API pages), with the same
 * components, styles, sidebar groups, search and API reference as Opsbook's own site.
 *
 *   // astro.config.mjs
 *   import starlight from '@astrojs/starlight';
 *   import opsbook from 'opsbook/starlight';
 *   export default defineConfig({ integrations: [starlight({ title: 'Docs', plugins: [opsbook({ content: 'ops-model' })] })] });
 *
 * The options are Opsbook's settings (src/config/schema.ts) plus `home`: whether the handbook's
 * home page takes `/` (false by default here: the site has its own). The site keeps its own
 * content collection; the model's prose guides are Opsbook's own site's business.
 */
import type { StarlightPlugin } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import opsbookApis from '../apis/plugin.ts';
import { useConfig, resolveConfig, type OpsbookUserConfig, type ResolvedConfig } from '../config/index.ts';
import { publishFiles } from '../site/publish.ts';
import { sidebar } from '../site/sidebar.ts';
import { components, customCss, routeMiddleware, vitePlugins } from './parts.ts';

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));

/** Every page of the handbook as an injectable route: `services/[id].astro` → `/services/[id]`. */
export function handbookRoutes(folder = PAGES): { pattern: string; entrypoint: string }[] {
	const routes: { pattern: string; entrypoint: string }[] = [];
	for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
		if (!/\.(astro|ts)$/.test(file)) continue;
		const path = file.split('\\').join('/').replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
		routes.push({ pattern: `/${path}`, entrypoint: join(folder, file) });
	}
	return routes;
}

export interface OpsbookPluginOptions extends OpsbookUserConfig {
	/** Put the handbook's home page at `/` (default: false, the site keeps its own home). */
	home?: boolean;
}

export default function opsbookStarlight({ home = false, ...settings }: OpsbookPluginOptions = {}): StarlightPlugin {
	return {
		name: 'opsbook',
		hooks: {
			async 'config:setup'(params) {
				const { config: starlightConfig, updateConfig, addIntegration, addRouteMiddleware, astroConfig } = params;
				const config: ResolvedConfig = useConfig(resolveConfig(settings, { root: fileURLToPath(astroConfig.root), env: process.env }));
				const routes = handbookRoutes().filter((route) => home || route.pattern !== '/');
				const handbook: AstroIntegration = {
					name: 'opsbook-handbook',
					hooks: {
						'astro:config:setup': ({ injectRoute, updateConfig: updateAstro }) => {
							for (const route of routes) injectRoute({ ...route, prerender: true });
							updateAstro({ vite: { plugins: vitePlugins(config), ssr: { noExternal: ['opsbook'] } } });
						},
					},
				};
				addIntegration(handbook);
				addIntegration(publishFiles());
				// The site's own choices win: its components, then ours; its sidebar first, then the handbook's groups.
				const groups = sidebar([])
					.map((group) => ({ ...group, items: group.items.filter((item) => (home || item.link !== '/') && !item.link.startsWith('/guides/')) }))
					.filter((group) => group.items.length > 0);
				const added = {
					customCss: [...(starlightConfig.customCss ?? []), ...customCss],
					components: { ...components, ...starlightConfig.components },
					sidebar: [...(starlightConfig.sidebar ?? []), ...groups, ...config.sidebar],
				};
				updateConfig(added);
				addRouteMiddleware({ entrypoint: routeMiddleware });
				// The API reference (starlight-openapi on the model's specs) comes with it. Starlight
				// hands a plugin the config as it was before its own updates: the API plugin, which
				// builds on the config it is given, gets it with the handbook's additions.
				await opsbookApis().hooks['config:setup']?.({ ...params, config: { ...starlightConfig, ...added } });
			},
		},
	};
}

/** For the tests: where the pages are, relative to the package. */
export const pagesFolder = relative(fileURLToPath(new URL('../..', import.meta.url)), PAGES);
