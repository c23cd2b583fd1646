import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { generateModel } from '../../scripts/lib/synthetic.ts';
import { loadModel } from '../../src/load/index.ts';
import { repoRoot, TODAY } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-markdown-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
process.env.OPSBOOK_CACHE = scratch;
const { isPlainSentence, markdown, markdownKey } = await import('../../src/site/markdown.ts');

const reference = (text: string) => micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: false, allowDangerousProtocol: false });

function strings(value: unknown, out: Set<string> = new Set()): Set<string> {
	if (typeof value === 'string') out.add(value);
	else if (value instanceof Map) for (const v of value.values()) strings(v, out);
	else if (Array.isArray(value)) for (const v of value) strings(v, out);
	else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
	return out;
}

// Text that looks plain but is not, and plain text with the characters the fast path lets through.
const EDGES = [
	'Restart the pod',
	'Restart the pod ',
	' Restart the pod',
	'Say "yes" to the prompt',
	"It's the primary's replica",
	'Check snake_case_names and __dunder__ names',
	'Ends with an underscore_',
	'_emphasis_ here',
	'Mid _emphasis_ here',
	'Mail ops@example.com',
	'See www.example.com for more',
	'See https://example.com',
	'Use http: only on the inside',
	'A | pipe | row',
	'Done! Then [link](https://x.y)',
	'Two\nlines',
	'Hard  \nbreak',
	'1. a list',
	'- a list',
	'# heading',
	'> quote',
	'Tab\there',
	'Strike ~~this~~',
	'Escaped \\* star',
	'An &amp; entity',
	'A <b>tag</b>',
	'Code `here`',
	'Bold **here**',
	'Ünïcödé text — with dashes… and “quotes”',
	'Percent 99.9 % and 5xx errors in p95 latency',
	'Line with nul \u0000 char',
	'Ends in nbsp\u00a0',
];

test('every model field and tricky sentence renders exactly as micromark renders it', () => {
	const texts = new Set(EDGES);
	const example = loadModel(`${repoRoot}/content`).model;
	strings([...example.services.values(), ...example.runbooks.values(), ...example.trees.values(), ...example.teams.values(), ...example.systems.values(), example.security, example.incident], texts);
	const synthetic = generateModel({ size: 50, today: TODAY });
	strings([synthetic.services, synthetic.runbooks, synthetic.trees, synthetic.teams, synthetic.systems], texts);

	const wrong = [...texts].filter((text) => markdown(text) !== reference(text));
	assert.deepEqual(wrong, []);
	// The fast path must carry most of the work, or it is not worth having.
	const plain = [...texts].filter(isPlainSentence).length;
	assert.ok(plain / texts.size > 0.5, `${plain} of ${texts.size} texts are plain sentences`);
});

test('only plain sentences skip micromark', () => {
	assert.equal(isPlainSentence('Restart the pod and check its logs'), true);
	assert.equal(isPlainSentence('Check snake_case_names'), true);
	for (const text of ['Mid _emphasis_ here', 'Mail ops@example.com', 'See www.example.com', 'Two\nlines', '1. a list', 'Code `here`', 'Trailing space ']) {
		assert.equal(isPlainSentence(text), false, text);
	}
});

test('rendered Markdown is kept on disk by text and read back by the next build', () => {
	const text = 'Restart **the worker** with `kubectl rollout restart`';
	const key = markdownKey(text);
	assert.notEqual(markdownKey(`${text}.`), key);
	assert.equal(markdown(text), reference(text));
	assert.ok(readdirSync(join(scratch, 'markdown')).includes(`${key}.html`));
	// A new process (the next build) reads it instead of rendering: shown by a planted entry.
	const planted = 'Planted **entry**';
	writeFileSync(join(scratch, 'markdown', `${markdownKey(planted)}.html`), '<p>from the cache</p>');
	const script = `const { markdown } = await import(${JSON.stringify(new URL('../../src/site/markdown.ts', import.meta.url).href)}); console.log(markdown(${JSON.stringify(planted)}));`;
	const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, OPSBOOK_CACHE: scratch } });
	assert.equal(run.status, 0, run.stderr);
	assert.equal(run.stdout.trim(), '<p>from the cache</p>');
	// Plain sentences never touch the disk.
	const before = readdirSync(scratch).length;
	markdown('A plain sentence about the primary database');
	assert.equal(readdirSync(scratch).length, before);
});
