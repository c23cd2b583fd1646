/**
 * The site's diagrams for the pages: one batch per build (diagram-batch.ts), which the build
 * script has usually started already. Each page notes the diagram it shows as one of its inputs.
 */
import { join } from 'node:path';
import { currentConfig } from '../config/index.ts';
import { diagramBatch, type RenderedDiagram } from './diagram-batch.ts';
import { loadedSiteData } from './model.ts';
import { noteInput } from './page-inputs.ts';

export type { RenderedDiagram } from './diagram-batch.ts';

/** Under the config's cacheDir (the benchmark points OPSBOOK_CACHE elsewhere to measure cold rendering). */
export const diagramCacheDir = () => join(currentConfig().cacheDir, 'diagrams');

export function siteDiagrams(): Promise<Map<string, RenderedDiagram>> {
	// From the model as loaded: a batch is no page's read; each page notes its own diagram.
	return diagramBatch(loadedSiteData().model, diagramCacheDir());
}

export async function siteDiagram(key: string): Promise<RenderedDiagram | undefined> {
	noteInput('diagram', key);
	return (await siteDiagrams()).get(key);
}
