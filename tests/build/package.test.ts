/**
 * Opsbook as a team installs it: `npm pack`, the tarball unpacked into the node_modules/ of a
 * repository that `opsbook init` made, and there `opsbook check`, `opsbook build` and
 * `opsbook diff` — with Opsbook's files inside node_modules, where Node will not strip types
 * (scripts/installed.mjs is what makes that work).
 *
 * The tests cannot reach the npm registry, so the tarball is unpacked the way npm would unpack
 * it, and its dependencies are found where Node looks next: the repository folder sits under
 * this checkout's .opsbook/, so they resolve from this checkout's node_modules, as if hoisted.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { project } from './helpers.ts';

const packs = mkdtempSync(join(tmpdir(), 'opsbook-pack-'));
mkdirSync(join(project, '.opsbook'), { recursive: true });
const place = mkdtempSync(join(project, '.opsbook', 'pack-test-'));
const repo = join(place, 'team-handbook');
after(() => {
	rmSync(packs, { recursive: true, force: true });
	rmSync(place, { recursive: true, force: true });
});

let tarball = '';
const installed = join(repo, 'node_modules', 'opsbook');

function opsbook(args: string[]) {
	const run = spawnSync(process.execPath, [join(installed, 'scripts', 'opsbook.mjs'), ...args], {
		cwd: repo,
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', OPSBOOK_CONTENT: '', OPSBOOK_BASE: '', OPSBOOK_OUT: '', OPSBOOK_CACHE: '', OPSBOOK_TODAY: '' },
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function git(args: string[]) {
	const run = spawnSync('git', ['-c', 'user.email=ops@example.com', '-c', 'user.name=Ops', ...args], { cwd: repo, encoding: 'utf8' });
	assert.equal(run.status, 0, run.stderr);
}

before(() => {
	const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', packs], { cwd: project, encoding: 'utf8' });
	assert.equal(pack.status, 0, pack.stderr);
	tarball = join(packs, pack.stdout.trim().split('\n').pop()!);
	mkdirSync(installed, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], { encoding: 'utf8' });
	assert.equal(untar.status, 0, untar.stderr);
});

describe('the packed opsbook, installed in a team repository', () => {
	test('the tarball holds the code, the schemas and the example, not the tests', () => {
		for (const file of ['scripts/opsbook.mjs', 'scripts/installed.mjs', 'astro.config.mjs', 'src/pages/index.astro', 'schemas/service.schema.json', 'schemas/opsbook.config.schema.json', 'content/policy.yaml']) {
			assert.ok(existsSync(join(installed, file)), file);
		}
		assert.equal(existsSync(join(installed, 'tests')), false);
		const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string>; engines: Record<string, string> };
		assert.equal(pkg.bin.opsbook, 'scripts/opsbook.mjs');
		assert.ok(pkg.engines.node);
	});
	test('opsbook init, then opsbook check passes', () => {
		const init = opsbook(['init', '.', '--team', 'payments', '--service', 'checkout-api']);
		assert.equal(init.status, 0, init.output);
		assert.ok(readdirSync(join(repo, '.github', 'workflows')).length > 0, 'the workflows are scaffolded');
		const check = opsbook(['check']);
		assert.equal(check.status, 0, check.output);
		assert.match(check.output, /✔ 0 errors, 0 warnings, 0 coverage gaps/);
	});
	test('opsbook build makes the same kind of site as the example', () => {
		const build = opsbook(['build']);
		assert.equal(build.status, 0, build.output);
		for (const page of ['index.html', 'services/checkout-api/index.html', 'runbooks/checkout-api-down/index.html', 'teams/payments/index.html', 'coverage/index.html', 'catalog.json', 'pagefind/pagefind.js']) {
			assert.ok(existsSync(join(repo, 'dist', page)), page);
		}
		assert.match(readFileSync(join(repo, 'dist', 'services', 'checkout-api', 'index.html'), 'utf8'), /<svg[^>]*aria-roledescription="flowchart/, 'diagrams are rendered');
	});
	test('opsbook diff reports a change against a git ref', () => {
		git(['init', '-q', '.']);
		git(['add', 'content', 'package.json', 'opsbook.config.mjs']);
		git(['commit', '-qm', 'handbook']);
		const service = join(repo, 'content', 'services', 'checkout-api.yaml');
		writeFileSync(service, readFileSync(service, 'utf8').replace('rto: 4h', 'rto: 8h'));
		const diff = opsbook(['diff', 'HEAD']);
		assert.equal(diff.status, 0, diff.output);
		assert.match(diff.output, /\| `checkout-api` \| RTO \| 4h \| 8h \| ⚠ loosens \|/);
	});
});
