/**
 * Tells page-inputs.ts which page is rendering, so what it reads is noted for that page
 * (incremental builds, incremental.ts). Added for `astro build` only.
 */
import { defineMiddleware } from 'astro:middleware';
import { beginPage, pageKey } from './page-inputs.ts';

export const onRequest = defineMiddleware((context, next) => {
	beginPage(pageKey(context.routePattern, context.params));
	return next();
});
