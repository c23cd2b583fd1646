/** On-call search: every alert name, service and runbook title finds the right page first. */
import { expect, test } from '@playwright/test';
import { runbookForAlert } from '../../src/model/index.ts';
import { modelOf } from './model.ts';
import { search } from './search.ts';
import { SITES } from './sites.ts';
import { alertSlug } from '../../src/site/alert-slug.ts';

const model = modelOf(SITES.example.content);
const alerts = [...model.index.alerts.values()].map((entries) => entries[0]!);

test('every alert name finds its alert page as the first result, and that page leads to the runbook', async ({ page }) => {
	test.setTimeout(30_000 + alerts.length * 3_000);
	await page.goto('');
	const wrong: string[] = [];
	for (const entry of alerts) {
		const results = await search(page, entry.alert.name);
		if (!results[0]?.endsWith(`/alerts/${alertSlug(entry.alert.name)}/`)) wrong.push(`${entry.alert.name} → ${results[0]}`);
	}
	expect(wrong).toEqual([]);
	const entry = alerts.find((e) => runbookForAlert(model, e))!;
	await page.goto(`alerts/${alertSlug(entry.alert.name)}/`);
	await expect(page.locator('#runbook + p a').first()).toHaveAttribute('href', new RegExp(`/runbooks/${runbookForAlert(model, entry)!.id}/$`));
});

test('every alert has its page', async ({ request }) => {
	for (const name of model.index.alerts.keys()) {
		const response = await request.get(`alerts/${alertSlug(name)}/`);
		expect(response.status(), name).toBe(200);
	}
});

test('a service id finds its service page first, and results say what kind of page they are', async ({ page }) => {
	const service = [...model.services.values()].find((s) => s.id.includes('-')) ?? [...model.services.values()][0]!;
	await page.goto('');
	const results = await search(page, service.name);
	expect(results[0]).toMatch(new RegExp(`/services/${service.id}/$`));
	await expect(page.locator('#starlight__search .pagefind-ui__result-title').first()).toContainText('Service ·');
});

test('a runbook title finds the runbook first', async ({ page }) => {
	const runbook = [...model.runbooks.values()].at(-1)!;
	await page.goto('');
	const results = await search(page, runbook.title);
	expect(results[0]).toMatch(new RegExp(`/runbooks/${runbook.id}/$`));
});

test('a symptom finds a page that handles it', async ({ page }) => {
	const tree = [...model.trees.values()][0]!;
	await page.goto('');
	const results = await search(page, tree.symptom);
	expect(results.slice(0, 3).some((url) => url.endsWith(`/trees/${tree.id}/`))).toBe(true);
});

test('an exact alert name shows a jump to its runbook above the results, also when the dialog opens with Ctrl+K', async ({ page }) => {
	const entry = alerts.find((e) => runbookForAlert(model, e))!;
	const runbook = runbookForAlert(model, entry)!;
	await page.goto('');
	const input = page.locator('#starlight__search .pagefind-ui__search-input');
	await expect(input).toBeAttached();
	await page.keyboard.press('Control+k');
	await expect(page.locator('site-search dialog[open]')).toBeVisible();
	await input.fill(entry.alert.name);
	const jump = page.locator('#starlight__search .ob-exact a');
	await expect(jump).toHaveAttribute('href', new RegExp(`/runbooks/${runbook.id}/$`));
	await expect(jump).toContainText(`Runbook for alert ${entry.alert.name}`);
});

test('the search index loads before the first query: on the home page once it is idle, elsewhere when the pointer reaches the search button', async ({ page }) => {
	const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /\/pagefind\/pagefind\.js$/.test(new URL(entry.name).pathname)));
	await page.goto('');
	await expect.poll(loaded).toBe(true);

	const service = [...model.services.values()][0]!;
	await page.goto(`services/${service.id}/`);
	await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeAttached();
	expect(await loaded()).toBe(false);
	await page.locator('site-search button[data-open-modal]').hover();
	await expect.poll(loaded).toBe(true);
});
