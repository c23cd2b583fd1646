/**
 * The Astro integration that publishes the plain-text files of published.ts: written into the
 * output when a build is done, served through a route by the dev server.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentRoot, loadModelForBuild } from '../load/index.ts';
import { publishedFiles } from './published.ts';

export function publishFiles(): AstroIntegration {
	return {
		name: 'opsbook-published-files',
		hooks: {
			'astro:config:setup': ({ command, injectRoute }) => {
				if (command !== 'dev') return;
				const entrypoint = fileURLToPath(new URL('./routes/published.ts', import.meta.url));
				for (const pattern of ['/source/[...file]', '/diagrams/[...key].mmd']) injectRoute({ pattern, entrypoint, prerender: true });
			},
			'astro:build:done': ({ dir, logger }) => {
				const started = performance.now();
				// The model passed the check before the build started (scripts/build.ts).
				const files = publishedFiles(loadModelForBuild(contentRoot([])));
				const out = fileURLToPath(dir);
				const folders = new Set(files.map((file) => dirname(join(out, file.path))));
				for (const folder of folders) mkdirSync(folder, { recursive: true });
				for (const file of files) writeFileSync(join(out, file.path), file.text);
				logger.info(`${files.length} source and diagram files in ${Math.round(performance.now() - started)} ms`);
			},
		},
	};
}
