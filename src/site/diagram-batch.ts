/**
 * All diagrams of the site rendered in one batch (cache hits are free; a browser starts only for
 * the new ones). One batch per model, process-wide: the build script starts it as soon as the
 * check has passed, so the browser renders what changed while Astro starts and bundles the site,
 * and the pages (diagrams.ts, a copy of this module bundled by Vite) await the same batch.
 */
import type { Diagram } from '../diagrams/mermaid.ts';
import { renderDiagrams } from '../diagrams/render.ts';
import type { Model } from '../model/index.ts';
import { siteDiagramList } from './published.ts';

export interface RenderedDiagram extends Diagram {
	/** One SVG for both themes: its colours are CSS variables. */
	svg: string;
}

const SLOT = Symbol.for('opsbook.diagram-batch');
type Slot = { [SLOT]?: { model: Model; diagrams: Promise<Map<string, RenderedDiagram>> } };

/** The batch of this model: started now, or the one already running or done. */
export function diagramBatch(model: Model, cacheDir: string): Promise<Map<string, RenderedDiagram>> {
	const slot = globalThis as Slot;
	// A new model object (the dev server reloads it) is a new batch; a build has one model.
	if (slot[SLOT]?.model !== model) {
		const diagrams = render(model, cacheDir);
		// Started ahead of the pages: a failure is theirs to report, not an unhandled rejection here.
		diagrams.catch(() => undefined);
		slot[SLOT] = { model, diagrams };
	}
	return slot[SLOT]!.diagrams;
}

async function render(model: Model, cacheDir: string): Promise<Map<string, RenderedDiagram>> {
	const diagrams = siteDiagramList(model);
	const { svgs, stats } = await renderDiagrams(diagrams, cacheDir);
	console.log(`\n[opsbook] diagrams: ${stats.rendered} rendered, ${stats.reused} reused from cache (${(stats.milliseconds / 1000).toFixed(1)} s)`);
	return new Map(diagrams.map((d) => [d.key, { ...d, svg: svgs.get(d.key)! }]));
}
