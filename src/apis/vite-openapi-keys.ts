/**
 * A Vite plugin that gives starlight-openapi's pages cache keys, so an incremental build restores
 * them like the model's own pages (src/site/page-inputs.ts) instead of rendering every API page
 * again (about 7 ms each; a third of a one-service rebuild at 1,000 services). Its route lists its
 * pages with `getSchemaStaticPaths()`; the patch hands that list to `keyedApiPaths`.
 *
 * The specs themselves are in the route's code (starlight-openapi's virtual module of schemas),
 * which Astro hashes: a changed spec renders its pages again without a key saying so. What the
 * key covers is the page and what it read from the model (ApiPageTitle: the service exposing it).
 */
import { fileURLToPath } from 'node:url';

export const ROUTE = /[\\/]starlight-openapi[\\/]routes[\\/]static[\\/]index\.astro$/;
/** The route's getStaticPaths, as written and as Astro compiles it (Astro's own plugin runs first). */
export const DECLARATION = /export function getStaticPaths\(\)\s*\{\s*return getSchemaStaticPaths\(\);?\s*\}/;
const keyedPaths = fileURLToPath(new URL('./keyed-paths.ts', import.meta.url));

/** The route's source with keyed paths, or undefined when it no longer has the expected shape. */
export function keyOpenapiRoute(code: string): string | undefined {
	if (!DECLARATION.test(code)) return undefined;
	const keyed = code.replace(DECLARATION, 'export function getStaticPaths({ routePattern }) {\n\treturn keyedApiPaths(routePattern, getSchemaStaticPaths());\n}');
	return `import { keyedApiPaths } from ${JSON.stringify(keyedPaths)};\n${keyed}`;
}

export function openapiKeys() {
	return {
		name: 'opsbook:openapi-keys',
		enforce: 'pre' as const,
		transform(code: string, id: string) {
			if (!ROUTE.test(id)) return null;
			const keyed = keyOpenapiRoute(code);
			return keyed === undefined ? null : { code: keyed, map: null };
		},
	};
}
