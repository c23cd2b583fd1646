/**
 * The broken-model corpus: each folder in tests/fixtures/broken is a small model with one
 * problem (twenty-errors has twenty) and an expected.txt holding the exact diagnostics, errors
 * and warnings alike, formatted as `npm run check` prints them, with paths relative to the repo.
 * expected.txt itself sits in the model folder, so the warning about it is left out.
 *
 * To add a case: create the folder, run `npm run -s check -- --content tests/fixtures/broken/NAME`
 * from the repo root, check every line is right, and copy the diagnostic lines into expected.txt.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { fixtures, repoRoot } from './helpers.ts';

const broken = join(fixtures, 'broken');
const cases = readdirSync(broken, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

function expected(name: string): string[] {
	return readFileSync(join(broken, name, 'expected.txt'), 'utf8').split('\n').filter((line) => line !== '');
}

function actual(name: string) {
	const result = loadModel(join(broken, name), { cwd: repoRoot });
	const self = relative(repoRoot, join(broken, name, 'expected.txt'));
	const lines = result.diagnostics.filter((d) => d.file !== self).map(formatDiagnostic);
	return { result, lines };
}

describe('broken models: exact diagnostics', () => {
	for (const name of cases) {
		test(name, () => {
			const { result, lines } = actual(name);
			assert.deepEqual(lines, expected(name));
			assert.equal(result.ok, false, 'a broken model must not be ok');
		});
	}
});

describe('the corpus', () => {
	test('has at least 25 cases, each with expected.txt', () => {
		assert.ok(cases.length >= 25, `only ${cases.length} cases`);
		for (const name of cases) assert.ok(existsSync(join(broken, name, 'expected.txt')), `${name} has no expected.txt`);
	});
	test('every case but twenty-errors is exactly one problem', () => {
		for (const name of cases.filter((n) => n !== 'twenty-errors')) {
			assert.equal(expected(name).length, 1, `${name} should report one problem`);
			assert.ok(!expected(name)[0]!.includes('  warning: '), `${name} should fail with an error`);
		}
	});
	test('every expected line points into its own folder, at a file that exists', () => {
		for (const name of cases) {
			for (const line of expected(name)) {
				const file = line.slice(0, line.indexOf(':'));
				assert.ok(file.startsWith(`tests/fixtures/broken/${name}/`), `${name}: ${line}`);
				assert.ok(existsSync(join(repoRoot, file)), `${name}: ${file} does not exist`);
			}
		}
	});
	test('twenty independent errors across several files are all reported in one run', () => {
		const { lines } = actual('twenty-errors');
		assert.equal(lines.length, 20);
		assert.ok(lines.every((line) => !line.includes('  warning: ')));
		const files = new Set(lines.map((line) => line.slice(0, line.indexOf(':'))));
		assert.ok(files.size >= 6, `only ${files.size} files`);
	});
});

describe('a file larger than 1 MB', () => {
	const root = mkdtempSync(join(tmpdir(), 'opsbook-huge-'));
	after(() => rmSync(root, { recursive: true, force: true }));
	mkdirSync(join(root, 'teams'));
	// A valid team whose description pads it past the limit: only the size is wrong.
	writeFileSync(join(root, 'teams', 'platform.yaml'), `id: platform\nname: Platform\nchat:\n  channel: "#platform"\ndescription: |\n${'  Lorem ipsum dolor sit amet.\n'.repeat(40000)}`);

	test('is refused with one message', () => {
		const result = loadModel(root, { cwd: root });
		assert.deepEqual(result.diagnostics.map(formatDiagnostic), [
			'teams/platform.yaml:1:1  (file)  file is 1.1 MB; model files are limited to 1 MB — split it into one file per entity',
		]);
		assert.equal(result.ok, false);
	});

	test('makes the check command exit 1 without a stack trace', () => {
		const run = check(root);
		assert.equal(run.status, 1);
		assert.match(run.stdout, /file is 1\.1 MB/);
		assert.doesNotMatch(run.stdout + run.stderr, /^\s+at /m);
	});
});

function check(content: string, ...args: string[]) {
	const run = spawnSync(process.execPath, ['scripts/check.ts', '--content', content, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30000 });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the check command on broken models', () => {
	const hostile = ['alias-bomb', 'deep-flow-nesting', 'deep-nesting', 'non-utf8', 'yaml-syntax-error', 'top-level-list', 'spec-path-escape', 'twenty-errors'];
	for (const name of hostile) {
		test(`${name}: exits 1, prints the diagnostics, no stack trace`, () => {
			const run = check(join('tests', 'fixtures', 'broken', name));
			assert.equal(run.status, 1, run.stderr);
			for (const line of expected(name)) assert.ok(run.stdout.includes(`${line}\n`), `missing from the output: ${line}`);
			assert.doesNotMatch(run.stdout + run.stderr, /^\s+at /m);
			assert.equal(run.stderr, '');
			assert.match(run.stdout, /^✖ \d+ errors?, /m);
		});
	}

	test('the good fixture passes with 0 errors and 0 gaps', () => {
		const run = check(join('tests', 'fixtures', 'good', 'minimal'), '--today', '2026-11-23');
		assert.equal(run.status, 0, run.stdout);
		assert.match(run.stdout, /^✔ 0 errors, 0 warnings, 0 coverage gaps — /m);
		assert.equal(run.stderr, '');
	});

	test('a missing model folder exits 1 without a stack trace', () => {
		const run = check(join('tests', 'fixtures', 'broken', 'no-such-model'));
		assert.equal(run.status, 1);
		assert.match(run.stdout, /model folder not found/);
		assert.doesNotMatch(run.stdout + run.stderr, /^\s+at /m);
	});
});
