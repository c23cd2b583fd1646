/**
 * Starlight route middleware.
 *
 * Starlight writes every `<head>` entry with `set:html`, the `<title>` too, whose text is the
 * page title: a service name or a guide title from the untrusted model. A name such as
 * `</title><script>…` would close the title and run. The title's text is escaped here.
 *
 * Starlight gives every sidebar link a trailing slash
 * (trailingSlash: 'always'), which turns the link to the catalog.json file into
 * `catalog.json/`: `astro preview` forgives that, a static host (GitHub Pages) answers 404.
 * Links to files keep their exact path here.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';

type Entry = StarlightRouteData['sidebar'][number];
const FILE = /\.(json|xml|txt|ya?ml|mmd)\/$/i;

function keepFilePaths(entries: Entry[]) {
	for (const entry of entries) {
		if (entry.type === 'group') keepFilePaths(entry.entries);
		else if (FILE.test(entry.href)) entry.href = entry.href.slice(0, -1);
	}
}

/** The head with the text of `<title>` escaped (Starlight's other entries come from its config). */
export function escapeHeadText(head: StarlightRouteData['head']) {
	for (const entry of head) {
		if (entry.tag === 'title' && typeof entry.content === 'string') entry.content = escapeText(entry.content);
	}
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const onRequest = defineRouteMiddleware((context) => {
	keepFilePaths(context.locals.starlightRoute.sidebar);
	escapeHeadText(context.locals.starlightRoute.head);
});
