// Opsbook is TypeScript, run by Node's own type stripping. Node will not strip types inside
// node_modules, which is where a team's repository has Opsbook installed; so when this package
// is there, its own .ts files are compiled by esbuild as Node loads them (transform only, as
// Vite does for the pages; the same mechanism src/apis/load-openapi.ts uses for
// starlight-openapi). One source tree, no build step. The opsbook binary imports this file
// first and starts its child processes with `--import` of it.
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url).href;
const installed = root.includes('/node_modules/');

if (installed) {
	registerHooks({
		load(url, context, next) {
			// Only Opsbook's own files: not its dependencies, wherever npm put them.
			if (!url.startsWith(root) || !url.endsWith('.ts') || url.slice(root.length).includes('node_modules/')) return next(url, context);
			const file = fileURLToPath(url);
			const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', sourcefile: file });
			return { format: 'module', source: code, shortCircuit: true };
		},
	});
}

/** The Node flags a child process needs to load Opsbook the same way. */
export const childFlags = installed ? ['--import', import.meta.url] : [];
