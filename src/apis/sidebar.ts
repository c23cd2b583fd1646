/**
 * Starlight route middleware (added by plugin.ts, after starlight-openapi's): an API's sidebar
 * group appears on that API's pages only, trimmed for large specs, and the overview pages get
 * a title that names the API or the tag (navigation.ts).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { escapeText } from '../lib/html.ts';
import { apiPageTitle, trimApiGroups, type Entry } from './navigation.ts';

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	const base = import.meta.env.BASE_URL;
	const title = apiPageTitle(route.sidebar as Entry[], context.url.pathname, base);
	if (title) {
		const old = route.entry.data.title;
		route.entry.data.title = title;
		// Starlight writes <title> with set:html and the site's middleware (src/site/route-middleware.ts,
		// before this one) escaped its text; the API name (model) and tag name (spec) are escaped too.
		for (const tag of route.head) if (tag.tag === 'title' && typeof tag.content === 'string') tag.content = tag.content.replace(escapeText(old), () => escapeText(title));
	}
	route.sidebar = trimApiGroups(route.sidebar as Entry[], context.url.pathname, base) as typeof route.sidebar;
});

