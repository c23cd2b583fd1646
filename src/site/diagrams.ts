/**
 * All diagrams of the site, rendered once per build in one batch before pages need them.
 * Pages await `siteDiagram(key)`; the first call renders everything (cache hits are free).
 */
import { join } from 'node:path';
import { currentConfig } from '../config/index.ts';
import type { Diagram } from '../diagrams/mermaid.ts';
import { renderDiagrams } from '../diagrams/render.ts';
import { loadedSiteData } from './model.ts';
import { noteInput } from './page-inputs.ts';
import { siteDiagramList } from './published.ts';

export interface RenderedDiagram extends Diagram {
	/** One SVG for both themes: its colours are CSS variables. */
	svg: string;
}

// Under the config's cacheDir (the benchmark points OPSBOOK_CACHE elsewhere to measure cold rendering).
const cacheDir = () => join(currentConfig().cacheDir, 'diagrams');
let pending: { model: unknown; diagrams: Promise<Map<string, RenderedDiagram>> } | undefined;

export function siteDiagrams(): Promise<Map<string, RenderedDiagram>> {
	// All diagrams at once, from the model as loaded: each page notes the one it shows (siteDiagram).
	const { model } = loadedSiteData();
	// Re-render only when the model object changed (dev reloads it; a build loads it once).
	if (pending?.model !== model) {
		pending = { model, diagrams: render() };
	}
	return pending.diagrams;

	async function render() {
		const diagrams = siteDiagramList(model);
		const { svgs, stats } = await renderDiagrams(diagrams, cacheDir());
		console.log(`\n[opsbook] diagrams: ${stats.rendered} rendered, ${stats.reused} reused from cache (${(stats.milliseconds / 1000).toFixed(1)} s)`);
		return new Map(diagrams.map((d) => [d.key, { ...d, svg: svgs.get(d.key)! }]));
	}
}

export async function siteDiagram(key: string): Promise<RenderedDiagram | undefined> {
	noteInput('diagram', key);
	return (await siteDiagrams()).get(key);
}
