/** readYaml and locate: hostile and broken input is refused with one clear, positioned message. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findSecrets } from '../../src/load/secrets.ts';
import { LIMITS, locate, readYaml, type SourceFile } from '../../src/load/source.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-source-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function read(content: string | Uint8Array) {
	const file = join(scratch, `f${++counter}.yaml`);
	writeFileSync(file, content);
	return readYaml(file, 'f.yaml');
}

/** The single diagnostic of a refused file, as `line:col message`. */
function refusal(content: string | Uint8Array): string {
	const result = read(content);
	assert.equal(result.ok, false, 'expected the file to be refused');
	if (result.ok) return '';
	return result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n');
}

function source(content: string): SourceFile {
	const result = read(content);
	assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.diagnostics));
	return result.source;
}

const DEEP = `nesting is deeper than ${LIMITS.depth} levels; the model never needs that much`;

describe('readYaml accepts ordinary YAML', () => {
	test('a mapping', () => assert.deepEqual(source('id: a\nlist: [1, 2]\n').data, { id: 'a', list: [1, 2] }));
	test('a byte-order mark is ignored', () => assert.deepEqual(source('\ufeffid: a\n').data, { id: 'a' }));
	test('a few anchors and aliases are fine', () => assert.deepEqual(source('a: &x 1\nb: *x\nc: *x\n').data, { a: 1, b: 1, c: 1 }));
	test('dates stay text, as the schema expects', () => assert.deepEqual(source('d: 2026-01-31\n').data, { d: '2026-01-31' }));
	test(`nesting up to ${LIMITS.depth} levels is fine`, () => {
		const text = `a: ${'['.repeat(LIMITS.depth - 1)}${']'.repeat(LIMITS.depth - 1)}\n`;
		assert.ok(read(text).ok);
	});
	test('brackets inside quotes and comments do not count as nesting', () => {
		const data = source(`a: "${'['.repeat(60)}"\nb: '${'{'.repeat(60)}' # ${'['.repeat(60)}\nc: |\n  text\n`).data;
		assert.equal((data as { a: string }).a.length, 60);
	});
	test('a Markdown list in a block scalar is not nesting', () => {
		assert.ok(read('description: |\n  - one\n    - two\n      - three\n').ok);
	});
});

describe('readYaml refuses', () => {
	test('a file larger than 1 MB, before reading it', () => {
		const file = join(scratch, 'huge.yaml');
		writeFileSync(file, `description: "${'x'.repeat(LIMITS.bytes + 10)}"\n`);
		const result = readYaml(file, 'huge.yaml');
		assert.equal(result.ok, false);
		if (!result.ok) assert.deepEqual(result.diagnostics.map((d) => d.message), ['file is 1.0 MB; model files are limited to 1 MB — split it into one file per entity']);
	});
	test('exactly 1 MB is still allowed', () => {
		const text = `description: "${'x'.repeat(LIMITS.bytes - 16)}"\n`;
		assert.equal(Buffer.byteLength(text), LIMITS.bytes);
		assert.ok(read(text).ok);
	});
	test('non-UTF-8 bytes, pointing at the first bad byte', () => {
		const bytes = Buffer.concat([Buffer.from('id: a\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
		assert.equal(refusal(bytes), '2:10 file is not valid UTF-8; save it as UTF-8');
	});
	test('an empty file, and one with only comments', () => {
		assert.equal(refusal(''), '1:1 file is empty; it should describe one entity (see the model reference)');
		assert.equal(refusal('# nothing yet\n\n'), '1:1 file is empty; it should describe one entity (see the model reference)');
	});
	test('tabs in indentation', () => assert.equal(refusal('id: a\nchat:\n\tchannel: x\n'), '3:1 tab character in indentation; YAML indents with spaces only'));
	test('several documents', () => {
		assert.equal(refusal('id: a\n---\nid: b\n'), '2:1 file holds 2 YAML documents ("---"); put one entity in each file');
	});
	test('duplicate keys, at the second one', () => {
		assert.equal(refusal('id: a\nchat:\n  channel: x\n  channel: y\n'), '4:3 duplicate key "channel"; each key may appear once in a mapping');
	});
	test('duplicate keys name the key, also in flow mappings and quoted', () => {
		assert.equal(refusal('chat: {channel: x, url: y, channel: z}\n'), '1:28 duplicate key "channel"; each key may appear once in a mapping');
		assert.equal(refusal('"id": a\n"id": b\n'), '2:1 duplicate key "id"; each key may appear once in a mapping');
	});
	test('a syntax error', () => {
		assert.equal(refusal('id: a\nname: [x, y\nsummary: z\n'), '3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]');
	});
	test('a list, a scalar or null at the top', () => {
		assert.equal(refusal('- id: a\n'), '1:1 expected a mapping of fields (key: value), found a list');
		assert.equal(refusal('hello\n'), '1:1 expected a mapping of fields (key: value), found the string "hello"');
		assert.equal(refusal('42\n'), '1:1 expected a mapping of fields (key: value), found the number 42');
		assert.equal(refusal('~\n'), '1:1 expected a mapping of fields (key: value), found nothing');
	});
	test('an alias bomb (billion laughs)', () => {
		const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
		for (let i = 1; i < 9; i++) {
			const prev = String.fromCharCode(96 + i);
			const name = String.fromCharCode(97 + i);
			levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
		}
		assert.equal(refusal(`${levels.join('\n')}\n`), `2:8 too many alias expansions (limit ${LIMITS.aliases}); YAML aliases that multiply are refused`);
	});
	test('an alias without its anchor', () => {
		assert.equal(refusal('id: a\nname: *nothing\n'), '2:7 alias "*nothing" refers to no anchor "&nothing" defined before it');
	});
	test('deep block nesting', () => {
		const text = `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')} 1\n`;
		assert.equal(refusal(text), `34:67 ${DEEP}`);
	});
	test('deep flow nesting is refused before parsing, as one message', () => {
		assert.equal(refusal(`a: ${'['.repeat(200000)}${']'.repeat(200000)}\n`), `1:36 ${DEEP}`);
		assert.equal(refusal(`a: ${'{a: '.repeat(50000)}1${'}'.repeat(50000)}\n`), `1:132 ${DEEP}`);
	});
	test('deep compact sequences are refused before parsing', () => {
		assert.equal(refusal(`${'- '.repeat(200000)}x\n`), `1:${2 * LIMITS.depth + 1} ${DEEP}`);
	});
	test('deep nesting by indentation alone is one message', () => {
		const text = `${Array.from({ length: 1300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
		const result = read(text);
		assert.equal(result.ok, false);
		if (!result.ok) assert.deepEqual(result.diagnostics.map((d) => d.message), [DEEP]);
	});
});

describe('locate', () => {
	const s = source('id: a\nchat:\n  channel: "#a"\nlist:\n  - name: x\n    role: y\n  - z\n');
	test('a scalar value', () => assert.deepEqual(locate(s, ['chat', 'channel']), { line: 3, column: 12 }));
	test('a key, when asked for', () => assert.deepEqual(locate(s, ['chat', 'channel'], { key: true }), { line: 3, column: 3 }));
	test('a block value is its key', () => assert.deepEqual(locate(s, ['chat']), { line: 2, column: 1 }));
	test('a list item', () => assert.deepEqual(locate(s, ['list', 1]), { line: 7, column: 5 }));
	test('a field in a list item', () => assert.deepEqual(locate(s, ['list', 0, 'role']), { line: 6, column: 11 }));
	test('a path past the file stops at the nearest existing part', () => {
		assert.deepEqual(locate(s, ['chat', 'url']), { line: 2, column: 1 });
		assert.deepEqual(locate(s, ['list', 5, 'name']), { line: 4, column: 1 });
		assert.deepEqual(locate(s, ['missing']), { line: 1, column: 1 });
	});
});

describe('findSecrets', () => {
	const secrets = (text: string) => findSecrets(source(text)).map((d) => `${d.line}:${d.column} ${d.path} ${d.message.split(';')[0]}`);
	test('an AWS access key id (the documented example key)', () => {
		assert.deepEqual(secrets('id: a\nnotes:\n  - key AKIAIOSFODNN7EXAMPLE\n'), ['3:5 notes[0] looks like an AWS access key id']);
	});
	test('a private key header', () => {
		assert.deepEqual(secrets('key: |\n  -----BEGIN RSA PRIVATE KEY-----\n'), ['1:6 key looks like a private key']);
	});
	test('a password in a URL, but not a placeholder', () => {
		assert.deepEqual(secrets('a: postgres://app:hunter22@db.internal/app\n'), ['1:4 a looks like a password in a URL']);
		assert.deepEqual(secrets('a: postgres://app:{password}@db/app\nb: postgres://app:<password>@db/app\nc: https://u:***@x.example\n'), []);
	});
	test('tokens of the usual shapes', () => {
		const fakeGithub = `ghp_${'a1B2'.repeat(9)}`;
		const fakeSlack = 'xoxb-0000000000-EXAMPLEONLY';
		assert.deepEqual(secrets(`a: ${fakeGithub}\nb: ${fakeSlack}\n`), ['1:4 a looks like a GitHub token', '2:4 b looks like a Slack token']);
	});
	test('ordinary text is not a secret', () => {
		assert.deepEqual(secrets('a: AKIA is the prefix of AWS key ids\nb: https://example.com/path\nc: sk-short\n'), []);
	});
	test('keys and numbers are not scanned as secrets', () => assert.deepEqual(secrets('n: 12345678901234567890\n'), []));
});
