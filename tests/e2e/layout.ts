import type { Page } from '@playwright/test';

/**
 * Everything in the content column that reaches past its right edge, except inside a scrolling
 * box that itself fits; and every box that scrolls sideways but cannot be reached by keyboard.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
	// Expressive Code makes a scrolling code block focusable from a script, a moment after load.
	await page.waitForFunction(() =>
		[...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
	);
	return page.evaluate(() => {
		const content = document.querySelector('.sl-markdown-content')!;
		const right = content.getBoundingClientRect().right + 1;
		const scrolls = (el: Element) => /auto|scroll|hidden/.test(getComputedStyle(el).overflowX);
		const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> “${(el.textContent ?? '').trim().slice(0, 50)}”`;
		const problems: string[] = [];
		if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
		for (const el of content.querySelectorAll('*')) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue;
			if (box.right > right) {
				let contained = false;
				for (let up = el.parentElement; up && up !== content; up = up.parentElement) {
					if (scrolls(up) && up.getBoundingClientRect().right <= right) {
						contained = true;
						break;
					}
				}
				if (!contained) problems.push(`${describe(el)} ends at ${Math.round(box.right)} px, past the column's ${Math.round(right - 1)} px`);
			}
			if (box.width > 1 && box.height > 1 && scrolls(el) && el.scrollWidth > el.clientWidth + 1 && (el as HTMLElement).tabIndex < 0 && !el.querySelector('a[href], button, [tabindex]')) {
				problems.push(`${describe(el)} scrolls sideways but cannot be focused`);
			}
		}
		return problems.slice(0, 10);
	});
}
