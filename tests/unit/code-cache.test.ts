/**
 * The code-block cache: keys that change with everything a block's HTML depends on, one first
 * block per page, stored HTML read back whole — and the facts about Expressive Code it relies
 * on, checked against the installed package so an upgrade that changes them fails here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openapiCode } from '../../src/apis/vite-openapi-code.ts';
import { repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-code-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
process.env.OPSBOOK_CACHE = scratch;
const { cachedCode, codeKey, firstOnPage, rememberCode } = await import('../../src/site/code-cache.ts');

const place = { locale: undefined, base: '/', first: false };

describe('code-block cache', () => {
	test('the key follows the block, its locale, the base path and whether it comes first', () => {
		const key = codeKey({ code: 'kubectl get pods', lang: 'sh' }, place);
		assert.equal(codeKey({ lang: 'sh', code: 'kubectl get pods' }, place), key, 'prop order does not matter');
		for (const other of [
			codeKey({ code: 'kubectl get pod', lang: 'sh' }, place),
			codeKey({ code: 'kubectl get pods', lang: 'bash' }, place),
			codeKey({ code: 'kubectl get pods', lang: 'sh', wrap: true }, place),
			codeKey({ code: 'kubectl get pods', lang: 'sh' }, { ...place, locale: 'de' }),
			codeKey({ code: 'kubectl get pods', lang: 'sh' }, { ...place, base: '/pr-42/' }),
			codeKey({ code: 'kubectl get pods', lang: 'sh' }, { ...place, first: true }),
		])
			assert.notEqual(other, key);
	});

	test('the first block of each page is the first one asked about for that request', () => {
		const one = new Request('http://x/a/');
		const two = new Request('http://x/b/');
		assert.deepEqual([firstOnPage(one), firstOnPage(one), firstOnPage(two), firstOnPage(one)], [true, false, true, false]);
	});

	test('HTML is stored and read back whole; unknown keys miss', () => {
		const key = codeKey({ code: 'echo ok', lang: 'sh' }, place);
		assert.equal(cachedCode(key), undefined);
		rememberCode(key, '<div class="expressive-code">…</div>');
		assert.equal(cachedCode(key), '<div class="expressive-code">…</div>');
		assert.deepEqual(readdirSync(join(scratch, 'code')), [`${key}.html`], 'no temporary file is left behind');
	});
});

describe('what the cache assumes of Expressive Code', () => {
	const components = join(repoRoot, 'node_modules', 'astro-expressive-code', 'components');
	test('<Code> counts blocks per page in page-data.ts, which exports getPageData', () => {
		assert.match(readFileSync(join(components, 'Code.astro'), 'utf8'), /from '\.\/page-data'[\s\S]*\+\+pageData\.blockGroupIndex/);
		assert.match(readFileSync(join(components, 'page-data.ts'), 'utf8'), /export function getPageData\(request: Request\)/);
	});

	test('only the first block of a page (groupIndex 0) gets the stylesheet and script links', () => {
		const dist = readFileSync(join(dirname(components), 'dist', 'index.js'), 'utf8');
		assert.match(dist, /isFirstGroupInDocument = [^;]*groupIndex === 0/);
	});
});

describe("starlight-openapi's code blocks go through the cache", () => {
	const folder = join(repoRoot, 'node_modules', 'starlight-openapi', 'components');
	const plugin = openapiCode();

	test('its examples and request samples still take <Code> from Starlight\'s components', () => {
		for (const file of ['example/Example.astro', 'operation/OperationSnippets.astro']) {
			assert.match(readFileSync(join(folder, file), 'utf8'), /import \{ Code \} from '@astrojs\/starlight\/components'/, file);
		}
	});

	test('only its components get the cached <Code>', () => {
		assert.match(plugin.resolveId('@astrojs/starlight/components', join(folder, 'example', 'Example.astro')) ?? '', /openapi-components\.mjs$/);
		assert.equal(plugin.resolveId('@astrojs/starlight/components', join(repoRoot, 'src', 'pages', 'reference.astro')), null);
		assert.equal(plugin.resolveId('@astrojs/starlight/components', join(repoRoot, 'src', 'apis', 'openapi-components.mjs')), null, 'no loop');
		assert.equal(plugin.resolveId('./other', join(folder, 'example', 'Example.astro')), null);
	});
});
