/**
 * scripts/pages.ts against a local bare "origin": previews land in pr-<n>/ beside each other
 * and beside the live site, a main deploy replaces the root but keeps the previews, a closed
 * pull request's preview is removed, and the checkout's own working tree is never touched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { project } from './helpers.ts';

let scratch = '';
let origin = '';
let checkout = '';

function git(cwd: string, ...args: string[]) {
	const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
	assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}

function site(name: string, pages: Record<string, string>): string {
	const folder = join(scratch, name);
	for (const [file, text] of Object.entries(pages)) {
		mkdirSync(join(folder, file, '..'), { recursive: true });
		writeFileSync(join(folder, file), text);
	}
	return folder;
}

function pages(...args: string[]) {
	const result = spawnSync(process.execPath, [join(project, 'scripts', 'pages.ts'), ...args], { cwd: checkout, encoding: 'utf8' });
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Files on the remote gh-pages branch. */
function published(): string[] {
	return git(origin, 'ls-tree', '-r', '--name-only', 'gh-pages').trim().split('\n').sort();
}

before(() => {
	scratch = mkdtempSync(join(tmpdir(), 'opsbook-pages-test-'));
	origin = join(scratch, 'origin.git');
	checkout = join(scratch, 'checkout');
	git(scratch, 'init', '-q', '--bare', '-b', 'main', origin);
	git(scratch, 'clone', '-q', origin, checkout);
	writeFileSync(join(checkout, 'README.md'), '# handbook\n');
	git(checkout, 'add', '-A');
	git(checkout, '-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'start');
	git(checkout, 'push', '-q', 'origin', 'main');
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('previews, the live site and removals share the gh-pages branch', () => {
	const first = pages('publish', site('pr1', { 'index.html': 'PR 1', '_astro/app.js': 'js' }), '--into', 'pr-1');
	assert.equal(first.status, 0, first.output);
	assert.match(first.output, /Published 2 files to gh-pages:pr-1\//);
	assert.deepEqual(published(), ['.nojekyll', 'pr-1/_astro/app.js', 'pr-1/index.html']);

	assert.equal(pages('publish', site('pr2', { 'index.html': 'PR 2' }), '--into', 'pr-2/').status, 0);
	const live = pages('publish', site('live', { 'index.html': 'live', 'services/index.html': 's' }), '--into', '.', '--keep', 'pr-*');
	assert.equal(live.status, 0, live.output);
	assert.deepEqual(published(), ['.nojekyll', 'index.html', 'pr-1/_astro/app.js', 'pr-1/index.html', 'pr-2/index.html', 'services/index.html']);

	// A new live build replaces the old one (stale pages go) but keeps the previews.
	assert.equal(pages('publish', site('live2', { 'index.html': 'live 2' }), '--into', '.', '--keep', 'pr-*').status, 0);
	assert.deepEqual(published(), ['.nojekyll', 'index.html', 'pr-1/_astro/app.js', 'pr-1/index.html', 'pr-2/index.html']);
	assert.equal(git(origin, 'show', 'gh-pages:index.html'), 'live 2');

	// A new push of the same preview replaces it.
	assert.equal(pages('publish', site('pr1b', { 'index.html': 'PR 1 again' }), '--into', 'pr-1').status, 0);
	assert.deepEqual(published(), ['.nojekyll', 'index.html', 'pr-1/index.html', 'pr-2/index.html']);

	const removed = pages('remove', 'pr-1');
	assert.equal(removed.status, 0, removed.output);
	assert.deepEqual(published(), ['.nojekyll', 'index.html', 'pr-2/index.html']);

	// The checkout stayed on main, clean, with no leftover worktree or branch.
	assert.equal(git(checkout, 'status', '--porcelain'), '');
	assert.equal(git(checkout, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
	assert.equal(git(checkout, 'worktree', 'list').trim().split('\n').length, 1);
	assert.deepEqual(git(checkout, 'branch', '--format=%(refname:short)').trim().split('\n'), ['main']);
});

test('bad arguments are refused before anything is touched', () => {
	assert.equal(pages('publish', join(scratch, 'nowhere'), '--into', 'pr-3').status, 2);
	assert.equal(pages('publish', site('x', { 'index.html': 'x' }), '--into', '../escape').status, 2);
	assert.equal(pages('remove', '.').status, 2);
	assert.match(pages().output, /usage: node scripts\/pages\.ts publish DIR --into FOLDER/);
});
