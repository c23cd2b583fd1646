/**
 * Markdown guides come from the model folder, which is untrusted (an MDX guide is code and is
 * only built when the repository opts in: src/load/guides.ts). For a `.md` guide this Sätteri
 * hast plugin (Astro's Markdown processor) runs before Starlight's own plugins and
 *   - shows raw HTML as the text it is (model text does the same: "raw HTML is not rendered"),
 *   - drops link and image targets outside the URL policy (src/lib/safe-url.ts): Markdown keeps
 *     `[x](javascript:…)` as written,
 *   - drops event-handler attributes (Markdown never makes one).
 * Only the nodes of the author's Markdown are visited, so Expressive Code's and Starlight's own
 * output, added later, is left as it is.
 */
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HastPluginEntry, PluginFactoryContext } from 'satteri';
import { isSafeUrl } from '../lib/safe-url.ts';

/** hast property names (camel-cased, as in hast) that hold a URL. */
export const URL_PROPERTIES = ['href', 'src', 'srcSet', 'action', 'formAction', 'poster', 'cite', 'background', 'xLinkHref', 'data', 'ping'];

/** The properties of one element to remove: unsafe URLs and event handlers. */
export function unsafeProperties(properties: Record<string, unknown> | undefined): string[] {
	if (!properties) return [];
	return Object.keys(properties).filter((name) => {
		if (/^on/i.test(name)) return true;
		if (!URL_PROPERTIES.includes(name)) return false;
		const value = properties[name];
		const values = Array.isArray(value) ? value.map(String) : [String(value)];
		return !values.every(isSafeUrl);
	});
}

/** For `markdown.processor: satteri({ hastPlugins: [untrustedGuides(modelRoot)] })`. */
export function untrustedGuides(modelRoot: string): HastPluginEntry {
	const guides = resolve(modelRoot, 'guides') + sep;
	return (context: PluginFactoryContext) => {
		const path = context.fileURL ? fileURLToPath(context.fileURL) : '';
		if (!(path.startsWith(guides) && path.endsWith('.md'))) return null;
		return {
			name: 'opsbook-untrusted-guides',
			// A text node is escaped when written out: `<script>` is shown, not run.
			raw: (node) => ({ type: 'text', value: node.value }),
			element: {
				filter: [],
				visit(node, ctx) {
					for (const name of unsafeProperties(node.properties as Record<string, unknown>)) ctx.setProperty(node, name, undefined);
				},
			},
		};
	};
}
