/**
 * Loads starlight-openapi in Node. The package ships TypeScript sources, which Node refuses to
 * load from node_modules: Astro's native loading of astro.config.mjs failed on it, and Astro
 * then loaded the whole config again through a Vite server, ~0.7 s of every build and dev
 * start. Two module hooks let Node load that one package: its `.ts` files are compiled by
 * esbuild (transform only, as Vite would), and its extension-less relative imports resolve to
 * them. Everything else loads as before.
 */
import { transformSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StarlightOpenAPI } from './plugin.ts';

const entry = createRequire(import.meta.url).resolve('starlight-openapi/package.json');
const folder = pathToFileURL(`${dirname(entry)}/`).href;
const REGISTERED = Symbol.for('opsbook.starlight-openapi-hooks');

export async function loadStarlightOpenAPI(): Promise<StarlightOpenAPI> {
	const slot = globalThis as { [REGISTERED]?: boolean };
	// The dev server reloads the config on changes: hooks are registered once per process.
	if (!slot[REGISTERED]) {
		slot[REGISTERED] = true;
		registerHooks({
			resolve(specifier, context, next) {
				if (context.parentURL?.startsWith(folder) && /^\.\.?\//.test(specifier) && !/\.[cm]?[jt]sx?$/.test(specifier)) {
					const url = new URL(`${specifier}.ts`, context.parentURL);
					if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
				}
				return next(specifier, context);
			},
			load(url, context, next) {
				if (!url.startsWith(folder) || !url.endsWith('.ts')) return next(url, context);
				const file = fileURLToPath(url);
				const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', sourcefile: file });
				return { format: 'module', source: code, shortCircuit: true };
			},
		});
	}
	return (await import(new URL('index.ts', folder).href)) as StarlightOpenAPI;
}
