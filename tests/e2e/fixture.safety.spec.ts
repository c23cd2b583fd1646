/** Model text is escaped: a <script> or an onerror handler in a description never runs. */
import { expect, test } from '@playwright/test';

test('a script in a model description is shown as text and never executes', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('services/checkout-api/');
	await expect(page.locator('#about ~ .ob-md')).toContainText('<script>');
	expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
	expect(await page.locator('.ob-md script, .ob-md img[onerror], .ob-md a[href^="javascript"]').count()).toBe(0);
	expect(errors).toEqual([]);
});
