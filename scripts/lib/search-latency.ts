/**
 * Search latency in Chromium on a built site: the time from a query being typed (the input
 * event) to the first result on screen, measured inside the page. The first query also loads
 * Pagefind's index, so it is reported apart from the rest.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser, NO_BROWSER_HELP } from '../../src/lib/browser.ts';
import { serve } from './measure.ts';

export interface Query {
	text: string;
	/** The path the first result should have (an alert's runbook), when there is one. */
	expect?: string;
}

export interface SearchFigures {
	/** The first query of the session, which loads Pagefind's index and WebAssembly. */
	firstMs: number;
	/** Median and slowest of the other queries, to the first full result. */
	medianMs: number;
	maxMs: number;
	/** Alert names answered by the exact-name index (the "jump to" link), median. */
	exactMedianMs?: number;
	/** Queries with an expected page whose first result (or exact link) was that page. */
	expectedFirst: number;
	expected: number;
}

export async function searchLatency(dist: string, queries: Query[]): Promise<SearchFigures> {
	const browserPath = findBrowser();
	if (!browserPath.found) throw new Error(NO_BROWSER_HELP);
	const { url, server } = await serve(dist);
	const browser = await chromium.launch({ executablePath: browserPath.executablePath, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		await page.goto(url);
		await page.locator('site-search button[data-open-modal]').click();
		await page.locator('#starlight__search .pagefind-ui__search-input').waitFor();
		const timings: number[] = [];
		const exact: number[] = [];
		let expectedFirst = 0;
		for (const query of queries) {
			const result = await page.evaluate(typeAndWait, query.text);
			timings.push(result.ms);
			if (result.exactMs !== undefined) exact.push(result.exactMs);
			if (query.expect && (result.exactHref ?? result.firstHref)?.endsWith(query.expect)) expectedFirst++;
			// Clear the box so the next query starts from an empty result list.
			await page.evaluate(() => {
				const input = document.querySelector<HTMLInputElement>('#starlight__search .pagefind-ui__search-input')!;
				input.value = '';
				input.dispatchEvent(new Event('input', { bubbles: true }));
			});
			await page.waitForTimeout(400);
		}
		const rest = timings.slice(1).sort((a, b) => a - b);
		exact.sort((a, b) => a - b);
		return {
			firstMs: timings[0]!,
			medianMs: rest[Math.floor(rest.length / 2)]!,
			maxMs: rest.at(-1)!,
			...(exact.length ? { exactMedianMs: exact[Math.floor(exact.length / 2)]! } : {}),
			expectedFirst,
			expected: queries.filter((q) => q.expect).length,
		};
	} finally {
		await browser.close();
		server.close();
	}
}

/** Runs in the page: types the query and resolves when the first result of that query shows. */
function typeAndWait(query: string): Promise<{ ms: number; firstHref?: string; exactMs?: number; exactHref?: string }> {
	const root = document.querySelector('#starlight__search')!;
	const input = root.querySelector<HTMLInputElement>('.pagefind-ui__search-input')!;
	return new Promise((done) => {
		let exactMs: number | undefined;
		let exactHref: string | undefined;
		const started = performance.now();
		const poll = () => {
			const elapsed = performance.now() - started;
			// Opsbook's exact-name link (absent on a plain Starlight site).
			const jump = root.querySelector<HTMLAnchorElement>('.ob-exact:not([hidden]) a');
			if (jump && exactMs === undefined) {
				exactMs = elapsed;
				exactHref = jump.pathname;
			}
			const message = root.querySelector('.pagefind-ui__message')?.textContent ?? '';
			const first = root.querySelector<HTMLAnchorElement>('.pagefind-ui__result-link');
			if (message.includes(query) && first) {
				done({ ms: elapsed, firstHref: first.pathname, ...(exactMs !== undefined ? { exactMs, exactHref } : {}) });
				return;
			}
			if (elapsed > 10_000) {
				done({ ms: elapsed });
				return;
			}
			requestAnimationFrame(poll);
		};
		input.value = query;
		input.dispatchEvent(new Event('input', { bubbles: true }));
		poll();
	});
}
