import { expect, type Page } from '@playwright/test';

/** Types a query into Starlight's search dialog and returns the result links in order. */
export async function search(page: Page, query: string): Promise<string[]> {
	const open = page.locator('site-search button[data-open-modal]');
	await expect(open).toBeEnabled();
	if (!(await page.locator('site-search dialog[open]').count())) await open.click();
	const input = page.locator('#starlight__search .pagefind-ui__search-input');
	await input.fill(query);
	const results = page.locator('#starlight__search .pagefind-ui__result-link');
	// Wait until the results belong to this query (the list re-renders after each keystroke)
	// and every result has loaded its fragment (until then a result is a placeholder).
	await expect(page.locator('#starlight__search .pagefind-ui__message')).toContainText(query, { timeout: 10_000 });
	await expect(results.first()).toBeVisible();
	await expect(page.locator('#starlight__search .pagefind-ui__result .pagefind-ui__loading')).toHaveCount(0);
	return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}
