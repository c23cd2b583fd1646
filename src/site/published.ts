/**
 * Plain-text files published beside the pages: the YAML each page was generated from
 * (`source/<file>`, linked as "Generated from") and the mermaid source of each diagram
 * (`diagrams/<key>.mmd`, linked as "Mermaid source").
 *
 * A build writes them straight into the output (publish.ts): as Astro routes they cost about
 * 1 ms each, 1.6 s of a 200-service build for files that need no rendering. The dev server
 * serves the same list through routes (routes/).
 */
import { allDiagrams, type Diagram } from '../diagrams/mermaid.ts';
import type { LoadResult } from '../load/index.ts';
import { definitionPath, type Model } from '../model/index.ts';

export interface PublishedFile {
	/** Path under the site root, e.g. `source/services/api.yaml`. */
	path: string;
	text: string;
}

/** Every diagram of the site; a tree's nodes link to their section on the tree page. */
export function siteDiagramList(model: Model): Diagram[] {
	return allDiagrams(model, (_tree, node) => `#node-${node}`);
}

/** The model files pages were generated from, relative to the model folder; and the API definitions that get no pages of their own. */
export function sourceFiles(model: Model): string[] {
	const entities = [...model.systems.values(), ...model.teams.values(), ...model.services.values(), ...model.runbooks.values(), ...model.trees.values(), ...model.reviews.values(), ...model.controls.values()];
	const definitions = [...model.services.values()].flatMap((service) => service.apis.filter((api) => api.type !== 'openapi').map((api) => definitionPath(api.spec)));
	return [...entities.map((e) => e.file), ...[model.security, model.incident, model.policy].flatMap((e) => (e ? [e.file] : [])), ...new Set(definitions)];
}

export function publishedFiles(result: Pick<LoadResult, 'model' | 'sourceText'>): PublishedFile[] {
	return [
		...sourceFiles(result.model).map((file) => ({ path: `source/${file}`, text: result.sourceText(file) ?? '' })),
		...siteDiagramList(result.model).map((d) => ({ path: `diagrams/${d.key}.mmd`, text: `${d.text}\n` })),
	];
}
