import { expect, test } from '@playwright/test';
import { seriousAxe } from './axe.ts';
import { watchConsole } from './console.ts';

/** One test per page: it answers 200, shows its title, passes axe and logs no error. */
export function eachPageOpensCleanly(pages: readonly (readonly [name: string, path: string])[]): void {
	for (const [name, path] of pages) {
		test(`${name} page opens without console errors and passes axe`, async ({ page }) => {
			const problems = watchConsole(page);
			const response = await page.goto(path);
			expect(response?.status(), `${path} status`).toBe(200);
			await expect(page.locator('h1').first()).toBeVisible();
			expect(await seriousAxe(page), `axe on ${path}`).toEqual([]);
			expect(problems, `console on ${path}`).toEqual([]);
		});
	}
}
