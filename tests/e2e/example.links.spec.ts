/** Zero broken internal links: every href and src in every built page resolves. */
import { expect, test } from '@playwright/test';
import { CATALOG_FORMAT, catalogSchema } from '../../src/model/catalog.ts';
import { internalLinks } from './links.ts';
import { SITES } from './sites.ts';

test('no broken internal links in the example site', async ({ request }) => {
	const links = internalLinks(SITES.example.out, SITES.example.base);
	const targets = [...new Set(links.map((l) => l.to))];
	expect(targets.length).toBeGreaterThan(50);
	const broken: string[] = [];
	for (const target of targets) {
		const response = await request.get(`http://127.0.0.1:${SITES.example.port}${target}`);
		if (response.status() >= 400) {
			const from = links.filter((l) => l.to === target).slice(0, 2).map((l) => l.from);
			broken.push(`${target} (${response.status()}) linked from ${from.join(', ')}`);
		}
	}
	expect(broken).toEqual([]);
});

test('catalog.json holds the whole validated model', async ({ request }) => {
	const response = await request.get('catalog.json');
	expect(response.ok()).toBe(true);
	const catalog = await response.json();
	expect(catalog.services.length).toBeGreaterThanOrEqual(15);
	expect(catalog.coverage.ok).toBe(true);
	expect(catalog.services[0]).toHaveProperty('file');
});

test('catalog.json has its format version, matches its published schema, and every page URL it gives answers', async ({ request }) => {
	const catalog = await (await request.get('catalog.json')).json();
	expect(catalog.format).toBe(CATALOG_FORMAT);
	const parsed = catalogSchema.safeParse(catalog);
	expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
	const urls = [...catalog.services, ...catalog.runbooks, ...catalog.alerts].map((entity: { url: string }) => entity.url);
	expect(urls.length).toBeGreaterThan(50);
	for (const url of urls) expect((await request.get(url)).status(), url).toBe(200);
});
