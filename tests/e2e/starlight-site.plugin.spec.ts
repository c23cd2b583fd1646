/**
 * A team's existing Starlight site (tests/fixtures/starlight-site) adds the handbook with one
 * line, Opsbook's Starlight plugin: its own pages and sidebar stay, the handbook's pages, search
 * and sidebar groups come beside them.
 */
import { expect, test } from '@playwright/test';
import { seriousAxe } from './axe.ts';
import { search } from './search.ts';

test('the site keeps its own home page and docs', async ({ page }) => {
	await page.goto('');
	await expect(page.locator('h1').first()).toHaveText('Welcome to Acme docs');
	await page.goto('guides/deploying/');
	await expect(page.locator('h1').first()).toHaveText('Deploying');
});

test('the handbook pages are there, with the site\'s sidebar first and the handbook\'s groups after it', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('services/checkout-api/');
	await expect(page.locator('h1').first()).toContainText('Checkout API');
	const groups = await page.locator('#starlight__sidebar .group-label').allTextContents();
	expect(groups.map((g) => g.trim()).slice(0, 3)).toEqual(['Our docs', 'Start here', 'Catalog']);
	await page.locator('#starlight__sidebar a', { hasText: 'Runbooks' }).click();
	await expect(page).toHaveURL(/\/runbooks\/$/);
	await expect(page.locator('main a', { hasText: 'Checkout API is down' })).toBeVisible();
	await page.goto('apis/checkout/');
	await expect(page.locator('h1').first()).toContainText('Checkout API');
	expect(errors).toEqual([]);
});

test('search finds an alert\'s page and its runbook by the alert name, and the site\'s own pages alike', async ({ page }) => {
	await page.goto('');
	const results = await search(page, 'CheckoutApiDown');
	expect(results[0]).toBe('/alerts/CheckoutApiDown/');
	expect([...new Set(results)].slice(0, 3)).toContain('/runbooks/checkout-api-down/');
	expect(await search(page, 'merge to main')).toContain('/guides/deploying/');
});

test('a handbook page in the site passes axe', async ({ page }) => {
	await page.goto('services/checkout-api/');
	expect(await seriousAxe(page)).toEqual([]);
});
