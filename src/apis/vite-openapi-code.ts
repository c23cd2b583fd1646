/**
 * A Vite plugin that hands starlight-openapi's components openapi-components.mjs when they import
 * Starlight's components: the same components, with the cached <Code> (CodeBlock.astro).
 * Highlighting examples and request samples is most of an API operation page's build time.
 */
import { fileURLToPath } from 'node:url';

const components = fileURLToPath(new URL('./openapi-components.mjs', import.meta.url));
const IMPORTERS = /[\\/]starlight-openapi[\\/]components[\\/].*\.astro(?:\?.*)?$/;

export function openapiCode() {
	return {
		name: 'opsbook:openapi-code',
		enforce: 'pre' as const,
		resolveId(source: string, importer: string | undefined) {
			if (source === '@astrojs/starlight/components' && importer && IMPORTERS.test(importer)) return components;
			return null;
		},
	};
}
