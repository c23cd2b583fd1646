/**
 * The Astro integration for incremental builds (the `incremental` setting, on by default): Astro's
 * `experimental.incrementalBuild` restores a page whose cacheKey did not change, and page-inputs.ts
 * gives each page of the model a cacheKey from what it read the last time it was rendered.
 *
 * A page is rendered again when anything it read changed, when its route's code or any module it
 * imports changed, when Astro's config or the lock file changed (Astro starts over), or with
 * `npm run build -- --full`. Static pages (the indexes, coverage, architecture) and the guides
 * are rendered every time; the Pagefind index is built over every page, restored or not.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../config/index.ts';
import { startTracking, writeRecord } from './page-inputs.ts';

/** Beside Astro's own manifest (`incremental-build.json`) in Astro's cacheDir. */
export const RECORD_FILE = 'opsbook-pages.json';
/** There while a build renders pages; left behind by one that was stopped. */
const BUILDING = 'opsbook-building';

/**
 * Astro's cacheDir (content collections, and the pages an incremental build restores): one per
 * model folder, output folder and base, so builds of another model, or of the same one into
 * another folder or under another base, never mix (the tests build several at once).
 */
export function astroCacheDir(config: Pick<ResolvedConfig, 'contentDir' | 'outDir' | 'base' | 'cacheDir'>): string {
	const key = createHash('sha256').update([resolve(config.contentDir), resolve(config.outDir), config.base].join('\0')).digest('hex').slice(0, 12);
	return join(config.cacheDir, 'astro', key);
}

/**
 * After a failed build: Astro may have cached some pages it rendered before failing, under its
 * previous manifest's keys. Forgetting the manifest makes the next build a full one.
 */
export function forgetRenderedPages(config: Parameters<typeof astroCacheDir>[0]): void {
	rmSync(join(astroCacheDir(config), 'incremental-build.json'), { force: true });
}

export function incrementalPages(enabled: boolean): AstroIntegration {
	let record: string | undefined;
	return {
		name: 'opsbook-incremental',
		hooks: {
			'astro:config:setup': ({ command, addMiddleware, updateConfig }) => {
				if (command !== 'build' || !enabled) return;
				// Pages must render one at a time: the middleware's "current page" is the one rendering.
				updateConfig({ experimental: { incrementalBuild: true }, build: { concurrency: 1 } });
				addMiddleware({ entrypoint: fileURLToPath(new URL('./page-inputs-middleware.ts', import.meta.url)), order: 'pre' });
			},
			'astro:config:done': ({ config }) => {
				if (enabled && config.experimental.incrementalBuild) record = fileURLToPath(new URL(RECORD_FILE, config.cacheDir));
			},
			'astro:build:start': () => {
				if (!record) return;
				// Astro caches each page as it renders it but writes its manifest at the end: a build
				// stopped half-way (Ctrl+C) leaves pages newer than the keys they are filed under. Its
				// marker is still there, so this build starts over instead of trusting them.
				const marker = join(dirname(record), BUILDING);
				mkdirSync(dirname(record), { recursive: true });
				if (existsSync(marker)) rmSync(join(dirname(record), 'incremental-build.json'), { force: true });
				writeFileSync(marker, String(process.pid));
				startTracking(record);
			},
			'astro:build:generated': ({ logger }) => {
				const counts = writeRecord();
				if (record) rmSync(join(dirname(record), BUILDING), { force: true });
				if (counts) logger.info(`${counts.rendered} model page(s) rendered, ${counts.restored} unchanged and restored`);
			},
		},
	};
}
