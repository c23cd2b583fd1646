/**
 * Issue 15, in light and dark theme at 1280 and 375 px: nothing on a representative page is wider
 * than its column (a deliberately scrolling box may be, inside, if the box fits and is focusable),
 * the whole-tree flowchart's labels are readable (12 px or more), stale dates say "stale" in
 * words, the service summary is visible, the home page links to all critical alerts, a typed link
 * names its type once, and `code spans` in plain-text fields are <code>, never raw backticks.
 */
import { expect, test, type Page } from '@playwright/test';
import { layoutProblems } from './layout.ts';
import { judgementDay } from '../../src/coverage/today.ts';
import { alertSlug } from '../../src/site/alert-slug.ts';
import { seconds } from '../../src/lib/duration.ts';
import { runbookWindow, windowFor } from '../../src/model/policy.ts';
import type { Runbook, Service, Tree } from '../../src/model/index.ts';
import { modelOf } from './model.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);
// The day the build judged freshness on: its OPSBOOK_TODAY if any, else the policy's asOf.
const today = judgementDay(model.policy, process.env.OPSBOOK_TODAY).today;

/** Plain-text fields of a runbook that may hold `code spans` (not errors: those are quoted literally). */
const plainFields = (r: Runbook) => [r.summary, ...r.triggers.symptoms, ...r.prerequisites, ...r.access, ...r.verification, ...[...r.steps, ...r.rollback].flatMap((s) => [s.title, s.warning ?? ''])];
const codeSpan = /`([^`]*[^`\s][^`]*)`/;

// The pages that were reported: the service with the longest backup and HA texts, the runbook
// with the longest expected output (preferring one with code spans in its plain-text fields),
// the tree with the most checks.
const serviceScore = (s: Service) => JSON.stringify([s.recovery?.backup ?? '', s.environments]).length;
const service = [...model.services.values()].filter((s) => s.recovery?.backup && s.environments.length).sort((a, b) => serviceScore(b) - serviceScore(a))[0]!;
const expectedLength = (r: Runbook) => Math.max(0, ...[...r.steps, ...r.rollback].map((s) => s.expected?.length ?? 0));
const runbook = [...model.runbooks.values()]
	.filter((r) => expectedLength(r) > 0)
	.sort((a, b) => Number(plainFields(b).some((f) => codeSpan.test(f))) - Number(plainFields(a).some((f) => codeSpan.test(f))) || expectedLength(b) - expectedLength(a))[0]!;
const tree = [...model.trees.values()].sort((a, b) => b.nodes.length - a.nodes.length)[0]!;

const criticalAlerts = [...model.index.alerts.values()].flat().filter((entry) => entry.alert.severity === 'critical').length;
const HOME_SHOWS = 8;

/** Judged as the coverage gate does: by the window for the most critical service it is for. */
const tierOf = (item: { services: string[] }) => Math.min(4, ...item.services.map((id) => model.services.get(id)?.tier ?? 4));
function stale(date: string | undefined, window: string | undefined): boolean {
	if (!date || !window) return false;
	return (Date.parse(today) - Date.parse(date)) / 86_400_000 > seconds(window) / 86_400;
}
const runbookStale = (r: Runbook) => stale(r.lastTested, model.policy && runbookWindow(model.policy, r.kind, tierOf(r)));
const treeStale = (t: Tree) => stale(t.lastReviewed, model.policy && windowFor(model.policy.freshness.treeReview, tierOf(t)));

const pages = {
	home: '',
	service: `services/${service.id}/`,
	continuity: 'continuity/',
	runbook: `runbooks/${runbook.id}/`,
	tree: `trees/${tree.id}/`,
} as const;


/** Text in the content column, outside code, that still shows a `code span` as raw backticks. */
async function rawBackticks(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const content = document.querySelector('.sl-markdown-content')!;
		const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
		const raw: string[] = [];
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if (node.parentElement?.closest('code, pre, script, style, .expressive-code')) continue;
			if (/`[^`]*[^`\s][^`]*`/.test(node.textContent ?? '')) raw.push(node.textContent!.trim().slice(0, 80));
		}
		return raw;
	});
}

const themes = ['light', 'dark'] as const;
const widths = [1280, 375] as const;

for (const theme of themes) {
	for (const width of widths) {
		test.describe(`${theme} theme, ${width} px`, () => {
			test.use({ viewport: { width, height: 800 } });
			test.beforeEach(async ({ page }) => {
				await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
			});

			async function open(page: Page, path: string) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
			}

			test('coverage and an alert page fit their column', async ({ page }) => {
				for (const path of ['coverage/', `alerts/${alertSlug([...model.index.alerts.keys()][0]!)}/`]) {
					await open(page, path);
					expect(await layoutProblems(page), path).toEqual([]);
				}
			});

			test('home: fits its column and links to every critical alert', async ({ page }) => {
				await open(page, pages.home);
				expect(await layoutProblems(page)).toEqual([]);
				const entry = page.locator('.ob-entry-incident');
				if (criticalAlerts > HOME_SHOWS) {
					await expect(entry).toContainText(`and ${criticalAlerts - HOME_SHOWS} more`);
					const more = entry.locator('a.ob-more');
					await expect(more).toBeVisible();
					await expect(more).toHaveAttribute('href', /incidents\/#alerts$/);
					await expect(more).toContainText(`all ${criticalAlerts} critical alerts`);
				} else {
					await expect(entry.locator('a.ob-more')).toHaveCount(0);
				}
				expect(await rawBackticks(page)).toEqual([]);
			});

			test('service: summary visible, HA and backup tables fit, links name their type once', async ({ page }) => {
				await open(page, pages.service);
				const summary = page.locator('.ob-summary').first();
				await expect(summary).toBeVisible();
				await expect(summary).toHaveText(service.summary.replace(/`([^`]*[^`\s][^`]*)`/g, '$1').replace(/\s+/g, ' ').trim());
				const box = await summary.boundingBox();
				const title = await page.locator('h1').first().boundingBox();
				expect(box!.y - title!.y, 'the summary is at the top of the page').toBeLessThan(500);
				expect(await layoutProblems(page)).toEqual([]);
				for (const table of [page.locator('#environments ~ table').first(), page.locator('#recovery ~ table').first()]) {
					if ((await table.count()) === 0) continue;
					const content = await page.locator('.sl-markdown-content').boundingBox();
					const tableBox = await table.boundingBox();
					expect(tableBox!.x + tableBox!.width).toBeLessThanOrEqual(content!.x + content!.width + 1);
				}
				const links = await page.locator('.ob-links a').evaluateAll((as) => as.map((a) => a.textContent!.replace(/\s+/g, ' ').trim()));
				expect(links).toHaveLength(service.links.length);
				service.links.forEach((link, i) => expect(links[i]).toBe(link.title ? `${link.type} ${link.title}` : link.type));
				for (const text of links) expect(text, 'a link says its type twice').not.toMatch(/^(\S+) \1$/i);
				expect(await rawBackticks(page)).toEqual([]);
			});

			test('continuity: tables fit, and a stale runbook test says so in words', async ({ page }) => {
				await open(page, pages.continuity);
				expect(await layoutProblems(page)).toEqual([]);
				// Scrolling wrappers (narrow screens) are reachable by keyboard and named.
				for (const wrapper of await page.locator('.sl-markdown-content .ob-scroll.ob-wide').all()) {
					await expect(wrapper).toHaveAttribute('tabindex', '0');
					await expect(wrapper).toHaveAttribute('aria-label', /\S/);
				}
				const dr = [...model.runbooks.values()].filter((r) => r.kind === 'disaster-recovery');
				for (const r of dr) {
					const cell = page.locator('#dr-runbooks ~ * tr', { has: page.getByRole('link', { name: r.title, exact: true }) }).locator('td').last();
					if (!r.lastTested) await expect(cell).toContainText(/never/i);
					else if (runbookStale(r)) {
						await expect(cell).toContainText(`${r.lastTested} — stale`);
						await expect(cell.locator('.ob-caution')).toHaveCount(1);
					} else {
						await expect(cell).toHaveText(r.lastTested);
					}
				}
				expect(await rawBackticks(page)).toEqual([]);
			});

			test('runbook: expected output stays in its box, test date judged in words, code spans are code', async ({ page }) => {
				await open(page, pages.runbook);
				expect(await layoutProblems(page)).toEqual([]);
				const content = (await page.locator('.sl-markdown-content').boundingBox())!;
				for (const block of await page.locator('.ob-expected pre').all()) {
					const box = (await block.boundingBox())!;
					expect(box.x + box.width).toBeLessThanOrEqual(content.x + content.width + 1);
					// The text wraps or scrolls inside the box: nothing is drawn past it.
					expect(await block.evaluate((pre) => pre.scrollWidth <= pre.clientWidth + 1 || /auto|scroll/.test(getComputedStyle(pre).overflowX))).toBe(true);
				}
				await expect(page.locator('.ob-summary').first()).toBeVisible();
				const badge = page.locator('.ob-badges .ob-freshness');
				if (!runbook.lastTested) await expect(badge).toHaveText(/never tested/i);
				else if (runbookStale(runbook)) {
					await expect(badge).toContainText(`Tested ${runbook.lastTested} — stale (window`);
					await expect(badge).toHaveClass(/ob-caution/);
				} else {
					await expect(badge).toHaveText(`Tested ${runbook.lastTested}`);
					await expect(badge).not.toHaveClass(/ob-caution/);
				}
				for (const field of plainFields(runbook)) {
					const span = field.match(codeSpan)?.[1];
					if (span) await expect(page.locator('.sl-markdown-content code', { hasText: span }).first()).toBeAttached();
				}
				expect(await rawBackticks(page)).toEqual([]);
			});

			test('tree: the whole-tree flowchart is readable, in a box that scrolls by keyboard', async ({ page }) => {
				await open(page, pages.tree);
				expect(await layoutProblems(page)).toEqual([]);
				const box = page.locator('#flowchart ~ figure.ob-diagram .ob-diagram-svg').first();
				await expect(box).toHaveAttribute('tabindex', '0');
				await expect(box).toHaveAttribute('role', 'region');
				await expect(box).toHaveAttribute('aria-label', /\S/);
				const labels = await box.locator('svg').evaluate((svg: SVGSVGElement) => {
					const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
					return [...svg.querySelectorAll('text')]
						.filter((text) => text.textContent?.trim())
						.map((text) => {
							const lines = [...text.querySelectorAll('tspan')].filter((t) => t.textContent?.trim() && !t.querySelector('tspan'));
							const height = Math.min(...(lines.length ? lines : [text]).map((t) => t.getBoundingClientRect().height));
							return { text: text.textContent!.trim().slice(0, 40), size: parseFloat(getComputedStyle(text).fontSize) * scale, height };
						});
				});
				expect(labels.length).toBeGreaterThan(tree.nodes.length);
				const small = labels.filter((l) => l.size < 12 || l.height < 12);
				expect(small, 'labels under 12 px').toEqual([]);
				// The box scrolls with the keyboard when the flowchart is wider than the column.
				const scrollable = await box.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
				if (scrollable) {
					await box.focus();
					await page.keyboard.press('ArrowRight');
					await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
				}
				const reviewed = page.locator('.ob-facts .ob-freshness');
				if (!tree.lastReviewed) await expect(reviewed).toHaveText(/never/i);
				else if (treeStale(tree)) await expect(reviewed).toContainText(`${tree.lastReviewed} — stale (window`);
				else await expect(reviewed).toHaveText(tree.lastReviewed);
				expect(await rawBackticks(page)).toEqual([]);
			});
		});
	}
}
