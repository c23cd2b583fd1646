/** Diagrams are static SVG: visible in light and dark mode, no mermaid runtime, no console errors. */
import { expect, test } from '@playwright/test';
import { modelOf } from './model.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);
const pages = [
	['architecture', 'architecture/'],
	['system', `systems/${[...model.systems.keys()][0]}/`],
	['service', `services/${[...model.services.keys()][0]}/`],
	['tree', `trees/${[...model.trees.keys()][0]}/`],
];

for (const theme of ['light', 'dark'] as const) {
	for (const [name, path] of pages) {
		test(`${name} page shows its diagram in ${theme} mode without a mermaid runtime`, async ({ page }) => {
			const errors: string[] = [];
			const scripts: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
			page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
			await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
			await page.goto(path!);
			await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
			const svg = page.locator('figure.ob-diagram svg').first();
			await expect(svg).toBeVisible();
			const box = await svg.boundingBox();
			expect(box!.width).toBeGreaterThan(100);
			// No label shows an escaped entity as text (mermaid once double-escaped quotes on edges).
			expect((await svg.locator('text').allTextContents()).join(' | ')).not.toMatch(/&(?:quot|amp|lt|gt|#\d+);/);
			// Text in the diagram takes its colour from the theme: dark text on light, light on dark.
			const fill = await svg.locator('text, .nodeLabel, tspan').first().evaluate((node) => getComputedStyle(node).fill);
			const [r, g, b] = fill.match(/\d+/g)!.map(Number);
			const luminance = (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
			if (theme === 'light') expect(luminance).toBeLessThan(0.5);
			else expect(luminance).toBeGreaterThan(0.5);
			await expect(page.locator('figure.ob-diagram figcaption').first()).not.toBeEmpty();
			expect(scripts.filter((url) => /mermaid/i.test(url))).toEqual([]);
			expect(await page.evaluate(() => 'mermaid' in window)).toBe(false);
			expect(errors).toEqual([]);
			// The diagram itself, for a person to look at (it is often below the fold).
			await page.locator('figure.ob-diagram').first().screenshot({ path: `test-results/diagram-${name}-${theme}.png` });
		});
	}
}
