/**
 * Opsbook's settings (src/config/): one typed config file, environment overrides, positioned
 * errors like the model's, and a reference that cannot drift from the schema.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, configSchema, ENV_OVERRIDES, loadConfig, resolveConfig } from '../../src/config/index.ts';
import { configJsonSchema, withConfigReference } from '../../src/config/reference.ts';
import { repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-settings-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
/** A fresh project folder with these files. */
const folder = (files: Record<string, string>) => {
	const root = join(scratch, `p${++n}`);
	mkdirSync(root, { recursive: true });
	for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
	return root;
};

const errors = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		assert.ok(error instanceof ConfigError, String(error));
		return error.message.split('\n').slice(1);
	}
	assert.fail('expected a ConfigError');
};

describe('resolving the settings', () => {
	test('no file, no environment: the defaults, with absolute paths', () => {
		const config = resolveConfig({}, { root: '/repo' });
		assert.equal(config.content, 'content');
		assert.equal(config.contentDir, '/repo/content');
		assert.equal(config.outDir, '/repo/dist');
		assert.equal(config.cacheDir, '/repo/.opsbook/cache');
		assert.equal(config.base, '/');
		assert.equal(config.guides, 'markdown-only');
		assert.equal(config.allowGaps, false);
		assert.equal(config.allowRedoclyPlugins, false);
	});
	test('the environment overrides the file, one setting at a time', () => {
		const config = resolveConfig({ content: 'ops', base: '/ops/' }, { root: '/repo', env: { OPSBOOK_BASE: '/pr-42/', OPSBOOK_ALLOW_GAPS: '1', OPSBOOK_TODAY: '2026-11-23' } });
		assert.equal(config.contentDir, '/repo/ops');
		assert.equal(config.base, '/pr-42/');
		assert.equal(config.allowGaps, true);
		assert.equal(config.today, '2026-11-23');
		assert.equal(resolveConfig({ allowGaps: true }, { root: '/r', env: { OPSBOOK_ALLOW_GAPS: '0' } }).allowGaps, false);
	});
	test('every environment variable names a real setting', () => {
		for (const key of Object.values(ENV_OVERRIDES)) assert.ok(key in configSchema.shape, key);
	});
	test('a wrong setting is an error that names it, what was expected and where', () => {
		assert.deepEqual(errors(() => resolveConfig({ base: 'pr-42', contnet: 'x' }, { root: '/r', file: '/r/opsbook.config.mjs' })).map((line) => line.replace(/^.*?opsbook\.config\.mjs/, 'opsbook.config.mjs')), [
			'opsbook.config.mjs:1:1  base  expected a path that starts and ends with "/", such as "/" or "/ops/"',
			'opsbook.config.mjs:1:1  (file)  unknown setting "contnet" (did you mean "content"?); the settings are content, site, base, title, description, out, cacheDir, incremental, today, allowGaps, preview, guides, sidebar, allowRedoclyPlugins',
		]);
		assert.deepEqual(errors(() => resolveConfig({}, { root: '/r', env: { OPSBOOK_TODAY: 'yesterday' } })), ['environment OPSBOOK_TODAY:1:1  today  expected a date written as YYYY-MM-DD']);
	});
	test('extra sidebar groups follow the URL policy', () => {
		const groups = [{ label: 'Elsewhere', items: [{ label: 'Status', link: 'https://status.example.com' }, { label: 'Docs', link: '/guides/x/' }] }];
		assert.deepEqual(resolveConfig({ sidebar: groups }, { root: '/r' }).sidebar, groups);
		assert.deepEqual(errors(() => resolveConfig({ sidebar: [{ label: 'Bad', items: [{ label: 'x', link: 'javascript:alert(1)' }] }] }, { root: '/r' })), [
			'opsbook.config:1:1  sidebar[0].items[0].link  links may use http:, https:, mailto: or tel:, or be site-relative',
		]);
	});
	test('a JSON config is pointed at by line and column', () => {
		const text = '{\n  "title": "Ops",\n  "guides": "html"\n}\n';
		const lines = errors(() => resolveConfig(JSON.parse(text), { root: '/r', file: '/r/opsbook.config.json', text }));
		assert.equal(lines.length, 1);
		assert.match(lines[0]!, /opsbook\.config\.json:3:13 {2}guides {2}/);
	});
});

describe('loading the config file', () => {
	test('opsbook.config.mjs and opsbook.config.json are found and read', async () => {
		const mjs = folder({ 'opsbook.config.mjs': "export default { title: 'Payments', content: 'model' };\n" });
		const fromModule = await loadConfig({ cwd: mjs, env: {} });
		assert.equal(fromModule.title, 'Payments');
		assert.equal(fromModule.contentDir, join(mjs, 'model'));
		assert.equal(fromModule.file, join(mjs, 'opsbook.config.mjs'));
		const json = folder({ 'opsbook.config.json': '{ "out": "public-site" }\n' });
		assert.equal((await loadConfig({ cwd: json, env: {} })).outDir, join(json, 'public-site'));
		const none = folder({});
		assert.equal((await loadConfig({ cwd: none, env: {} })).file, undefined);
	});
});

describe('the generated reference', () => {
	test('README.md has the config reference of the current schema (run "npm run schemas")', () => {
		const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
		assert.equal(withConfigReference(readme), readme);
	});
	test('schemas/opsbook.config.schema.json is current and every setting is described', () => {
		assert.equal(readFileSync(join(repoRoot, 'schemas', 'opsbook.config.schema.json'), 'utf8'), configJsonSchema());
		const schema = JSON.parse(configJsonSchema()) as { properties: Record<string, { description?: string }> };
		for (const [key, property] of Object.entries(schema.properties)) assert.ok(property.description, key);
	});
});
