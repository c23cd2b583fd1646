/**
 * A Vite plugin that hands starlight-openapi's components openapi-markdown.ts where they import
 * the package's own `libs/markdown` (which renders spec text as trusted HTML). Registered by
 * plugin.ts through an Astro integration, the way starlight-openapi registers its own Vite
 * plugin, so the swap is on whenever starlight-openapi is.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const openapi = realpathSync(dirname(createRequire(import.meta.url).resolve('starlight-openapi/package.json')));
/** starlight-openapi's module, without its extension (its imports leave it out). */
export const ORIGINAL = join(openapi, 'libs', 'markdown');
export const REPLACEMENT = fileURLToPath(new URL('./openapi-markdown.ts', import.meta.url));

export function openapiMarkdown() {
	return {
		name: 'opsbook:openapi-markdown',
		enforce: 'pre' as const,
		resolveId(source: string, importer: string | undefined) {
			if (!importer || !source.startsWith('.')) return null;
			const from = importer.replace(/[?#].*$/, '');
			if (!from.startsWith(openapi + sep)) return null;
			return resolve(dirname(from), source).replace(/\.ts$/, '') === ORIGINAL ? REPLACEMENT : null;
		},
	};
}

export function openapiMarkdownIntegration(): AstroIntegration {
	return {
		name: 'opsbook-openapi-markdown',
		hooks: { 'astro:config:setup': ({ updateConfig }) => void updateConfig({ vite: { plugins: [openapiMarkdown()] } }) },
	};
}
