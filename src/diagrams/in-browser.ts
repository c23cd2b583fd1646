/**
 * The rendering itself: mermaid in one headless Chromium, in batches, then svgo and the theme
 * variables. Loaded by render.ts only when a diagram is not in the cache.
 */
import { createRequire } from 'node:module';
import { minify } from 'csso';
import { optimize, type CustomPlugin, type XastElement, type XastParent } from 'svgo';
import { CHROMIUM_ARGS, findBrowser, NO_BROWSER_HELP } from '../lib/browser.ts';
import { DiagramError } from './render.ts';

const BATCH = 20;
const mermaidPath = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/**
 * Diagrams are rendered once, with sentinel colours that are then replaced by CSS variables
 * (`--ob-d-*`, defined for both of Starlight's themes in opsbook.css). One SVG serves light and
 * dark mode and follows the theme toggle; the fallback in each var() is the light colour.
 */
export const PALETTE = {
	background: { sentinel: '#fdfdf1', variable: '--ob-d-bg', light: '#ffffff', dark: '#17181c' },
	primaryColor: { sentinel: '#e7ecf1', variable: '--ob-d-fill', light: '#e7ecfd', dark: '#1d2a5e' },
	primaryBorderColor: { sentinel: '#3b55c1', variable: '--ob-d-border', light: '#3b55c4', dark: '#8da2f5' },
	primaryTextColor: { sentinel: '#171811', variable: '--ob-d-text', light: '#17181c', dark: '#eceef2' },
	secondaryColor: { sentinel: '#f6f6f1', variable: '--ob-d-fill-2', light: '#f6f6f6', dark: '#23262f' },
	tertiaryColor: { sentinel: '#f4f5f1', variable: '--ob-d-fill-3', light: '#f4f5f7', dark: '#23262f' },
	lineColor: { sentinel: '#545811', variable: '--ob-d-line', light: '#545861', dark: '#aeb2bb' },
	clusterBkg: { sentinel: '#f4f5f3', variable: '--ob-d-cluster', light: '#f4f5f8', dark: '#22252c' },
	clusterBorder: { sentinel: '#c0c2c1', variable: '--ob-d-cluster-border', light: '#c0c2c7', dark: '#545861' },
	edgeLabelBackground: { sentinel: '#fdfdf2', variable: '--ob-d-label-bg', light: '#ffffff', dark: '#17181c' },
	titleColor: { sentinel: '#171812', variable: '--ob-d-text', light: '#17181c', dark: '#eceef2' },
	nodeTextColor: { sentinel: '#171813', variable: '--ob-d-text', light: '#17181c', dark: '#eceef2' },
	textColor: { sentinel: '#171814', variable: '--ob-d-text', light: '#17181c', dark: '#eceef2' },
} as const;

const MERMAID_CONFIG = {
	theme: 'base',
	look: 'classic',
	themeVariables: {
		...Object.fromEntries(Object.entries(PALETTE).map(([name, colour]) => [name, colour.sentinel])),
		fontFamily: 'ui-sans-serif, system-ui, sans-serif',
	},
};

/** Replaces the sentinel colours by CSS variables. */
export function themeable(svg: string): string {
	for (const colour of Object.values(PALETTE)) {
		svg = svg.replace(new RegExp(colour.sentinel, 'gi'), `var(${colour.variable}, ${colour.light})`);
	}
	return svg;
}

export async function renderInBrowser(items: { key: string; text: string; hash: string }[]): Promise<Map<string, string>> {
	const browser = findBrowser();
	if (!browser.found) throw new DiagramError(`Cannot render diagrams: ${NO_BROWSER_HELP}`);
	const { chromium } = await import('playwright-core');
	const instance = await chromium.launch({ executablePath: browser.executablePath, args: CHROMIUM_ARGS });
	try {
		const page = await instance.newPage();
		await page.setContent('<!doctype html><html><body></body></html>');
		await page.addScriptTag({ path: mermaidPath });
		const out = new Map<string, string>();
		const failures: { key: string; message: string }[] = [];
		const batches: (typeof items)[] = [];
		for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
		const renderBatch = (batch: typeof items) =>
			page.evaluate(
				async ({ jobs, config }) => {
					const mermaid = (window as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
					mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false, useMaxWidth: true }, ...config });
					const done: { hash: string; svg?: string; error?: string }[] = [];
					for (const job of jobs) {
						try {
							const { svg } = await mermaid.render(`d${job.hash.slice(0, 12)}`, job.text);
							done.push({ hash: job.hash, svg });
						} catch (error) {
							done.push({ hash: job.hash, error: String((error as Error)?.message ?? error) });
						}
					}
					return done;
				},
				{ jobs: batch.map(({ hash, text }) => ({ hash, text })), config: MERMAID_CONFIG },
			);
		// Chromium renders the next batch while Node optimises this one: two cores, both busy.
		let pending = batches.length ? renderBatch(batches[0]!) : undefined;
		for (let b = 0; b < batches.length; b++) {
			const results = await pending!;
			pending = b + 1 < batches.length ? renderBatch(batches[b + 1]!) : undefined;
			for (const result of results) {
				// Yield before each (synchronous) svgo run: the request for the next batch is only
				// written to Chromium once the event loop turns, and without this Chromium sat idle
				// while Node optimised the whole batch.
				await new Promise((resume) => setImmediate(resume));
				const item = batches[b]!.find((candidate) => candidate.hash === result.hash)!;
				if (!result.svg) {
					failures.push({ key: item.key, message: result.error?.split('\n').slice(0, 3).join(' ') ?? 'no output' });
					continue;
				}
				try {
					out.set(result.hash, themeable(optimise(result.svg)));
				} catch (error) {
					// svgo parses mermaid's output as XML; HTML in a label (`<img>`) is not.
					failures.push({ key: item.key, message: `its output is not valid SVG (${String((error as Error).message ?? error).split('\n')[0]}); HTML in labels is not supported` });
				}
			}
		}
		if (failures.length) throw new DiagramError(`Mermaid could not render ${failures.length} diagram(s):\n${failures.map((f) => `${f.key}: ${f.message}`).join('\n')}`, failures);
		return out;
	} finally {
		await instance.close();
	}
}

/**
 * svgo, single pass (multipass cost ~3x the time for nothing more on these SVGs), keeping ids
 * (mermaid scopes its styles by the root id) and minifying the style block, which is two
 * thirds of the file.
 */
export function optimise(svg: string): string {
	// Mermaid writes xlink:href on node links without declaring the namespace.
	if (svg.includes('xlink:') && !svg.includes('xmlns:xlink')) svg = svg.replace('<svg ', '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ');
	// Mermaid's bookkeeping attributes (base64 edge points, ids for its own interactivity) are a
	// large share of the file and of svgo's parsing time; a static diagram needs none of them.
	svg = svg.replace(/ data-(?:points|id|et|edge|look|node|labelpos|lpos)="[^"]*"/g, '');
	return optimize(svg, {
		multipass: false,
		plugins: [
			// First, where svgo's own minifyStyles would run: the other plugins read the stylesheet
			// for every element, and an unminified one makes them ten times slower.
			memoisedMinifyStyles,
			// Defence in depth beside mermaid's strict mode: no script, event handler or javascript: link.
			'removeScripts',
			// removeHiddenElems computes every element's style against the stylesheet (three
			// quarters of the optimising time on a tree diagram) and finds nothing hidden in
			// mermaid's output: without it the SVGs are byte-identical and 2-4x faster to make.
			{
				name: 'preset-default',
				params: { overrides: { cleanupIds: false, inlineStyles: false, convertShapeToPath: false, removeUnknownsAndDefaults: false, minifyStyles: false, removeHiddenElems: false } },
			},
		],
	}).data;
}

/**
 * svgo's minifyStyles, remembering its results. Every mermaid diagram carries the same ~25 KB
 * stylesheet, differing only in the root id its selectors start with; csso minifying it again
 * for each diagram was most of the cold rendering time (over 100 ms a diagram, more than mermaid
 * itself). The cache key is the stylesheet with the id taken out and the tags and classes the
 * diagram uses (csso drops the rules nothing uses). Unlike svgo's plugin it does not prune by
 * id: the ids differ in every diagram and mermaid's rules all start with the root id anyway.
 */
const minified = new Map<string, string>();
const ROOT_ID = '#__opsbook_root__';
const memoisedMinifyStyles: CustomPlugin = {
	name: 'memoisedMinifyStyles',
	fn: () => {
		const tags = new Set<string>();
		const classes = new Set<string>();
		const styles: { node: XastElement; parent: XastParent }[] = [];
		let rootId = '';
		return {
			element: {
				enter: (node, parent) => {
					tags.add(node.name);
					if (node.name === 'svg' && !rootId) rootId = node.attributes.id ?? '';
					for (const name of node.attributes.class?.split(/\s+/) ?? []) if (name) classes.add(name);
					if (node.name === 'style' && node.children.length) styles.push({ node, parent });
				},
			},
			root: {
				exit: () => {
					const usage = { tags: [...tags].sort(), classes: [...classes].sort() };
					for (const { node, parent } of styles) {
						const text = node.children[0];
						if (!text || (text.type !== 'text' && text.type !== 'cdata')) continue;
						const css = rootId ? text.value.split(`#${rootId}`).join(ROOT_ID) : text.value;
						const key = `${css}\0${usage.tags.join(' ')}\0${usage.classes.join(' ')}`;
						let result = minified.get(key);
						if (result === undefined) {
							result = minify(css, { usage }).css;
							minified.set(key, result);
						}
						if (!result) {
							parent.children = parent.children.filter((child) => child !== node);
							continue;
						}
						text.value = rootId ? result.split(ROOT_ID).join(`#${rootId}`) : result;
						if (text.value.includes('<') || text.value.includes('>')) text.type = 'cdata';
					}
				},
			},
		};
	},
};
