// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import opsbookApis from './src/apis/plugin.ts';
import { configModule, loadConfig, loadedConfig } from './src/config/index.ts';
import { publishFiles } from './src/site/publish.ts';
import { guideLinks, readGuides } from './src/site/guides.ts';
import { sidebar } from './src/site/sidebar.ts';
import { ecPageData } from './src/hooks/vite-ec-page-data.ts';
import { openapiCode } from './src/apis/vite-openapi-code.ts';
import { pageSchemaOnce } from './src/hooks/vite-page-schema.ts';
import { tabsProcessor } from './src/hooks/vite-tabs.ts';
import { untrustedGuides } from './src/site/untrusted-markdown.ts';
import { satteri } from '@astrojs/markdown-satteri';

// Astro must never phone home during a build or a test run.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

// Opsbook's settings: opsbook.config.* and the environment (src/config/). Sub-path builds for
// pull-request previews, for example: OPSBOOK_BASE=/pr-42/ npm run build
// The build script runs Astro in its own process and has loaded them already (from its working directory).
const config = loadedConfig() ?? (await loadConfig());
const base = config.base;
const modelRoot = config.contentDir;
// Astro caches content collections (the guides); one cache per model folder, so building another
// model in the same checkout never mixes their guides.
const modelKey = createHash('sha256').update(resolve(modelRoot)).digest('hex').slice(0, 12);

export default defineConfig({
	site: config.site,
	base,
	// The e2e tests preview several builds (the example, fixtures, a sub-path build): OPSBOOK_OUT.
	outDir: config.outDir,
	cacheDir: `./.opsbook/astro-cache/${modelKey}`,
	trailingSlash: 'always',
	devToolbar: { enabled: false },
	// Markdown guides are untrusted: raw HTML shown as text, links outside the URL policy dropped.
	markdown: { processor: satteri({ hastPlugins: [untrustedGuides(modelRoot)] }) },
	vite: {
		// The model folder is read by the loader, not imported; let the dev server watch it anyway.
		server: { watch: { ignored: ['**/.opsbook/**'] } },
		// Starlight's <Tabs> re-parsed every nested panel: half the build time of a large API spec;
		// <StarlightPage> rebuilt its frontmatter schema for every page; cached code blocks must
		// advance Expressive Code's per-page counter.
		plugins: [configModule(config), tabsProcessor(), pageSchemaOnce(), ecPageData(), openapiCode()],
	},
	integrations: [
		// Each page's YAML source and each diagram's mermaid text, as plain files.
		publishFiles(),
		starlight({
			title: config.title,
			description: config.description,
			customCss: ['./src/styles/opsbook.css'],
			// Sidebar links to files (catalog.json) without Starlight's trailing slash.
			routeMiddleware: './src/site/route-middleware.ts',
			lastUpdated: false,
			pagination: false,
			// API reference pages from the services' OpenAPI specs (starlight-openapi on Redocly bundles).
			plugins: [opsbookApis()],
			components: {
				Search: './src/components/overrides/Search.astro',
				Banner: './src/components/overrides/Banner.astro',
				MarkdownContent: './src/components/overrides/MarkdownContent.astro',
			},
			// Index pages and the guides (read when the config loads: restart `npm run dev` after adding one).
			sidebar: sidebar(guideLinks(readGuides(modelRoot))),
		}),
	],
});

