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

/** Bump when the rendering options or post-processing (in-browser.ts) change, to invalidate caches. */
const RENDERER_VERSION = '4';

export interface RenderJob {
	key: string;
	text: string;
}

export interface RenderStats {
	rendered: number;
	reused: number;
	milliseconds: number;
}

export class DiagramError extends Error {
	/** The diagrams that failed, by job key, so a caller can point at where each came from. */
	readonly failures: { key: string; message: string }[];
	constructor(message: string, failures: { key: string; message: string }[] = []) {
		super(message);
		this.failures = failures;
		// Read by the build's error report (another copy of this module may have thrown it).
		this.name = 'DiagramError';
	}
}

const require = createRequire(import.meta.url);
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

export function cacheKey(text: string): string {
	return createHash('sha256').update(`${RENDERER_VERSION}\0${mermaidVersion}\0${text}`).digest('hex').slice(0, 32);
}

/**
 * SVG for each job (`result.get(key)`). Cache hits are read from disk; the rest are rendered
 * together in one browser.
 */
export async function renderDiagrams(jobs: RenderJob[], cacheDir: string): Promise<{ svgs: Map<string, string>; stats: RenderStats }> {
	const started = performance.now();
	mkdirSync(cacheDir, { recursive: true });
	const svgs = new Map<string, string>();
	const todo = new Map<string, { key: string; text: string; hash: string }>();
	let reused = 0;
	for (const job of jobs) {
		const hash = cacheKey(job.text);
		const file = join(cacheDir, `${hash}.svg`);
		if (existsSync(file)) {
			svgs.set(job.key, readFileSync(file, 'utf8'));
			reused++;
		} else if (!todo.has(hash)) todo.set(hash, { key: job.key, text: job.text, hash });
	}
	if (todo.size) {
		// Chromium, Playwright, svgo and csso load only when something must be rendered: a warm
		// build never needs them (their start-up was ~0.4 s of a 50-service build).
		const { renderInBrowser } = await import('./in-browser.ts');
		const rendered = await renderInBrowser([...todo.values()]);
		for (const [hash, svg] of rendered) writeFileSync(join(cacheDir, `${hash}.svg`), svg);
		// Jobs with the same text share one rendering.
		for (const job of jobs) if (!svgs.has(job.key)) svgs.set(job.key, rendered.get(cacheKey(job.text))!);
	}
	return { svgs, stats: { rendered: todo.size, reused, milliseconds: performance.now() - started } };
}
