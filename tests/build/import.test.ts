/**
 * The importers end to end, through the `opsbook import` command, on the real third-party files
 * in tests/fixtures/import: the model they write into an empty folder checks with nothing but
 * its TODOs — every one positioned at the field to fill in — and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { project } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const content = join(scratch, 'content');
const sources = ['backstage', 'prometheus', 'openslo', 'runbooks'] as const;

function runImport(source: string) {
	const run = spawnSync(process.execPath, [join(project, 'scripts', 'opsbook.ts'), 'import', source, join(project, 'tests', 'fixtures', 'import', source), '--content', content], {
		cwd: scratch,
		encoding: 'utf8',
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('importing every real source into an empty model leaves only TODOs to fill in, and keeps every alert', () => {
	for (const source of sources) {
		const run = runImport(source);
		assert.equal(run.status, 0, run.output);
	}
	const loaded = loadModel(content, { cwd: scratch });
	const lines = loaded.diagnostics.map(formatDiagnostic);
	assert.ok(lines.length > 100, `${lines.length} messages`);
	assert.deepEqual(lines.filter((line) => !/ {2}to fill in\b/.test(line)), []);
	// Each TODO at its own field: file:line:column and a field path.
	assert.ok(lines.every((line) => /^content\/(services|teams|systems|runbooks|apis)\//.test(line) && /:\d+:\d+ {2}\S/.test(line)), lines.slice(0, 3).join('\n'));
	const services = readdirSync(join(content, 'services'));
	assert.ok(services.length >= 30);
});

test('the check counts TODOs apart from errors and fails on them as on gaps; they are no model errors', () => {
	const strict = spawnSync(process.execPath, [join(project, 'scripts', 'check.ts'), '--content', content], { cwd: scratch, encoding: 'utf8' });
	assert.equal(strict.status, 1, strict.stdout);
	assert.match(strict.stdout, /✖ 0 errors, 0 warnings, \d+ TODOs to fill in/);
	assert.match(strict.stdout, /^Left out of the model until the TODOs above are resolved: /m);
	const loaded = loadModel(content, { cwd: scratch });
	assert.ok(loaded.ok, 'TODOs are not model errors');
	assert.ok(loaded.diagnostics.every((d) => d.severity === 'todo'));
});

test('a second import changes nothing', () => {
	for (const source of sources) {
		const run = runImport(source);
		assert.equal(run.status, 0, run.output);
		assert.match(run.output, /0 created, 0 updated/);
	}
});
