/**
 * The Starlight plugin that turns the model's APIs into pages. It wraps starlight-openapi:
 *
 * 1. lists the APIs of the model (the loader, as every page does) and bundles their specs with
 *    Redocly (bundle.ts) — up to date already when `npm run build` did it; in `npm run dev`
 *    only what is missing or stale;
 * 2. runs starlight-openapi on the bundles, one API per `apis/<id>/`;
 * 3. puts starlight-openapi's sidebar groups in the sidebar, and adds a route middleware
 *    (sidebar.ts, after starlight-openapi's own) that keeps an API's group on that API's pages
 *    only, trimmed for large specs — every other page keeps the site's small sidebar;
 * 4. overrides PageTitle so API pages say which service exposes them and carry the page kind
 *    for search, like every other page (ApiPageTitle.astro);
 * 5. renders spec text like model text, never as raw HTML (vite-openapi-markdown.ts).
 *
 * Nothing happens for `astro preview`, `astro sync` or a model without APIs.
 */
import type { StarlightPlugin } from '@astrojs/starlight/types';
import { fileURLToPath } from 'node:url';
import { currentConfig } from '../config/index.ts';
import { formatDiagnostic } from '../load/diagnostics.ts';
import { contentRoot, loadModel, loadModelForBuild } from '../load/index.ts';
import { bundleApis } from './bundle.ts';
import { loadStarlightOpenAPI } from './load-openapi.ts';
import { project } from './redocly.ts';
import { apiBase, apisOf, bundleFolder, bundlesInUse } from './specs.ts';
import { openapiMarkdownIntegration } from './vite-openapi-markdown.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The part of starlight-openapi this plugin uses. The package ships TypeScript sources that do
 * not pass this project's strict type check; load-openapi.ts loads it, by URL.
 */
export interface StarlightOpenAPI {
	default: (config: { base: string; schema: string; sidebar?: Record<string, unknown> }[]) => StarlightPlugin;
	openAPISidebarGroups: unknown[];
}

export default function opsbookApis(): StarlightPlugin {
	return {
		name: 'opsbook-apis',
		hooks: {
			'config:setup': async (params) => {
				const { command, config, logger, updateConfig, addRouteMiddleware, addIntegration } = params;
				if (command !== 'build' && command !== 'dev') return;
				const root = contentRoot([]);
				const result = command === 'build' ? loadModelForBuild(root) : loadModel(root);
				const entries = apisOf(result.model, root);
				if (entries.length === 0) return;

				const folder = bundleFolder(project, root);
				// The pages (ApiPageTitle, apis/ index) read the bundles from here.
				bundlesInUse(folder);
				const bundled = await bundleApis(entries, { root, folder, allowRedoclyPlugins: currentConfig().allowRedoclyPlugins });
				if (bundled.bundled) logger.info(`bundled ${bundled.bundled} API spec(s) with Redocly in ${(bundled.elapsed / 1000).toFixed(1)} s`);
				if (bundled.diagnostics.length) {
					const text = bundled.diagnostics.map(formatDiagnostic).join('\n');
					// The build has passed `npm run check` before it gets here; the dev server shows what it can.
					if (command === 'build') throw new Error(`API specs could not be bundled; run "npm run check".\n${text}`);
					logger.warn(`API specs with problems are left out:\n${text}`);
				}
				if (bundled.bundles.length === 0) return;

				// Before starlight-openapi renders anything: spec text is untrusted.
				addIntegration(openapiMarkdownIntegration());
				const openapi = await loadStarlightOpenAPI();
				const inner = openapi.default(
					bundled.bundles.map(({ entry, file }) => ({
						base: apiBase(entry.api.id),
						schema: file,
						sidebar: { label: entry.api.name, collapsed: true, operations: { badges: true, labels: 'summary' as const } },
					})),
				);
				// Its route middleware runs on API pages only (openapi-middleware.mjs).
				await inner.hooks['config:setup']?.({
					...params,
					addRouteMiddleware: (middleware) =>
						params.addRouteMiddleware(middleware.entrypoint === 'starlight-openapi/middleware' ? { ...middleware, entrypoint: here('./openapi-middleware.mjs') } : middleware),
				});

				updateConfig({
					// After starlight-openapi's own styles (it added them to customCss just now).
					customCss: [...(params.config.customCss ?? []), 'starlight-openapi/styles', here('./apis.css')],
					// The API groups come first; sidebar.ts removes them from every page but the API's own.
					sidebar: [...(openapi.openAPISidebarGroups as NonNullable<typeof config.sidebar>), ...(config.sidebar ?? [])],
					components: { ...config.components, PageTitle: here('./ApiPageTitle.astro') },
				});
				addRouteMiddleware({ entrypoint: here('./sidebar.ts'), order: 'post' });
			},
		},
	};
}
