/**
 * The parse cache (src/load/parse-cache.ts): a load with it says exactly what a load without it
 * says, on a clean model and on one with errors and secrets, and an edited file is read anew.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatDiagnostic, loadModel, type LoadResult } from '../../src/load/index.ts';
import { openParseCache, textHash } from '../../src/load/parse-cache.ts';
import { locate, readYaml } from '../../src/load/source.ts';
import { fixtureCopy } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-parse-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** What a load says and holds, comparable across loads. */
function summary(result: LoadResult) {
	const { model } = result;
	return {
		diagnostics: result.diagnostics.map(formatDiagnostic),
		leftOut: result.leftOut,
		services: JSON.stringify([...model.services.values()]),
		runbooks: JSON.stringify([...model.runbooks.values()]),
		teams: JSON.stringify([...model.teams.values()]),
	};
}

test('a load from the cache is the same as a load without it; an edited file is read anew', () => {
	const root = fixtureCopy('good/minimal');
	const cache = join(scratch, 'clean');
	const plain = summary(loadModel(root));
	assert.deepEqual(summary(loadModel(root, { cache })), plain, 'first load, filling the cache');
	assert.ok(readdirSync(join(cache, 'parsed')).length === 1);
	assert.deepEqual(summary(loadModel(root, { cache })), plain, 'second load, from the cache');

	const file = join(root, 'services', 'email-worker.yaml');
	writeFileSync(file, readFileSync(file, 'utf8').replace('name: Email worker', 'name: Mailer'));
	const edited = loadModel(root, { cache });
	assert.equal(edited.model.services.get('email-worker')!.name, 'Mailer');
	assert.deepEqual(summary(edited), summary(loadModel(root)));
});

test('errors, secrets and positions are reported alike from the cache', () => {
	const token = ['ghp', '_', 'a'.repeat(36)].join('');
	const root = fixtureCopy('good/minimal', {
		// A secret in a comment of a file that otherwise reads cleanly, and a type error elsewhere.
		'services/checkout-api.yaml': (text) => `${text}\n# token: ${token}\n`,
		'services/email-worker.yaml': (text) => text.replace('tier: 3', 'tier: three'),
	});
	const cache = join(scratch, 'problems');
	const plain = summary(loadModel(root));
	assert.ok(plain.diagnostics.some((line) => /checkout-api\.yaml:\d+:\d+ .*token/i.test(line)), plain.diagnostics.join('\n'));
	assert.ok(plain.diagnostics.some((line) => /email-worker\.yaml:\d+:\d+ {2}tier /.test(line)), plain.diagnostics.join('\n'));
	loadModel(root, { cache });
	assert.deepEqual(summary(loadModel(root, { cache })), plain);
});

test('an entry is found by the hash of the text; an unreadable cache file is started over', () => {
	const folder = join(scratch, 'direct');
	const first = openParseCache(folder, '/some/model');
	first.set(textHash('id: x\n'), { data: { id: 'x' }, clean: true });
	first.save();
	assert.deepEqual(openParseCache(folder, '/some/model').get(textHash('id: x\n')), { data: { id: 'x' }, clean: true });
	assert.equal(openParseCache(folder, '/other/model').get(textHash('id: x\n')), undefined, 'one cache per model folder');
	const [model] = readdirSync(join(folder, 'parsed'));
	const [stored] = readdirSync(join(folder, 'parsed', model!));
	writeFileSync(join(folder, 'parsed', model!, stored!), 'not a cache');
	const restarted = openParseCache(folder, '/some/model');
	assert.equal(restarted.get(textHash('id: x\n')), undefined);
	restarted.save();
	assert.ok(!existsSync(join(folder, 'parsed', model!, stored!)), 'the unreadable file is removed when nothing is kept in it');
});

test('after an edit, only the files holding the old and the new text are written again', () => {
	const folder = join(scratch, 'shards');
	const texts = Array.from({ length: 400 }, (_, i) => `id: service-${i}\n`);
	const first = openParseCache(folder, '/model');
	for (const text of texts) first.set(textHash(text), { data: { id: text }, clean: true });
	first.save();
	const [model] = readdirSync(join(folder, 'parsed'));
	const files = () => new Map(readdirSync(join(folder, 'parsed', model!)).map((name) => [name, readFileSync(join(folder, 'parsed', model!, name))]));
	const before = files();
	assert.ok(before.size > 32, `${before.size} files`);

	const next = openParseCache(folder, '/model');
	const edited = 'id: service-0\nname: Renamed\n';
	for (const text of texts.slice(1)) assert.ok(next.get(textHash(text)));
	next.set(textHash(edited), { data: { id: 'service-0' }, clean: true });
	next.save();
	const after = files();
	const rewritten = [...after.keys()].filter((name) => !before.get(name)?.equals(after.get(name)!));
	assert.ok(rewritten.length >= 1 && rewritten.length <= 2, rewritten.join(', '));
	const again = openParseCache(folder, '/model');
	assert.equal(again.get(textHash(texts[0]!)), undefined, 'the old text is dropped');
	assert.deepEqual(again.get(textHash(edited)), { data: { id: 'service-0' }, clean: true });
	assert.ok(again.get(textHash(texts[1]!)));
});

test('a position found in a kept text is kept with it, and is the one the file gives', () => {
	const root = fixtureCopy('good/minimal');
	const folder = join(scratch, 'positions');
	const file = join(root, 'services', 'email-worker.yaml');
	const path = ['dependencies', 0, 'reason'];
	const first = openParseCache(folder, root);
	const read = readYaml(file, 'services/email-worker.yaml', first);
	assert.ok(read.ok && read.fast && read.hash);
	first.set(read.hash, { data: read.source.data as Record<string, unknown>, clean: true });
	const found = locate(read.source, path);
	const uncached = readYaml(file, 'services/email-worker.yaml');
	assert.ok(uncached.ok);
	assert.deepEqual(found, locate(uncached.source, path), 'as without the cache');
	first.save();

	const next = openParseCache(folder, root);
	const again = readYaml(file, 'services/email-worker.yaml', next);
	assert.ok(again.ok && again.cached);
	assert.deepEqual(again.source.positions?.get(['dependencies', '#0', 'reason'].join('\u0000')), found, 'kept, without parsing the file');
	assert.deepEqual(locate(again.source, path), found);
	assert.equal(again.source.positions?.get(['dependencies', '#0', 'type'].join('\u0000')), undefined);
	assert.deepEqual(locate(again.source, ['dependencies', '0', 'reason']), locate(uncached.source, ['dependencies', '0', 'reason']), 'an index spelt as a map key is another path');
});
