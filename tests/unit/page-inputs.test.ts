/**
 * Incremental builds' bookkeeping (src/site/page-inputs.ts, tracked-data.ts): what a page read is
 * noted for that page only, cache keys follow the values read, a restored page keeps its record,
 * and the rewrite of Astro's manifest still fits the installed Astro (the hook's guard).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { beginPage, noteInput, pageKey, settleAstroKeys, startTracking, untracked, withCacheKeys, writeRecord } from '../../src/site/page-inputs.ts';
import { repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-page-inputs-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const paths = [{ params: { id: 'api' }, props: { n: 1 } }, { params: { id: 'db' }, props: { n: 2 } }];

/** One "build": lists the pages, renders those whose key is not in `skip`, writes the record. */
function buildOnce(record: string, values: Record<string, string>, read: Record<string, string[]>, skip = new Set<string>()) {
	startTracking(record);
	const keyed = withCacheKeys('/services/[id]', paths, (input) => values[input] ?? 'none', 'global');
	for (const path of keyed) {
		if (skip.has(path.cacheKey!)) continue;
		beginPage(pageKey('/services/[id]', path.params));
		for (const input of read[path.params.id]!) {
			const [source, item] = input.split('\0');
			noteInput(source!, item);
		}
	}
	return { keyed, counts: writeRecord()! };
}

describe('page inputs', () => {
	test('a page key is the route and its params, in any order', () => {
		assert.equal(pageKey('/a/[x]/[y]', { y: '2', x: '1' }), pageKey('/a/[x]/[y]', { x: '1', y: '2' }));
		assert.notEqual(pageKey('/a/[x]', { x: '1' }), pageKey('/b/[x]', { x: '1' }));
	});

	test('reads are noted for the page rendering, never outside a page or inside untracked work', () => {
		const record = join(scratch, 'notes.json');
		startTracking(record);
		withCacheKeys('/services/[id]', paths, () => 'v', 'g');
		noteInput('model.services', 'before-any-page');
		beginPage(pageKey('/services/[id]', { id: 'api' }));
		noteInput('model.services', 'api');
		untracked(() => noteInput('model.services', '*'));
		beginPage(pageKey('/services/[id]', { id: 'db' }));
		noteInput('model.teams', 'ops');
		writeRecord();
		const written = JSON.parse(readFileSync(record, 'utf8')) as { pages: Record<string, string[]> };
		assert.deepEqual(written.pages, {
			[pageKey('/services/[id]', { id: 'api' })]: ['model.services\0api'],
			[pageKey('/services/[id]', { id: 'db' })]: ['model.teams\0ops'],
		});
	});

	test('a key changes with the values a page read, and only with them; a restored page keeps its record', () => {
		const record = join(scratch, 'keys.json');
		const read = { api: ['model.services\0api'], db: ['model.services\0db'] };
		const first = buildOnce(record, { 'model.services\0api': 'a1', 'model.services\0db': 'd1' }, read);
		// Nothing recorded yet: keys that never match, one per page.
		assert.ok(first.keyed.every((p) => p.cacheKey!.startsWith('unrecorded ')));
		assert.notEqual(first.keyed[0]!.cacheKey, first.keyed[1]!.cacheKey);
		assert.deepEqual(first.counts, { rendered: 2, restored: 0 });

		const second = buildOnce(record, { 'model.services\0api': 'a1', 'model.services\0db': 'd1' }, read);
		const third = buildOnce(record, { 'model.services\0api': 'a2', 'model.services\0db': 'd1' }, read, new Set([second.keyed[1]!.cacheKey!]));
		assert.notEqual(third.keyed[0]!.cacheKey, second.keyed[0]!.cacheKey, 'api changed');
		assert.equal(third.keyed[1]!.cacheKey, second.keyed[1]!.cacheKey, 'db did not');
		assert.deepEqual(third.counts, { rendered: 1, restored: 1 });
		const fourth = buildOnce(record, { 'model.services\0api': 'a2', 'model.services\0db': 'd2' }, read);
		assert.notEqual(fourth.keyed[1]!.cacheKey, third.keyed[1]!.cacheKey, 'the restored page still depends on what it read');
	});
});

describe("Astro's incremental manifest (the hook in settleAstroKeys)", () => {
	test('a rewritten key is one the installed Astro then restores the page under', async () => {
		const astro = pathToFileURL(join(repoRoot, 'node_modules', 'astro', 'dist', 'core', 'build', 'incremental.js')).href;
		const { IncrementalBuildCache } = (await import(astro)) as {
			IncrementalBuildCache: {
				load(settings: unknown, configHash: string, lockfileHash: string, keyDigest: string): {
					record(component: string, dependencyHash: string, pathname: string, cacheKey: string, outputFile: string): void;
					writeManifest(settings: unknown): void;
					canSkip(component: string, pathname: string, dependencyHash: string, cacheKey: string): boolean;
				};
			};
		};
		const cacheDir = pathToFileURL(join(scratch, 'astro-cache/')).href;
		const settings = { config: { cacheDir: new URL(cacheDir) } };
		const written = IncrementalBuildCache.load(settings, 'config', 'lock', 'key');
		written.record('src/pages/services/[id].astro', 'code', '/services/api/', 'unrecorded 1 /services/[id]', 'services/api/index.html');
		written.writeManifest(settings);

		settleAstroKeys(join(scratch, 'astro-cache', 'incremental-build.json'), new Map([['unrecorded 1 /services/[id]', 'settled']]));

		const next = IncrementalBuildCache.load(settings, 'config', 'lock', 'key');
		assert.equal(next.canSkip('src/pages/services/[id].astro', '/services/api/', 'code', 'settled'), true, 'Astro restores the page under the settled key');
		assert.equal(next.canSkip('src/pages/services/[id].astro', '/services/api/', 'code', 'unrecorded 1 /services/[id]'), false);
	});
});

describe("starlight-openapi's pages get cache keys (vite-openapi-keys.ts)", () => {
	test('the installed route still lists its pages the way the patch expects', async () => {
		const { DECLARATION } = await import('../../src/apis/vite-openapi-keys.ts');
		const route = join(repoRoot, 'node_modules', 'starlight-openapi', 'routes', 'static', 'index.astro');
		assert.match(readFileSync(route, 'utf8'), DECLARATION, `${route} changed: see src/apis/vite-openapi-keys.ts`);
	});

	test('the route as Astro compiles it is patched; other files and unexpected shapes are left alone', async () => {
		const { keyOpenapiRoute, openapiKeys } = await import('../../src/apis/vite-openapi-keys.ts');
		const compiled = 'import { getSchemaStaticPaths } from "../../libs/route";\nexport function getStaticPaths() {\n\treturn getSchemaStaticPaths();\n}\n';
		const patched = keyOpenapiRoute(compiled)!;
		assert.match(patched, /^import \{ keyedApiPaths \} from ".*keyed-paths\.ts";\n/);
		assert.match(patched, /export function getStaticPaths\(\{ routePattern \}\) \{\n\treturn keyedApiPaths\(routePattern, getSchemaStaticPaths\(\)\);/);
		assert.equal(keyOpenapiRoute('export function getStaticPaths() { return other() }'), undefined);
		const plugin = openapiKeys();
		assert.equal(plugin.transform(compiled, '/x/node_modules/starlight-openapi/routes/ssr/index.astro'), null);
		assert.ok(plugin.transform(compiled, '/x/node_modules/starlight-openapi/routes/static/index.astro'));
	});
});

describe('the tracked site data (tracked-data.ts)', () => {
	test('a lookup notes its entry, a walk notes the whole map, a single value notes itself', async () => {
		const { loadModel } = await import('../../src/load/index.ts');
		const { analyse } = await import('../../src/analysis/findings.ts');
		const { trackedView } = await import('../../src/site/tracked-data.ts');
		const { fixtures } = await import('./helpers.ts');
		const result = loadModel(join(fixtures, 'good', 'minimal'));
		const view = trackedView({ result, model: result.model, findings: analyse(result.model), verdict: undefined, today: '2026-11-23' });
		const record = join(scratch, 'tracked.json');
		startTracking(record);
		withCacheKeys('/p/[id]', [{ params: { id: 'a' } }, { params: { id: 'b' } }, { params: { id: 'c' } }], () => 'v', 'g');

		beginPage(pageKey('/p/[id]', { id: 'a' }));
		assert.equal(view.model.services.get('checkout-api')?.id, 'checkout-api');
		assert.equal(view.model.index.runbooksByService.has('orders-db'), true);
		beginPage(pageKey('/p/[id]', { id: 'b' }));
		assert.ok([...view.model.teams.values()].length > 0);
		assert.ok(view.model.policy);
		void view.findings.length;
		beginPage(pageKey('/p/[id]', { id: 'c' }));
		void view.result.root;
		void view.result.sourceText('services/orders-db.yaml');
		writeRecord();

		const pages = (JSON.parse(readFileSync(record, 'utf8')) as { pages: Record<string, string[]> }).pages;
		assert.deepEqual(pages[pageKey('/p/[id]', { id: 'a' })], ['index.runbooksByService\0orders-db', 'model.services\0checkout-api']);
		assert.deepEqual(pages[pageKey('/p/[id]', { id: 'b' })], ['findings\0*', 'model.policy\0*', 'model.teams\0*']);
		assert.deepEqual(pages[pageKey('/p/[id]', { id: 'c' })], ['source\0services/orders-db.yaml'], 'the folder is no input; a published text is');
	});
});
