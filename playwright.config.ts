/**
 * End-to-end tests in real Chromium against built sites: the example handbook (the site the
 * README builds) and small fixture sites built once by scripts/test.ts.
 */
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './src/lib/browser.ts';
import { SITES } from './tests/e2e/sites.ts';

const browser = findBrowser();
const astro = 'node_modules/astro/bin/astro.mjs';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 30_000,
	reporter: [['list'], ['json', { outputFile: '.opsbook/e2e/results.json' }]],
	use: {
		launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
		trace: 'off',
	},
	projects: Object.values(SITES).map((site) => ({
		name: site.name,
		testMatch: site.tests,
		use: { baseURL: `http://127.0.0.1:${site.port}${site.base}` },
	})),
	webServer: Object.values(SITES).map((site) => ({
		command: `"${process.execPath}" ${astro} preview --port ${site.port} --host 127.0.0.1 --ignore-lock${'root' in site ? ` --root ${site.root}` : ''}`,
		url: `http://127.0.0.1:${site.port}${site.base}`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { OPSBOOK_OUT: resolve(site.out), OPSBOOK_BASE: site.base, ASTRO_TELEMETRY_DISABLED: '1' },
	})),
});
