/**
 * A Vite plugin that lets src/components/CodeBlock.astro reach the per-page block counter of
 * Expressive Code's `<Code>` (astro-expressive-code/components/page-data.ts, which the package
 * does not export). `<Code>` adds the page's stylesheet and script links to the block it counts
 * as first; when that block comes from the code cache, CodeBlock counts it there, so no later
 * `<Code>` on the page adds the links a second time.
 */
import { dirname, join } from 'node:path';

export const EC_PAGE_DATA = 'virtual:opsbook/ec-page-data';

type Resolve = (source: string, importer?: string, options?: { skipSelf?: boolean }) => Promise<{ id: string } | null>;

export function ecPageData() {
	return {
		name: 'opsbook:ec-page-data',
		enforce: 'pre' as const,
		async resolveId(this: { resolve: Resolve }, source: string, importer: string | undefined) {
			if (source !== EC_PAGE_DATA) return null;
			// From Starlight's components, whose <Code> is the one CodeBlock wraps.
			const starlight = await this.resolve('@astrojs/starlight/components', importer, { skipSelf: true });
			const components = starlight && (await this.resolve('astro-expressive-code/components', starlight.id, { skipSelf: true }));
			return components ? join(dirname(components.id), 'page-data.ts') : null;
		},
	};
}
