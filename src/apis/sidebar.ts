/**
 * Starlight route middleware (added by plugin.ts, after starlight-openapi's): an API's sidebar
 * group appears on that API's pages only, trimmed for large specs (navigation.ts).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { trimApiGroups, type Entry } from './navigation.ts';

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	route.sidebar = trimApiGroups(route.sidebar as Entry[], context.url.pathname, import.meta.env.BASE_URL) as typeof route.sidebar;
});
