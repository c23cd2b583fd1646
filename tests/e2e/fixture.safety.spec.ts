/**
 * The hostile fixture (tests/fixtures/hostile) plants script payloads — `<script>`, `onerror`,
 * `onload`, `javascript:` and `data:` links — in every free-text field of every kind, in the
 * OpenAPI spec's descriptions and summaries, and in a guide's Markdown, banner and mermaid
 * diagram. Every payload would set `window.__pwned`. Every built page is opened in Chromium:
 * none may have run, and none may have left a script, handler or unsafe link in the page.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { SITES } from './sites.ts';

const site = SITES.fixture;

function pages(): string[] {
	const out: string[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name === 'index.html') out.push(relative(site.out, folder).split('\\').join('/'));
		}
	};
	walk(site.out);
	return out.map((folder) => (folder ? `${folder}/` : '')).sort();
}

const all = pages();

test('the hostile fixture built pages of every kind', () => {
	for (const kind of ['services/', 'teams/', 'runbooks/', 'trees/', 'systems/', 'apis/', 'guides/', 'reviews/', 'compliance/']) {
		expect(all.some((page) => page.startsWith(kind) && page !== kind), `a ${kind} page`).toBe(true);
	}
});

for (const path of all) {
	test(`no payload runs on /${path}`, async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('dialog', (dialog) => {
			errors.push(`dialog: ${dialog.message()}`);
			void dialog.dismiss();
		});
		await page.goto(path);
		await page.waitForLoadState('load');
		// Links are clicked by readers: follow every one that is not a plain navigation.
		const found = await page.evaluate(() => {
			const w = window as unknown as { __pwned?: string };
			const unsafe = (value: string | null) => value !== null && /^\s*(javascript|data|vbscript|file):/i.test(value.replace(/[\u0000-\u0020]/g, ''));
			const hrefs = [...document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\:href]')]
				.flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((name) => el.getAttribute(name)))
				.filter(unsafe)
				// Pagefind's own search UI (trusted code, loaded when idle) writes this no-op link.
				.filter((href) => href !== 'javascript:void(0);');
			const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
			const scripts = [...document.querySelectorAll('script')].filter((s) => /__pwned/.test(s.textContent ?? '') || /__pwned/.test(s.src));
			const frames = document.querySelectorAll('iframe, object, embed').length;
			return { pwned: w.__pwned, hrefs, handlers, scripts: scripts.length, frames };
		});
		expect(found).toEqual({ pwned: undefined, hrefs: [], handlers: [], scripts: 0, frames: 0 });
		expect(errors).toEqual([]);
	});
}

test('payloads are shown as the text they are', async ({ page }) => {
	await page.goto('services/checkout-api/');
	await expect(page.locator('main')).toContainText("<script>window.__pwned='services_checkout-api");
	await page.goto('guides/intro/');
	await expect(page.locator('main')).toContainText("<script>window.__pwned = 'guide-script'</script>");
	await expect(page.locator('.sl-banner').last()).toContainText('<img src=x onerror=');
	// The guide's diagram is drawn, its HTML label as text.
	await expect(page.locator('.ob-diagram svg')).toHaveCount(1);
	await expect(page.locator('.ob-diagram svg')).toContainText('<img src=x');
	await page.goto('apis/checkout/');
	await expect(page.locator('main')).toContainText("<script>window.__pwned='spec-info'</script>");
});
