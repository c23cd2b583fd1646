/**
 * Renders mermaid text to static SVG at build time with the official mermaid library, in one
 * headless Chromium for the whole build, in batches. Results are cached on disk by a hash of
 * (text, theme, mermaid version, renderer version), so an unchanged diagram is never rendered
 * twice; readers download no mermaid runtime.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { optimize } from 'svgo';
import { CHROMIUM_ARGS, findBrowser, NO_BROWSER_HELP } from '../lib/browser.ts';

/** Bump when the rendering options or post-processing change, to invalidate caches. */
const RENDERER_VERSION = '1';
const BATCH = 40;

export type Theme = 'light' | 'dark';
export const THEMES: Theme[] = ['light', 'dark'];

export interface RenderJob {
	key: string;
	text: string;
}

export interface RenderStats {
	rendered: number;
	reused: number;
	milliseconds: number;
}

export class DiagramError extends Error {}

const require = createRequire(import.meta.url);
const mermaidPath = require.resolve('mermaid/dist/mermaid.min.js');
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/** Colours follow Starlight's default palette so diagrams sit in the page in both themes. */
const THEME_CONFIG: Record<Theme, Record<string, unknown>> = {
	light: {
		theme: 'base',
		themeVariables: {
			background: '#ffffff',
			primaryColor: '#e7ecfd',
			primaryBorderColor: '#3b55c4',
			primaryTextColor: '#17181c',
			secondaryColor: '#f6f6f6',
			tertiaryColor: '#f4f5f7',
			lineColor: '#545861',
			clusterBkg: '#f4f5f8',
			clusterBorder: '#c0c2c7',
			edgeLabelBackground: '#ffffff',
			fontFamily: 'ui-sans-serif, system-ui, sans-serif',
		},
	},
	dark: {
		theme: 'base',
		themeVariables: {
			darkMode: true,
			background: '#17181c',
			primaryColor: '#1d2a5e',
			primaryBorderColor: '#8da2f5',
			primaryTextColor: '#eceef2',
			secondaryColor: '#23262f',
			tertiaryColor: '#23262f',
			lineColor: '#aeb2bb',
			clusterBkg: '#22252c',
			clusterBorder: '#545861',
			edgeLabelBackground: '#17181c',
			fontFamily: 'ui-sans-serif, system-ui, sans-serif',
		},
	},
};

export function cacheKey(text: string, theme: Theme): string {
	return createHash('sha256').update(`${RENDERER_VERSION}\0${mermaidVersion}\0${theme}\0${text}`).digest('hex').slice(0, 32);
}

/**
 * SVG for each job in each theme: `result.get(key).light`. Cache hits are read from disk;
 * the rest are rendered together in one browser.
 */
export async function renderDiagrams(
	jobs: RenderJob[],
	cacheDir: string,
): Promise<{ svgs: Map<string, Record<Theme, string>>; stats: RenderStats }> {
	const started = performance.now();
	mkdirSync(cacheDir, { recursive: true });
	const svgs = new Map<string, Record<Theme, string>>();
	const todo: { key: string; theme: Theme; text: string; hash: string }[] = [];
	let reused = 0;
	for (const job of jobs) {
		const entry = {} as Record<Theme, string>;
		for (const theme of THEMES) {
			const hash = cacheKey(job.text, theme);
			const file = join(cacheDir, `${hash}.svg`);
			if (existsSync(file)) {
				entry[theme] = readFileSync(file, 'utf8');
				reused++;
			} else todo.push({ key: job.key, theme, text: job.text, hash });
		}
		svgs.set(job.key, entry);
	}
	// Two jobs with the same text share one rendering.
	const unique = [...new Map(todo.map((t) => [t.hash, t])).values()];
	if (unique.length) {
		const rendered = await renderInBrowser(unique);
		for (const item of todo) {
			const svg = rendered.get(item.hash)!;
			svgs.get(item.key)![item.theme] = svg;
		}
		for (const [hash, svg] of rendered) writeFileSync(join(cacheDir, `${hash}.svg`), svg);
	}
	return { svgs, stats: { rendered: unique.length, reused, milliseconds: performance.now() - started } };
}

async function renderInBrowser(items: { key: string; theme: Theme; text: string; hash: string }[]): Promise<Map<string, string>> {
	const browser = findBrowser();
	if (!browser.found) throw new DiagramError(`Cannot render diagrams: ${NO_BROWSER_HELP}`);
	const { chromium } = await import('playwright-core');
	const instance = await chromium.launch({ executablePath: browser.executablePath, args: CHROMIUM_ARGS });
	try {
		const page = await instance.newPage();
		await page.setContent('<!doctype html><html><body></body></html>');
		await page.addScriptTag({ path: mermaidPath });
		const out = new Map<string, string>();
		const failures: string[] = [];
		for (let i = 0; i < items.length; i += BATCH) {
			const batch = items.slice(i, i + BATCH).map((item) => ({ ...item, config: THEME_CONFIG[item.theme] }));
			const results = await page.evaluate(async (jobs) => {
				const mermaid = (window as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
				const done: { hash: string; svg?: string; error?: string }[] = [];
				for (const job of jobs) {
					mermaid.initialize({ startOnLoad: false, securityLevel: 'loose', flowchart: { htmlLabels: false, useMaxWidth: true }, ...job.config });
					try {
						const { svg } = await mermaid.render(`d${job.hash.slice(0, 12)}`, job.text);
						done.push({ hash: job.hash, svg });
					} catch (error) {
						done.push({ hash: job.hash, error: String((error as Error)?.message ?? error) });
					}
				}
				return done;
			}, batch);
			for (const result of results) {
				const item = batch.find((b) => b.hash === result.hash)!;
				if (result.svg) out.set(result.hash, optimise(result.svg));
				else failures.push(`${item.key}: ${result.error?.split('\n').slice(0, 3).join(' ')}`);
			}
		}
		if (failures.length) throw new DiagramError(`Mermaid could not render ${failures.length} diagram(s):\n${failures.join('\n')}`);
		return out;
	} finally {
		await instance.close();
	}
}

/** svgo with the settings that keep mermaid's scoped styles and the viewBox working. */
export function optimise(svg: string): string {
	return optimize(svg, {
		multipass: true,
		plugins: [
			{
				name: 'preset-default',
				params: { overrides: { cleanupIds: false, inlineStyles: false, minifyStyles: false, convertShapeToPath: false, removeUnknownsAndDefaults: false } },
			},
		],
	}).data;
}
