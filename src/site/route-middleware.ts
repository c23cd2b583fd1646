/**
 * Starlight route middleware. Starlight gives every sidebar link a trailing slash
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

export const onRequest = defineRouteMiddleware((context) => {
	keepFilePaths(context.locals.starlightRoute.sidebar);
});
