import type { Page } from '@playwright/test';

/**
 * Collects, from now on, what a page must not have: console errors, uncaught exceptions and
 * requests that fail (a 404 asset, a broken fetch). A test expects the list to stay empty.
 */
export function watchConsole(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(message.text());
	});
	page.on('pageerror', (error) => problems.push(error.message));
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
	});
	return problems;
}
