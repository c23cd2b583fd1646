/**
 * Starlight route middleware, on every page:
 * - route data Starlight writes as HTML although it comes from the model is made text
 *   (route-escapes.ts: the `<title>`, a Markdown guide's banner);
 * - Starlight gives every sidebar link a trailing slash (trailingSlash: 'always'), which turns
 *   the link to the catalog.json file into `catalog.json/`: `astro preview` forgives that, a
 *   static host (GitHub Pages) answers 404. Links to files keep their exact path here.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import config from 'virtual:opsbook/config';
import { escapeBanner, escapeHeadText } from './route-escapes.ts';

type Entry = StarlightRouteData['sidebar'][number];
const FILE = /\.(json|xml|txt|ya?ml|mmd)\/$/i;

function keepFilePaths(entries: Entry[]) {
	for (const entry of entries) {
		if (entry.type === 'group') keepFilePaths(entry.entries);
		else if (FILE.test(entry.href)) entry.href = entry.href.slice(0, -1);
	}
}

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	keepFilePaths(route.sidebar);
	escapeHeadText(route.head);
	route.entry = escapeBanner(route.entry, config.guides === 'mdx');
});
