/**
 * A model that passes the check can still fail the site build: a guide that is not valid MDX
 * (MDX guides are built only when the repository trusts them: OPSBOOK_GUIDES=mdx), or a guide
 * diagram mermaid cannot draw. The build names the file, line and column, without a stack
 * trace, and leaves the previous output as it was.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { copyModel, project, run } from './helpers.ts';

test('a broken MDX guide fails the build with its position; the previous output is kept', () => {
	const model = copyModel('tests/fixtures/good/minimal');
	writeFileSync(join(model, 'guides', 'broken.mdx'), '---\ntitle: Broken\n---\n\nSome text.\n\n<div>\n\nNever closed.\n');
	const out = join(mkdtempSync(join(tmpdir(), 'opsbook-out-')), 'dist');
	mkdirSync(out);
	writeFileSync(join(out, 'index.html'), 'the previous build');
	const staged = () => readdirSync(join(project, '.opsbook')).filter((name) => name.startsWith('dist-next-'));
	// An interrupted build's staging folder (its process is gone) is removed by the next build.
	const stale = join(project, '.opsbook', 'dist-next-2147483646');
	mkdirSync(join(stale, 'guides'), { recursive: true });
	// Likewise a staging folder named after its output, whose build (in <name>.pid) is gone.
	const staleNamed = join(project, '.opsbook', 'dist-next-0000000000ab');
	mkdirSync(join(staleNamed, 'guides'), { recursive: true });
	writeFileSync(`${staleNamed}.pid`, '2147483646');
	const before = staged().filter((name) => ![stale, staleNamed, `${staleNamed}.pid`].includes(join(project, '.opsbook', name)));

	const build = run('build', ['--out', out], { OPSBOOK_CONTENT: model, OPSBOOK_GUIDES: 'mdx' });
	assert.equal(build.status, 1, build.output);
	assert.ok(build.output.includes(`${join(model, 'guides', 'broken.mdx')}:7:1: Expected a closing tag for \`<div>\``), build.output);
	assert.match(build.output, /Site build failed; dist\/ was left as it was\./);
	assert.doesNotMatch(build.output, /^\s+at /m, 'no stack trace');
	assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'the previous build');
	assert.ok(existsSync(out));
	assert.deepEqual(staged(), before, 'the staging folder is removed, and the stale one too');
	assert.equal(existsSync(stale), false);
	assert.equal(existsSync(staleNamed), false);
	assert.equal(existsSync(`${staleNamed}.pid`), false);
});

test('a guide diagram that cannot be drawn fails the build at its line, without a stack trace', () => {
	const model = copyModel('tests/fixtures/good/minimal');
	writeFileSync(join(model, 'guides', 'diagram.md'), '---\ntitle: Diagram\n---\n\nText.\n\n```mermaid\nflowchart LR\n  A --> B\n  this is not mermaid ((( [[[\n```\n');
	const out = join(mkdtempSync(join(tmpdir(), 'opsbook-out-')), 'dist');
	const build = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
	assert.equal(build.status, 1, build.output);
	// Shown like every other diagnostic: relative to the folder the build runs in (the project).
	const shown = relative(project, join(model, 'guides', 'diagram.md'));
	assert.ok(build.output.includes(`\n${shown}:7:1  mermaid diagram 1: `), build.output);
	assert.doesNotMatch(build.output, /^\s+at /m, 'no stack trace');
	assert.equal(existsSync(out), false);
});
