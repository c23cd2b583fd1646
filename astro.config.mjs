// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import opsbookApis from './src/apis/plugin.ts';

// Astro must never phone home during a build or a test run.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

/** Sub-path builds for pull-request previews: OPSBOOK_BASE=/pr-42/ npm run build */
const base = process.env.OPSBOOK_BASE || '/';
const modelRoot = process.env.OPSBOOK_CONTENT || 'content';

export default defineConfig({
	site: process.env.OPSBOOK_SITE || 'https://opsbook.example',
	base,
	// The e2e tests preview several builds (the example, fixtures, a sub-path build).
	outDir: process.env.OPSBOOK_OUT || './dist',
	trailingSlash: 'always',
	devToolbar: { enabled: false },
	vite: {
		// The model folder is read by the loader, not imported; let the dev server watch it anyway.
		server: { watch: { ignored: ['**/.opsbook/**'] } },
	},
	integrations: [
		starlight({
			title: 'Opsbook',
			description: 'The operations handbook: services, owners, on-call, recovery, SLOs, runbooks.',
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
			},
			// A small sidebar of index pages: listing every entity on every page makes large
			// handbooks several times slower to build and heavier to load.
			sidebar: [
				{
					label: 'Start here',
					items: [
						{ label: 'Home', link: '/' },
						{ label: 'In an incident', link: '/incidents/' },
						{ label: 'New here', link: '/guides/onboarding/' },
					],
				},
				{
					label: 'Catalog',
					items: [
						{ label: 'Services', link: '/services/' },
						{ label: 'Systems', link: '/systems/' },
						{ label: 'Teams', link: '/teams/' },
						{ label: 'APIs', link: '/apis/' },
						{ label: 'Architecture', link: '/architecture/' },
					],
				},
				{
					label: 'Operations',
					items: [
						{ label: 'Runbooks', link: '/runbooks/' },
						{ label: 'Troubleshooting', link: '/trees/' },
						{ label: 'Business continuity', link: '/continuity/' },
						{ label: 'Reliability', link: '/reliability/' },
						{ label: 'Security response', link: '/security/' },
					],
				},
				{ label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] },
				{
					label: 'Reference',
					items: [
						{ label: 'Coverage', link: '/coverage/' },
						{ label: 'Model reference', link: '/reference/' },
						{ label: 'catalog.json', link: '/catalog.json', attrs: { 'data-pagefind-ignore': '' } },
					],
				},
			],
		}),
	],
});

