/** axe-core on a settled page: the serious and critical violations, one line each. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Expressive Code makes a code block that scrolls sideways reachable by keyboard from a script,
 * after a ResizeObserver, a 250 ms debounce and an idle callback. axe run before that reports
 * "scrollable-region-focusable" on a page that is fine a moment later (a flaky failure seen in
 * CI), so wait until every scrolling block has its tabindex.
 */
async function codeBlocksSettled(page: Page) {
	await page.waitForFunction(() =>
		[...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
	);
}

export async function seriousAxe(page: Page): Promise<string[]> {
	await page.waitForLoadState('networkidle');
	await codeBlocksSettled(page);
	const axe = await new AxeBuilder({ page }).analyze();
	return axe.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
