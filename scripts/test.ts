/**
 * `npm test`: every test runner in one command, ending with one line `N passed, N failed`.
 *   1. unit and build tests (node:test): tests/unit, tests/build
 *   2. end-to-end tests (Playwright, real Chromium) against sites built once here
 *
 *   npm test -- --unit-only | --e2e-only
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findBrowser, NO_BROWSER_HELP } from '../src/lib/browser.ts';
import { SITES } from '../tests/e2e/sites.ts';

const project = resolve(import.meta.dirname, '..');
const only = process.argv.includes('--unit-only') ? 'unit' : process.argv.includes('--e2e-only') ? 'e2e' : 'all';
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;

if (only !== 'e2e') await nodeTests();
if (only !== 'unit') await endToEnd();
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

/** node:test with the spec reporter, counting from its summary. */
async function nodeTests() {
	console.log('== unit and build tests (node:test)');
	const output = await run(process.execPath, ['--test', '--test-reporter=spec', 'tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts']);
	const pass = Number(/^ℹ pass (\d+)/m.exec(output)?.[1] ?? 0);
	const fail = Number(/^ℹ fail (\d+)/m.exec(output)?.[1] ?? 0);
	const cancelled = Number(/^ℹ cancelled (\d+)/m.exec(output)?.[1] ?? 0);
	passed += pass;
	failed += fail + cancelled;
	if (pass + fail === 0) failed += 1; // a runner that ran nothing is a failure, not a pass
}

async function endToEnd() {
	console.log('\n== end-to-end tests (Playwright)');
	const browser = findBrowser();
	if (!browser.found) {
		console.error(NO_BROWSER_HELP);
		failed += 1;
		return;
	}
	console.log(`browser: ${browser.description}`);
	for (const site of Object.values(SITES)) {
		console.log(`building the ${site.name} site (${site.content}, base ${site.base})`);
		const siteEnv: Record<string, string> = 'env' in site ? site.env : {};
		// A site of its own (the Starlight-plugin site) is built by Astro from its folder.
		const command = 'root' in site ? [join(project, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', site.root] : ['scripts/build.ts', '--out', site.out];
		const build = spawnSync(process.execPath, command, {
			cwd: project,
			// A site of its own sets its model folder and base in its config; only the output is ours.
			env: { ...env, ...siteEnv, ...('root' in site ? {} : { OPSBOOK_CONTENT: site.content, OPSBOOK_BASE: site.base }), OPSBOOK_OUT: resolve(project, site.out) },
			encoding: 'utf8',
		});
		if (build.status !== 0) {
			console.error(build.stdout.slice(-4000), build.stderr.slice(-4000));
			console.error(`The ${site.name} site did not build; its end-to-end tests cannot run.`);
			failed += 1;
			return;
		}
	}
	const results = join(project, '.opsbook/e2e/results.json');
	rmSync(results, { force: true });
	await run(process.execPath, [join(project, 'node_modules/@playwright/test/cli.js'), 'test']);
	if (!existsSync(results)) {
		failed += 1;
		return;
	}
	const stats = JSON.parse(readFileSync(results, 'utf8')).stats as { expected: number; unexpected: number; flaky: number };
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected;
	if (stats.expected + stats.unexpected + stats.flaky === 0) failed += 1;
}

/** Runs a command, streaming its output, and returns what it printed. */
function run(command: string, args: string[]): Promise<string> {
	return new Promise((done) => {
		const child = spawn(command, args, { cwd: project, env });
		let text = '';
		const take = (chunk: Buffer, stream: NodeJS.WriteStream) => {
			text += chunk.toString();
			stream.write(chunk);
		};
		child.stdout.on('data', (chunk: Buffer) => take(chunk, process.stdout));
		child.stderr.on('data', (chunk: Buffer) => take(chunk, process.stderr));
		child.on('close', () => done(text));
	});
}
