/**
 * A preview built although the model has errors and gaps (tests/fixtures/errors-and-gaps with
 * allowGaps): every page says so, the stale runbook says "stale" in words, light and dark, wide
 * and narrow, and the pages still pass axe with no console errors.
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './console.ts';
import { seriousAxe } from './axe.ts';


for (const theme of ['light', 'dark'] as const) {
	for (const width of [1280, 375] as const) {
		test.describe(`${theme}, ${width} px`, () => {
			test.use({ viewport: { width, height: 800 } });
			test.beforeEach(async ({ page }) => {
				await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
			});

			test('the stale runbook says "stale" in words, on its page and on the continuity page', async ({ page }) => {
				const errors = watchConsole(page);
				await page.goto('runbooks/orders-db-restore/');
				await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
				const badge = page.locator('.ob-badges .ob-freshness');
				await expect(badge).toContainText('Tested 2025-01-10 — stale (window 180d)');
				await expect(badge).toHaveClass(/ob-caution/);
				await expect(badge).toBeVisible();
				await page.goto('continuity/');
				await expect(page.locator('#dr-runbooks ~ * tr', { has: page.getByRole('link', { name: 'Restore the orders database' }) })).toContainText('2025-01-10 — stale');
				expect(errors).toEqual([]);
			});

			test('every page says it is a preview of a model with errors', async ({ page }) => {
				for (const path of ['', 'services/checkout-api/', 'runbooks/checkout-api-down/', 'coverage/']) {
					await page.goto(path);
					const banner = page.locator('.ob-banner-gaps').first();
					await expect(banner).toContainText('Preview of a model with 2 errors: pages may be incomplete.');
					await expect(banner).toBeVisible();
				}
			});
		});
	}
}

test('the coverage page lists the gaps with their fixes, and passes axe', async ({ page }) => {
	const errors = watchConsole(page);
	await page.goto('coverage/');
	await expect(page.locator('#gaps ~ ul').first()).toContainText('no runbook of kind disaster-recovery lists checkout-api');
	await expect(page.locator('#gaps ~ ul').first()).toContainText('runbook orders-db-restore: the last test 2025-01-10 is 682 days old');
	expect(await seriousAxe(page)).toEqual([]);
	expect(errors).toEqual([]);
});

test('a service with a reference the model lacks still renders, and passes axe', async ({ page }) => {
	const errors = watchConsole(page);
	await page.goto('services/checkout-api/');
	await expect(page.locator('h1').first()).toContainText('Checkout');
	expect(await seriousAxe(page)).toEqual([]);
	expect(errors).toEqual([]);
});
