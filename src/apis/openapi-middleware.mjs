/**
 * starlight-openapi's route middleware, on API pages only. It builds the sidebar groups of
 * every API for every page of the site, and sidebar.ts then throws them away everywhere but
 * under `apis/<id>/` (1,113 pages with 7 APIs: ~0.3 s of a build; it grows with both). Elsewhere
 * its empty placeholder group is left for sidebar.ts to drop. plugin.ts registers this in place
 * of the original.
 *
 * JavaScript, not TypeScript: importing starlight-openapi from TypeScript would make the type
 * checker read its sources, which do not pass this project's strict check (astro.config.mjs
 * loads the package by URL for the same reason), and tsconfig.json leaves this file out.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { onRequest as openapi } from 'starlight-openapi/middleware';
import { isApiPage } from './navigation.ts';

export const onRequest = defineRouteMiddleware((context, next) => {
	if (isApiPage(context.url.pathname, import.meta.env.BASE_URL)) return openapi(context, next);
});
