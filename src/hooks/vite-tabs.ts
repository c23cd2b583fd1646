/**
 * A Vite plugin that gives Starlight's `<Tabs>` and `<TabItem>` the panel processor of
 * ./tabs-processor.ts (same output, without re-parsing nested panels; see there for why).
 */
import { fileURLToPath } from 'node:url';

const processor = fileURLToPath(new URL('./tabs-processor.ts', import.meta.url));
/** The two Starlight components that import `./tabs-processor`. */
const IMPORTERS = /[\\/]@astrojs[\\/]starlight[\\/](?:.*[\\/])?user-components[\\/]Tab(?:s|Item)\.astro(?:\?.*)?$/;

export function tabsProcessor() {
	return {
		name: 'opsbook:tabs-processor',
		enforce: 'pre' as const,
		resolveId(source: string, importer: string | undefined) {
			if (importer && IMPORTERS.test(importer) && /^\.\/tabs-processor(?:\.js)?$/.test(source)) return processor;
			return null;
		},
	};
}
