// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import opsbookApis from './src/apis/plugin.ts';
import { loadConfig, loadedConfig } from './src/config/index.ts';
import { components, customCss, routeMiddleware, vitePlugins } from './src/starlight/parts.ts';
import { astroCacheDir, incrementalPages } from './src/site/incremental.ts';
import { publishFiles } from './src/site/publish.ts';
import { guideLinks, readGuides } from './src/site/guides.ts';
import { sidebar } from './src/site/sidebar.ts';
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

export default defineConfig({
	site: config.site,
	base,
	// The e2e tests preview several builds (the example, fixtures, a sub-path build): OPSBOOK_OUT.
	outDir: config.outDir,
	// Content collections (the guides) and the pages an incremental build restores, per model and output.
	cacheDir: astroCacheDir(config),
	trailingSlash: 'always',
	devToolbar: { enabled: false },
	// Markdown guides are untrusted: raw HTML shown as text, links outside the URL policy dropped.
	markdown: { processor: satteri({ hastPlugins: [untrustedGuides(modelRoot)] }) },
	vite: {
		// The model folder is read by the loader, not imported; let the dev server watch it anyway.
		server: { watch: { ignored: ['**/.opsbook/**'] } },
		// The settings as a virtual module, and the hooks into libraries (src/hooks/README.md).
		plugins: vitePlugins(config),
	},
	integrations: [
		// Only the pages whose inputs changed are rendered again (src/site/incremental.ts).
		incrementalPages(config.incremental),
		// Each page's YAML source and each diagram's mermaid text, as plain files.
		publishFiles(),
		starlight({
			title: config.title,
			description: config.description,
			customCss,
			// Page titles escaped; links to files (catalog.json) without Starlight's trailing slash.
			routeMiddleware,
			lastUpdated: false,
			pagination: false,
			// API reference pages from the services' OpenAPI specs (starlight-openapi on Redocly bundles).
			plugins: [opsbookApis()],
			components,
			// Index pages and the guides (read when the config loads: restart `npm run dev` after adding one).
			sidebar: [...sidebar(guideLinks(readGuides(modelRoot))), ...config.sidebar],
		}),
	],
});

