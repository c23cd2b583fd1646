/**
 * A model that passes the check can still fail the site build: a guide that is not valid MDX.
 * The build names the file, line and column, without a stack trace, and leaves the previous
 * output as it was.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyModel, project, run } from './helpers.ts';

test('a broken MDX guide fails the build with its position; the previous output is kept', () => {
	const model = copyModel('tests/fixtures/good/minimal');
	writeFileSync(join(model, 'guides', 'broken.mdx'), '---\ntitle: Broken\n---\n\nSome text.\n\n<div>\n\nNever closed.\n');
	const out = join(mkdtempSync(join(tmpdir(), 'opsbook-out-')), 'dist');
	mkdirSync(out);
	writeFileSync(join(out, 'index.html'), 'the previous build');
	const staged = () => readdirSync(join(project, '.opsbook')).filter((name) => name.startsWith('dist-next-'));
	const before = staged();

	const build = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
	assert.equal(build.status, 1, build.output);
	assert.ok(build.output.includes(`${join(model, 'guides', 'broken.mdx')}:7:1: Expected a closing tag for \`<div>\``), build.output);
	assert.match(build.output, /Site build failed; dist\/ was left as it was\./);
	assert.doesNotMatch(build.output, /^\s+at /m, 'no stack trace');
	assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'the previous build');
	assert.ok(existsSync(out));
	assert.deepEqual(staged(), before, 'the staging folder is removed');
});
