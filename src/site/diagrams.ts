/**
 * All diagrams of the site, rendered once per build in one batch before pages need them.
 * Pages await `siteDiagram(key)`; the first call renders everything (cache hits are free).
 */
import { join } from 'node:path';
import type { Diagram } from '../diagrams/mermaid.ts';
import { renderDiagrams } from '../diagrams/render.ts';
import { siteData } from './model.ts';
import { siteDiagramList } from './published.ts';

export interface RenderedDiagram extends Diagram {
	/** One SVG for both themes: its colours are CSS variables. */
	svg: string;
}

// OPSBOOK_DIAGRAM_CACHE: another cache folder (the benchmark measures cold and warm rendering).
const CACHE = process.env.OPSBOOK_DIAGRAM_CACHE || join(process.cwd(), '.opsbook', 'cache', 'diagrams');
let pending: { model: unknown; diagrams: Promise<Map<string, RenderedDiagram>> } | undefined;

export function siteDiagrams(): Promise<Map<string, RenderedDiagram>> {
	const { model } = siteData();
	// Re-render only when the model object changed (dev reloads it; a build loads it once).
	if (pending?.model !== model) {
		pending = { model, diagrams: render() };
	}
	return pending.diagrams;

	async function render() {
		const diagrams = siteDiagramList(model);
		const { svgs, stats } = await renderDiagrams(diagrams, CACHE);
		console.log(`\n[opsbook] diagrams: ${stats.rendered} rendered, ${stats.reused} reused from cache (${(stats.milliseconds / 1000).toFixed(1)} s)`);
		return new Map(diagrams.map((d) => [d.key, { ...d, svg: svgs.get(d.key)! }]));
	}
}

export async function siteDiagram(key: string): Promise<RenderedDiagram | undefined> {
	return (await siteDiagrams()).get(key);
}
