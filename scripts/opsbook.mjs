#!/usr/bin/env node
// The `opsbook` binary. Plain JavaScript so that any Node can read it and say what is needed:
// Opsbook is TypeScript run by Node's own type stripping (Node >= 22.18), and Astro needs
// Node >= 22.12.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
	console.error(
		[
			`opsbook needs Node.js 22.18 or newer; this is ${process.version}.`,
			'Either install a newer Node, or let npm bring one for this project:',
			'  npm install --save-dev node@24     (then run opsbook through npx or an npm script)',
		].join('\n'),
	);
	process.exit(1);
}
// Installed in node_modules, Node needs help to load TypeScript (see installed.mjs).
await import('./installed.mjs');
const { main } = await import('./opsbook.ts');
process.exitCode = main(process.argv.slice(2));
