/**
 * A pull-request preview, built as the preview workflow builds it: under /pr-42/ with
 * OPSBOOK_PREVIEW=42. Every link, asset, diagram, search result and catalog.json must stay
 * under the sub-path, and nothing a reader does may hit a 404.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runbookForAlert } from '../../src/model/index.ts';
import { alertSlug } from '../../src/site/alert-slug.ts';
import { internalLinks } from './links.ts';
import { modelOf } from './model.ts';
import { search } from './search.ts';
import { SITES } from './sites.ts';

const site = SITES.subpath;
const origin = `http://127.0.0.1:${site.port}`;
const model = modelOf(site.content);

/** Every failed request and every request that left the sub-path, while the test browses. */
function watchNetwork(page: Page): string[] {
	const problems: string[] = [];
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (response.status() >= 400) problems.push(`${response.status()} ${url.pathname}`);
		else if (url.origin === origin && !url.pathname.startsWith(site.base)) problems.push(`outside ${site.base}: ${url.pathname}`);
	});
	page.on('requestfailed', (request) => problems.push(`failed ${request.url()}`));
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	return problems;
}

test('home page under /pr-42/ with the preview banner', async ({ page }) => {
	const problems = watchNetwork(page);
	const response = await page.goto('');
	expect(response?.status()).toBe(200);
	expect(new URL(page.url()).pathname).toBe(site.base);
	await expect(page.locator('.ob-banner-preview')).toHaveText('Preview of PR #42 — not the live handbook.');
	await expect(page.locator('h1').first()).toBeVisible();
	// Stylesheets and scripts came from under the sub-path.
	const assets = await page.locator('link[rel="stylesheet"], script[src]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLLinkElement).href || (n as HTMLScriptElement).src));
	expect(assets.length).toBeGreaterThan(0);
	for (const asset of assets) expect(new URL(asset).pathname.startsWith(site.base), asset).toBe(true);
	await page.waitForLoadState('networkidle');
	expect(problems).toEqual([]);
});

test('search for an alert → its page → its runbook, under /pr-42/', async ({ page }) => {
	const entry = [...model.index.alerts.values()].map((entries) => entries[0]!).find((e) => runbookForAlert(model, e));
	expect(entry, 'the model has an alert with a runbook').toBeTruthy();
	const runbook = runbookForAlert(model, entry!)!;
	const problems = watchNetwork(page);
	await page.goto('');
	const results = await search(page, entry!.alert.name);
	expect(results[0]).toBe(`${site.base}alerts/${alertSlug(entry!.alert.name)}/`);
	for (const result of results) expect(result.startsWith(site.base), result).toBe(true);
	await page.locator('#starlight__search .pagefind-ui__result-link').first().click();
	await expect(page).toHaveURL(`${origin}${site.base}alerts/${alertSlug(entry!.alert.name)}/`);
	await page.locator('#runbook + p a').first().click();
	await expect(page).toHaveURL(`${origin}${site.base}runbooks/${runbook.id}/`);
	await expect(page.locator('h1').first()).toContainText(runbook.title);
	await expect(page.locator('.ob-banner-preview')).toBeVisible();
	await page.waitForLoadState('networkidle');
	expect(problems).toEqual([]);
});

test('a service page shows its dependency diagram', async ({ page }) => {
	const service = [...model.services.values()].find((s) => s.dependencies.length > 0) ?? [...model.services.values()][0]!;
	const problems = watchNetwork(page);
	await page.goto(`services/${service.id}/`);
	const diagram = page.locator('figure.ob-diagram').first();
	await expect(diagram).toBeVisible();
	await expect(diagram.locator('svg').filter({ visible: true }).first()).toBeVisible();
	const box = await diagram.locator('svg').filter({ visible: true }).first().boundingBox();
	expect(box!.width).toBeGreaterThan(50);
	// The diagram's "Mermaid source" link stays under the sub-path and answers.
	const source = await diagram.locator('a', { hasText: 'Mermaid source' }).getAttribute('href');
	expect(source!.startsWith(`${site.base}diagrams/`), source!).toBe(true);
	const mmd = await page.request.get(`${origin}${source}`);
	expect(mmd.status()).toBe(200);
	await page.waitForLoadState('networkidle');
	expect(problems).toEqual([]);
});

test('catalog.json loads from the sidebar link', async ({ page }) => {
	await page.goto('');
	const href = await page.locator('nav a', { hasText: 'catalog.json' }).first().getAttribute('href');
	expect(href).toBe(`${site.base}catalog.json`);
	const response = await page.request.get(`${origin}${href}`);
	expect(response.status()).toBe(200);
	const catalog = await response.json();
	expect(catalog.services.map((s: { id: string }) => s.id).sort()).toEqual([...model.services.keys()].sort());
});

/**
 * Whether a plain static host (GitHub Pages, S3, nginx) would find the target in the built
 * folder: `x/` is `x/index.html`, `x` is the file `x` (or the folder `x/`, which hosts redirect
 * to). `astro preview` is more forgiving (it serves `catalog.json/` too), so this is checked apart.
 */
function onStaticHost(target: string): boolean {
	const path = join(site.out, decodeURIComponent(target.slice(site.base.length)));
	const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
	if (target.endsWith('/')) return isFile(join(path, 'index.html'));
	return isFile(path) || isFile(join(path, 'index.html'));
}

test('no broken internal link, and none leaves /pr-42/', async ({ request }) => {
	const links = internalLinks(site.out, site.base);
	const targets = [...new Set(links.map((l) => l.to))];
	expect(targets.length).toBeGreaterThan(20);
	const outside = links.filter((l) => !l.to.startsWith(site.base)).slice(0, 10).map((l) => `${l.to} (from ${l.from})`);
	expect(outside).toEqual([]);
	const broken: string[] = [];
	for (const target of targets) {
		const response = await request.get(`${origin}${target}`);
		if (!onStaticHost(target)) {
			const from = links.filter((l) => l.to === target).slice(0, 2).map((l) => l.from);
			broken.push(`${target} (not in the built folder) linked from ${from.join(', ')}`);
		} else if (response.status() >= 400) {
			const from = links.filter((l) => l.to === target).slice(0, 2).map((l) => l.from);
			broken.push(`${target} (${response.status()}) linked from ${from.join(', ')}`);
		}
	}
	expect(broken).toEqual([]);
});

test('browsing the main sections hits no 404', async ({ page }) => {
	const problems = watchNetwork(page);
	for (const path of ['', 'services/', 'runbooks/', 'trees/', 'architecture/', 'coverage/', 'reference/']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await page.waitForLoadState('networkidle');
	}
	expect(problems).toEqual([]);
});

test('the preview banner is not indexed: a search for its words finds no page for it', async ({ page }) => {
	await page.goto('');
	await expect(page.locator('.ob-banner-preview')).toHaveAttribute('data-pagefind-ignore', '');
	const open = page.locator('site-search button[data-open-modal]');
	await expect(open).toBeEnabled();
	await open.click();
	await page.locator('#starlight__search .pagefind-ui__search-input').fill('preview');
	// Every page (over a hundred) carries "Preview of PR #42": were the banner indexed, this
	// would match all of them; the word itself is on at most a page or two.
	const message = page.locator('#starlight__search .pagefind-ui__message');
	await expect(message).toContainText(/results? for preview/, { timeout: 10_000 });
	const found = Number(/^(\d+) results? for/.exec((await message.textContent()) ?? '')?.[1] ?? 0);
	expect(found).toBeLessThan(5);
});
