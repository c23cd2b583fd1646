/**
 * Finds a Chromium to drive, for diagrams and the end-to-end tests, in this order:
 *   1. `OPSBOOK_CHROMIUM`, a path the user chose;
 *   2. Playwright's own download (`npx playwright install chromium`, where that works);
 *   3. a system Chrome or Chromium (Debian's `chromium` package, Google Chrome);
 *   4. the Chromium that ships inside the `@sparticuz/chromium` npm package, so a fresh machine
 *      with no browser and no way to download one still renders: `npm install` is all it takes.
 * The last one is Brotli-packed; it is unpacked once, by a child process, into a folder beside
 * node_modules and moved into place in one rename, so parallel builds never see half a browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

export interface FoundBrowser {
	/** The executable; undefined for Playwright's own browser (it finds that itself). */
	executablePath?: string;
	found: boolean;
	/** Which browser, and why this one: printed by the test runner and in diagram errors. */
	description: string;
}

let memo: FoundBrowser | undefined;

export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
	const override = env.OPSBOOK_CHROMIUM;
	if (override) return { executablePath: override, found: existsSync(override), description: `${override} (OPSBOOK_CHROMIUM)` };
	if (env === process.env && memo) return memo;
	const found = search();
	if (env === process.env) memo = found;
	return found;
}

function search(): FoundBrowser {
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return { found: true, description: `Playwright's Chromium (${own})` };
	} catch {
		// Playwright throws when its browsers were never downloaded.
	}
	const system = SYSTEM.find((path) => existsSync(path));
	if (system) return { executablePath: system, found: true, description: `${system} (the system's Chromium)` };
	const shipped = npmChromium();
	if (shipped.path) return { executablePath: shipped.path, found: true, description: `${shipped.path} (the Chromium shipped in the npm package @sparticuz/chromium; no system browser was found)` };
	return { found: false, description: `none (${shipped.problem})` };
}

/** The npm-shipped Chromium, unpacked on first use. */
export function npmChromium(): { path?: string; problem?: string } {
	let entry: string;
	try {
		// The package exports only its entry (build/index.js), not its package.json.
		entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
	} catch {
		return { problem: 'the @sparticuz/chromium package is not installed' };
	}
	const packageDir = dirname(dirname(entry));
	const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
	// node_modules/.cache is where tools keep what they derive from installed packages.
	const nodeModules = join(packageDir, '..', '..');
	const folder = join(nodeModules, '.cache', 'opsbook', `chromium-${version}`);
	const executable = join(folder, 'chromium');
	if (existsSync(executable)) return { path: executable };

	const staging = `${folder}.${process.pid}.tmp`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	// The package unpacks into os.tmpdir(); a child process with its own TMPDIR keeps this
	// process's environment untouched and makes the wait synchronous (about 1.5 s, once).
	const unpack = spawnSync(
		process.execPath,
		['--input-type=module', '-e', `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(await c.executablePath());`],
		{ env: { ...process.env, TMPDIR: staging }, encoding: 'utf8', timeout: 120_000 },
	);
	if (unpack.status !== 0 || !existsSync(join(staging, 'chromium'))) {
		rmSync(staging, { recursive: true, force: true });
		const why = (unpack.stderr || unpack.error?.message || '').split('\n').find((line) => line.trim()) ?? `exit ${unpack.status}`;
		return { problem: `unpacking @sparticuz/chromium failed: ${why.slice(0, 200)}` };
	}
	try {
		renameSync(staging, folder);
	} catch {
		// Another process unpacked it first; theirs is as good as ours.
		rmSync(staging, { recursive: true, force: true });
	}
	return existsSync(executable) ? { path: executable } : { problem: 'the unpacked Chromium is missing' };
}

export const NO_BROWSER_HELP = [
	'No Chromium found for rendering diagrams (and for the end-to-end tests).',
	'`npm install` installs one (the @sparticuz/chromium package); if that failed, either:',
	'  - Debian/Ubuntu: apt-get install -y chromium      (found at /usr/bin/chromium)',
	'  - with network access to the Playwright CDN: npx playwright install chromium',
	'  - or point OPSBOOK_CHROMIUM at any Chromium/Chrome binary.',
].join('\n');
