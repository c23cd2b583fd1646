/**
 * The `opsbook` command, run as a team runs it: from its own repository's folder, which
 * `opsbook init` made. The starter model passes the check as written, and builds into the
 * team's dist/ with the team's settings.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { project } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** `opsbook …` through the real binary, in a working directory. */
function opsbook(args: string[], cwd = scratch) {
	const run = spawnSync(process.execPath, [join(project, 'scripts', 'opsbook.mjs'), ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', OPSBOOK_CONTENT: '', OPSBOOK_BASE: '', OPSBOOK_OUT: '', OPSBOOK_CACHE: '', OPSBOOK_TODAY: '' },
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the command line', () => {
	test('--help lists the commands; each command has its own --help', () => {
		const help = opsbook(['--help']);
		assert.equal(help.status, 0);
		for (const command of ['init', 'check', 'build', 'dev', 'preview', 'diff', 'schemas']) assert.match(help.output, new RegExp(`^  ${command} `, 'm'));
		const build = opsbook(['build', '--help']);
		assert.equal(build.status, 0);
		assert.match(build.output, /^Usage: opsbook build /m);
		assert.match(build.output, /--allow-gaps/);
	});
	test('an unknown command or option is a usage error (exit 2)', () => {
		const unknown = opsbook(['deploy']);
		assert.equal(unknown.status, 2);
		assert.match(unknown.output, /unknown command "deploy"/);
		const option = opsbook(['check', '--contnet', 'x']);
		assert.equal(option.status, 2);
		assert.match(option.output, /Unknown option '--contnet'[\s\S]*Usage: opsbook check/);
		assert.equal(opsbook(['diff']).status, 2);
	});
	test('schemas writes a JSON Schema per kind and one for the config', () => {
		const out = join(scratch, 'schemas');
		assert.equal(opsbook(['schemas', '--out', out]).status, 0);
		const files = readdirSync(out);
		assert.ok(files.includes('service.schema.json') && files.includes('opsbook.config.schema.json'), files.join(', '));
	});
});

describe('a repository made by opsbook init', () => {
	const repo = join(scratch, 'acme-ops');
	test('init writes a starter model, package.json, config, .gitignore, README and workflows', () => {
		const init = opsbook(['init', repo, '--team', 'payments', '--service', 'checkout-api']);
		assert.equal(init.status, 0, init.output);
		for (const file of ['package.json', 'opsbook.config.mjs', '.gitignore', 'README.md', 'content/policy.yaml', 'content/teams/payments.yaml', 'content/systems/core.yaml', 'content/services/checkout-api.yaml', 'content/runbooks/checkout-api-down.yaml']) {
			assert.ok(existsSync(join(repo, file)), file);
		}
		const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
		assert.match(pkg.dependencies.opsbook!, /^\^\d+\.\d+\.\d+/);
		assert.equal(pkg.scripts.check, 'opsbook check');
		// Editors find the schemas inside the installed package.
		assert.match(readFileSync(join(repo, 'content', 'services', 'checkout-api.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\.\.\/\.\.\/node_modules\/opsbook\/schemas\/service\.schema\.json$/m);
		const again = opsbook(['init', repo]);
		assert.match(again.output, /^kept {5}content\/policy\.yaml/m, 'existing files are kept');
	});
	test('its model passes the check, run from its folder', () => {
		const check = opsbook(['check'], repo);
		assert.equal(check.status, 0, check.output);
		assert.match(check.output, /0 errors, 0 warnings, 0 coverage gaps/);
	});
	test('it builds into its own dist/ with its own settings', () => {
		const build = opsbook(['build'], repo);
		assert.equal(build.status, 0, build.output);
		const home = readFileSync(join(repo, 'dist', 'index.html'), 'utf8');
		assert.match(home, /<title>[^<]*Acme Ops handbook<\/title>/);
		assert.ok(existsSync(join(repo, 'dist', 'services', 'checkout-api', 'index.html')));
		assert.ok(existsSync(join(repo, '.opsbook', 'cache', 'diagrams')), 'its caches live in its own .opsbook/');
	});
	test('a bad setting is reported with the file and the setting, exit 2', () => {
		const bad = join(scratch, 'bad');
		opsbook(['init', bad]);
		rmSync(join(bad, 'opsbook.config.mjs'));
		writeFileSync(join(bad, 'opsbook.config.json'), '{\n  "base": "docs"\n}\n');
		const check = opsbook(['check'], bad);
		assert.equal(check.status, 2, check.output);
		assert.match(check.output, /opsbook\.config\.json:2:11 {2}base {2}expected a path that starts and ends with "\/"/);
	});
});
