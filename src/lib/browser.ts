/**
 * Finds a Chromium to drive: Playwright's own download when there is one, else the system's
 * (Debian's `chromium` package). Says how to get one when neither exists.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

/** The executable path, or undefined when Playwright's own browser is installed (it finds that itself). */
export function findBrowser(): { executablePath?: string; found: boolean; description: string } {
	const override = process.env.OPSBOOK_CHROMIUM;
	if (override) return { executablePath: override, found: existsSync(override), description: override };
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return { found: true, description: `Playwright's Chromium (${own})` };
	} catch {
		// Playwright throws when its browsers were never downloaded.
	}
	const system = SYSTEM.find((path) => existsSync(path));
	if (system) return { executablePath: system, found: true, description: system };
	return { found: false, description: 'none' };
}

export const NO_BROWSER_HELP = [
	'No Chromium found for the end-to-end tests (and for rendering diagrams).',
	'Install one of:',
	'  - Debian/Ubuntu: apt-get install -y chromium      (found at /usr/bin/chromium)',
	'  - with network access to the Playwright CDN: npx playwright install chromium',
	'  - or point OPSBOOK_CHROMIUM at any Chromium/Chrome binary.',
].join('\n');
