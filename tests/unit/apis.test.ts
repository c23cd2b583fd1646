/**
 * The pure parts of the API step: Redocly's JSON and its failure text → diagnostics, the `$ref`
 * scan and the model-folder fence, the sidebar trimming, the overview summary — and the preload
 * that keeps Redocly off the network.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { bundleApis } from '../../src/apis/bundle.ts';
import { duplicateApiIds } from '../../src/apis/check.ts';
import { failureDiagnostics, lintDiagnostics, parseJsonDocuments, type RedoclyReport } from '../../src/apis/lint.ts';
import { apiPageTitle, isApiPage, trimApiGroups, type Entry, type Group, type Link } from '../../src/apis/navigation.ts';
import { firstParagraph, operationAt, pageSlug, schemasOf, summarise, typeParts, webhookAt } from '../../src/apis/pages.ts';
import { redoclyEnv } from '../../src/apis/redocly.ts';
import { apisOf, bundleFolder, findRefs, refKind, specFiles } from '../../src/apis/specs.ts';
import { formatDiagnostic } from '../../src/load/diagnostics.ts';
import { createModel } from '../../src/model/index.ts';
import { repoRoot, service } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-apis-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Trimmed from a real `redocly lint --format=json` run (Redocly 2.77). */
const REPORT: RedoclyReport = {
	totals: { errors: 2, warnings: 1, ignored: 0 },
	problems: [
		{
			ruleId: 'operation-summary',
			severity: 'error',
			message: 'Operation object should contain `summary` field.',
			location: [{ source: { ref: 'model/apis/orders.yaml' }, pointer: '#/paths/~1orders/get/summary', start: { line: 11, col: 5 } }],
		},
		{
			ruleId: 'struct',
			severity: 'error',
			message: '`type` can be one of the following only: "object", "array".',
			location: [{ source: { ref: 'model/apis/parts/order.yaml' }, pointer: '#/Order/properties/id/type', start: { line: 10, col: 13 } }],
			from: { source: { ref: 'model/apis/orders.yaml' }, pointer: '#/paths/~1orders/get/responses/200' },
		},
		{
			ruleId: 'operation-4xx-response',
			severity: 'warn',
			message: 'Operation must have at least one `4XX` response.',
			location: [{ source: { ref: 'model/apis/orders.yaml' }, pointer: '#/paths/~1orders/get/responses', start: { line: 13, col: 7 } }],
		},
		{ ruleId: 'info-license', severity: 'warn', message: 'ignored one', ignored: true, location: [] },
	],
};

describe('Redocly output → diagnostics', () => {
	const context = { runCwd: '/repo', display: (absolute: string) => relative('/repo', absolute), files: ['/repo/model/apis/orders.yaml'] };

	test('file:line:col, the JSON pointer, [rule] message; errors stay errors, warnings warnings', () => {
		assert.deepEqual(lintDiagnostics([REPORT], context).map(formatDiagnostic), [
			'model/apis/orders.yaml:11:5  #/paths/~1orders/get/summary  [operation-summary] Operation object should contain `summary` field.',
			'model/apis/parts/order.yaml:10:13  #/Order/properties/id/type  [struct] `type` can be one of the following only: "object", "array". (referenced from model/apis/orders.yaml)',
			'model/apis/orders.yaml:13:7  #/paths/~1orders/get/responses  warning: [operation-4xx-response] Operation must have at least one `4XX` response.',
		]);
	});

	test('problems Redocly counted but did not list are not lost', () => {
		const report: RedoclyReport = { totals: { errors: 5, warnings: 0 }, problems: REPORT.problems!.slice(0, 1) };
		const out = lintDiagnostics([report], context);
		assert.equal(out.length, 2);
		assert.equal(out[1]!.severity, 'error');
		assert.match(out[1]!.message, /4 more problems \(4 errors\) not listed/);
	});

	test('a problem without a location is pinned to the first spec', () => {
		const out = lintDiagnostics([{ problems: [{ ruleId: 'x', severity: 'error', message: 'm' }] }], context);
		assert.equal(formatDiagnostic(out[0]!), 'model/apis/orders.yaml:1:1  (file)  [x] m');
	});

	test('several files print JSON documents back to back; each is parsed', () => {
		const text = `${JSON.stringify(REPORT, null, 2)}${JSON.stringify({ totals: { errors: 0 }, problems: [{ message: 'a "}" in a string' }] }, null, 2)}`;
		const docs = parseJsonDocuments(text) as RedoclyReport[];
		assert.equal(docs.length, 2);
		assert.equal(docs[1]!.problems![0]!.message, 'a "}" in a string');
	});

	test('a spec that is not YAML: the position comes out of the text', () => {
		const text = 'validating bad.yaml...\nFailed to parse API description at model/apis/bad.yaml:\n\n  - bad indentation of a mapping entry in "/repo/model/apis/bad.yaml" (5:2)\n';
		assert.deepEqual(failureDiagnostics(text, { ...context, config: '/repo/redocly.yaml' }).map(formatDiagnostic), [
			'model/apis/bad.yaml:5:2  (file)  [yaml] bad indentation of a mapping entry',
		]);
	});

	test('a broken redocly.yaml points at the config', () => {
		const text = '[1] redocly.yaml:4:3 at #/rules/no-such-rule\n\nProperty `no-such-rule` is not expected here.\n\n2 | extends\n';
		assert.deepEqual(failureDiagnostics(text, { ...context, config: '/repo/redocly.yaml' }).map(formatDiagnostic), [
			'redocly.yaml:4:3  #/rules/no-such-rule  [redocly config] Property `no-such-rule` is not expected here.',
		]);
	});

	test('anything else is still an error, never silence', () => {
		const out = failureDiagnostics('', { ...context, config: '/repo/redocly.yaml' });
		assert.equal(out.length, 1);
		assert.equal(out[0]!.severity, 'error');
		assert.equal(out[0]!.file, 'redocly.yaml');
	});
});

describe('$ref scan', () => {
	test('finds YAML, JSON and quoted refs with their positions', () => {
		const text = ['a:', '  $ref: "#/x"', "  b: { '$ref': 'parts/a.yaml#/A' }", '  {"$ref": "https://e.com/s.json"}', '  $ref: other.yaml # comment'].join('\n');
		assert.deepEqual(findRefs(text), [
			{ ref: '#/x', line: 2, column: 9 },
			{ ref: 'parts/a.yaml#/A', line: 3, column: 16 },
			{ ref: 'https://e.com/s.json', line: 4, column: 12 },
			{ ref: 'other.yaml', line: 5, column: 9 },
		]);
	});

	test('a double-quoted ref folded over two lines is read whole (as in the OpenAI spec)', () => {
		const text = 'x:\n  - $ref: "#/components/schemas/LongNameObjec\\\n      t"\n  - $ref: "#/y"\n';
		assert.deepEqual(findRefs(text), [
			{ ref: '#/components/schemas/LongNameObject', line: 2, column: 11 },
			{ ref: '#/y', line: 4, column: 11 },
		]);
	});

	test('kinds', () => {
		assert.equal(refKind('#/components/schemas/A'), 'local');
		assert.equal(refKind('parts/a.yaml#/A'), 'file');
		assert.equal(refKind('../a.yaml'), 'file');
		assert.equal(refKind('https://example.com/a.yaml'), 'remote');
		assert.equal(refKind('http://example.com/a.yaml'), 'remote');
		assert.equal(refKind('file:///etc/passwd'), 'absolute');
		assert.equal(refKind('/etc/passwd'), 'absolute');
	});
});

describe('spec files stay inside the model folder', () => {
	const root = join(scratch, 'model');
	mkdirSync(join(root, 'apis', 'parts'), { recursive: true });
	writeFileSync(join(scratch, 'outside.yaml'), 'A: {type: string}\n');
	const display = (absolute: string) => relative(scratch, absolute);

	test('follows relative refs from file to file, once each', () => {
		writeFileSync(join(root, 'apis', 'a.yaml'), 'x:\n  $ref: parts/b.yaml#/B\ny:\n  $ref: "./parts/b.yaml#/C"\n');
		writeFileSync(join(root, 'apis', 'parts', 'b.yaml'), 'B:\n  $ref: "#/C"\nC:\n  $ref: c.yaml\n');
		writeFileSync(join(root, 'apis', 'parts', 'c.yaml'), 'type: string\n');
		const walked = specFiles(root, join(root, 'apis', 'a.yaml'), display);
		assert.deepEqual(walked.diagnostics, []);
		assert.deepEqual(walked.files.map(display), ['model/apis/a.yaml', 'model/apis/parts/b.yaml', 'model/apis/parts/c.yaml']);
	});

	test('refuses the network, absolute paths, escapes, links out and missing files — each at its $ref', () => {
		symlinkSync(join(scratch, 'outside.yaml'), join(root, 'apis', 'link.yaml'));
		const lines = ['a:', '  $ref: https://example.com/a.yaml', 'b:', '  $ref: /etc/passwd', 'c:', '  $ref: ../../outside.yaml', 'd:', '  $ref: link.yaml', 'e:', '  $ref: nothing.yaml#/X'];
		writeFileSync(join(root, 'apis', 'bad.yaml'), `${lines.join('\n')}\n`);
		const walked = specFiles(root, join(root, 'apis', 'bad.yaml'), display);
		assert.deepEqual(walked.files.map(display), ['model/apis/bad.yaml']);
		assert.deepEqual(
			walked.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.replace(/;.*$/, '')}`),
			[
				'2:9 $ref "https://example.com/a.yaml" points at the network',
				'4:9 $ref "/etc/passwd" is an absolute path',
				'6:9 $ref "../../outside.yaml" leaves the model folder',
				'8:9 $ref "link.yaml" is a link that leaves the model folder',
				'10:9 $ref "nothing.yaml#/X": file model/apis/nothing.yaml does not exist',
			],
		);
		assert.ok(walked.diagnostics.every((d) => d.severity === 'error' && d.file === 'model/apis/bad.yaml'));
	});
});

describe('API ids and bundle folders', () => {
	const a = service('a', { apis: [{ id: 'public', name: 'A', spec: 'apis/a.yaml' }] });
	const b = service('b', { apis: [{ id: 'internal', name: 'B', spec: 'apis/b.yaml' }, { id: 'public', name: 'B2', spec: 'apis/b2.yaml' }] });
	const model = createModel({ systems: new Map(), teams: new Map(), services: new Map([['a', a], ['b', b]]), runbooks: new Map(), trees: new Map(), guides: [] });

	test('lists every API with its service and spec path', () => {
		assert.deepEqual(apisOf(model, '/m').map((e) => `${e.service.id}/${e.api.id} ${e.spec} ${e.absolute}`), ['a/public apis/a.yaml /m/apis/a.yaml', 'b/internal apis/b.yaml /m/apis/b.yaml', 'b/public apis/b2.yaml /m/apis/b2.yaml']);
	});

	test('an API id used by two services is an error at the second (the pages would collide)', () => {
		const out = duplicateApiIds(apisOf(model, '/m'), () => ({ line: 7, column: 9 }), (file) => file);
		assert.deepEqual(out.map(formatDiagnostic), ['services/b.yaml:7:9  apis[1].id  API id "public" is also used by service "a"; API ids must be unique in the model (each API\'s pages live at apis/<id>/)']);
	});

	test('each model gets its own bundle folder', () => {
		assert.notEqual(bundleFolder('/p', '/models/one'), bundleFolder('/p', '/models/two'));
		assert.equal(bundleFolder('/p', '/models/one'), bundleFolder('/p', '/models/one/'));
		assert.match(bundleFolder('/p', '/models/one'), /^\/p\/\.opsbook\/apis\/[0-9a-f]{12}$/);
	});
});

describe('sidebar around API pages', () => {
	const link = (label: string, href: string, isCurrent = false): Link => ({ type: 'link', label, href, isCurrent, badge: undefined, attrs: {} });
	const group = (label: string, entries: Entry[]): Group => ({ type: 'group', label, entries, collapsed: true, badge: undefined });
	const site = group('Catalog', [link('Services', '/services/')]);
	const api = (id: string, current?: string, tags = 2, perTag = 3) =>
		group(`API ${id}`, [
			link('Overview', `/apis/${id}/`, current === `/apis/${id}/`),
			...Array.from({ length: tags }, (_, t) =>
				group(`Tag ${t}`, Array.from({ length: perTag }, (_, o) => link(`Op ${t}.${o}`, `/apis/${id}/operations/op-${t}-${o}/`, current === `/apis/${id}/operations/op-${t}-${o}/`))),
			),
		]);

	test('a page outside the APIs loses every API group', () => {
		assert.deepEqual(trimApiGroups([api('a'), api('b'), site], '/services/', '/'), [site]);
	});

	test("an API page keeps only its API's group, expanded, with the current tag open and a Schemas link", () => {
		const out = trimApiGroups([api('a'), api('b', '/apis/b/operations/op-1-2/'), site], '/apis/b/operations/op-1-2/', '/');
		assert.equal(out.length, 2);
		const kept = out[0] as Group;
		assert.equal(kept.label, 'API b');
		assert.equal(kept.collapsed, false);
		assert.deepEqual(kept.entries.map((e) => `${e.label}${e.type === 'group' ? (e.collapsed ? ' (closed)' : ' (open)') : ''}`), ['Overview', 'Schemas', 'Tag 0 (closed)', 'Tag 1 (open)']);
	});

	test('a large API folds the other tags into one link each and windows a long current tag', () => {
		const path = '/apis/big/operations/op-0-50/';
		const out = trimApiGroups([api('big', path, 5, 100)], path, '/');
		const entries = (out[0] as Group).entries;
		assert.deepEqual(entries.slice(0, 2).map((e) => e.label), ['Overview', 'Schemas']);
		const current = entries[2] as Group;
		assert.equal(current.collapsed, false);
		assert.ok(current.entries.length < 30, `${current.entries.length} links in the current tag`);
		assert.ok(current.entries.some((e) => e.type === 'link' && e.isCurrent));
		assert.equal(current.entries.at(-1)!.label, 'All 100 in this group…');
		assert.deepEqual(entries.slice(3).map((e) => `${e.type} ${e.label}`), ['link Tag 1 (100)', 'link Tag 2 (100)', 'link Tag 3 (100)', 'link Tag 4 (100)']);
		assert.equal((entries[3] as Link).href, '/apis/big/operations/op-1-0/');
	});

	test("starlight-openapi's groups are wanted under apis/<id>/ only", () => {
		assert.deepEqual(
			['/apis/', '/apis/orders/', '/apis/orders/operations/get/', '/services/api/', '/pr-42/apis/orders/', '/apis-x/y/'].map((path) => isApiPage(path, '/')),
			[false, true, true, false, false, false],
		);
		assert.equal(isApiPage('/pr-42/apis/orders/schemas/', '/pr-42/'), true);
		assert.equal(isApiPage('/pr-42/apis/', '/pr-42'), false);
	});

	test("starlight-openapi still registers the middleware plugin.ts scopes to API pages", () => {
		const index = readFileSync(join(repoRoot, 'node_modules', 'starlight-openapi', 'index.ts'), 'utf8');
		assert.match(index, /addRouteMiddleware\(\{ entrypoint: 'starlight-openapi\/middleware'/);
	});

	test('an empty group (the placeholder starlight-openapi did not fill) is dropped', () => {
		assert.deepEqual(trimApiGroups([group('Symbol(StarlightOpenAPISidebarGroupsLabel)', []), site], '/services/', '/'), [site]);
	});

	test('works under a sub-path base, and cuts paragraph-long labels', () => {
		const long = group('API c', [link('Overview', '/pr-42/apis/c/'), group('T', [link('Lists the things. Only things that were stored with the flag set are returned, newest first.', '/pr-42/apis/c/operations/x/', true)])]);
		const out = trimApiGroups([long, site], '/pr-42/apis/c/operations/x/', '/pr-42/');
		const tag = (out[0] as Group).entries[2] as Group;
		assert.equal(tag.entries[0]!.label, 'Lists the things.');
		assert.deepEqual(trimApiGroups([long, site], '/pr-42/services/', '/pr-42/'), [site]);
	});

	test('overview pages are titled after the API, tag overviews after the tag', () => {
		const withTag = group('API d', [link('Overview', '/apis/d/', true), group('Agents', [link('Overview', '/apis/d/operations/tags/agents/'), link('List', '/apis/d/operations/list/')])]);
		assert.equal(apiPageTitle([withTag, site], '/apis/d/', '/'), 'API d');
		(withTag.entries[0] as Link).isCurrent = false;
		((withTag.entries[1] as Group).entries[0] as Link).isCurrent = true;
		assert.equal(apiPageTitle([withTag, site], '/apis/d/operations/tags/agents/', '/'), 'Agents operations');
		((withTag.entries[1] as Group).entries[0] as Link).isCurrent = false;
		((withTag.entries[1] as Group).entries[1] as Link).isCurrent = true;
		assert.equal(apiPageTitle([withTag, site], '/apis/d/operations/list/', '/'), undefined);
		assert.equal(apiPageTitle([withTag, site], '/services/', '/'), undefined);
	});
});

describe('API overview facts from the bundled spec', () => {
	const doc = {
		openapi: '3.1.0',
		info: { title: 'T', version: '1.2.0' },
		servers: [{ url: 'https://api.example.com', description: 'prod' }],
		security: [{ key: [] }],
		paths: {
			'/a': {
				get: { responses: { '200': { description: 'ok' }, '429': { $ref: '#/components/responses/Limited' }, '404': { $ref: '#/components/responses/NotFound' } } },
				post: { callbacks: { done: {} }, responses: { '201': { description: 'ok' }, '400': { $ref: '#/components/responses/NotFound' } } },
			},
		},
		webhooks: { 'thing.done': { post: { operationId: 'onThingDone', responses: { '200': { description: 'ok' } } } } },
		components: {
			securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, oidc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: {} } } } },
			responses: {
				Limited: { description: 'slow down', headers: { 'RateLimit-Remaining': { schema: { type: 'integer' } }, 'Retry-After': { schema: { type: 'integer' } } }, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
				NotFound: { description: 'no', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
			},
			schemas: {
				Problem: { type: 'object', description: 'RFC 9457', required: ['type'], properties: { type: { type: 'string', format: 'uri' }, errors: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } },
				Item: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { extra: { type: ['string', 'null'] } } }] },
				Base: { type: 'object', properties: { id: { type: 'string' } } },
				Kind: { enum: ['a', 'b'] },
			},
		},
	};

	test('servers, auth, rate limits, error format, counts', () => {
		const s = summarise(doc);
		assert.deepEqual([s.title, s.version, s.openapi, s.operations, s.webhooks, s.callbacks, s.schemas], ['T', '1.2.0', '3.1.0', 2, 1, 1, 4]);
		assert.deepEqual(s.servers, [{ url: 'https://api.example.com', description: 'prod' }]);
		assert.deepEqual(s.security.map((x) => `${x.name} ${x.type} ${x.detail}`), ['key apiKey X-API-Key in header', 'oidc oauth2 clientCredentials']);
		assert.deepEqual(s.required, ['key']);
		assert.deepEqual(s.rateLimits, { operations: 1, headers: ['RateLimit-Remaining', 'Retry-After'] });
		assert.deepEqual(s.errorFormats, [{ mediaType: 'application/problem+json', schema: 'Problem', operations: 2 }]);
	});

	test('schemas with their properties (allOf parts merged) and linked types', () => {
		const schemas = schemasOf(doc);
		assert.deepEqual(schemas.map((s) => s.name), ['Problem', 'Item', 'Base', 'Kind']);
		assert.deepEqual(schemas[0]!.properties.map((p) => `${p.name}${p.required ? '*' : ''}`), ['type*', 'errors']);
		assert.deepEqual(schemas[0]!.properties[1]!.type, [{ text: 'array of ' }, { ref: 'Item' }, { text: '' }]);
		assert.deepEqual(schemas[1]!.properties.map((p) => p.name), ['id', 'extra']);
		assert.deepEqual(typeParts(doc, { type: ['string', 'null'] }), [{ text: 'string | null' }]);
		assert.deepEqual(typeParts(doc, schemas.length ? doc.components.schemas.Kind : {}), [{ text: '"a" | "b"' }]);
		assert.equal(schemas[0]!.usedBy, 2);
	});

	test('a scheme description shrinks to its first paragraph, cut at a sentence', () => {
		assert.equal(firstParagraph('**Signed.** With HMAC,\nsee below.\n\n1. step'), '**Signed.** With HMAC, see below.');
		assert.equal(firstParagraph(`${'A long sentence here. '.repeat(20)}`, 60), 'A long sentence here. A long sentence here.');
		assert.equal(firstParagraph(undefined), undefined);
	});

	test("an operation page's method and path, from the page slug", () => {
		doc.paths['/a'].get = { ...doc.paths['/a'].get, operationId: 'listA' } as typeof doc.paths['/a']['get'];
		assert.deepEqual(operationAt(doc, '/apis/t/operations/lista/'), { method: 'GET', path: '/a' });
		assert.equal(operationAt(doc, '/apis/t/operations/nothing/'), undefined);
	});

	test("a webhook page's event name, from the page slug", () => {
		assert.equal(pageSlug('onThingDone'), 'onthingdone');
		assert.equal(webhookAt(doc, '/apis/t/webhooks/onthingdone/'), 'thing.done');
		assert.equal(webhookAt(doc, '/apis/t/webhooks/other/'), undefined);
	});
});

describe('bundles are kept by content', () => {
	const root = join(scratch, 'bundle-model');
	const write = (description: string) => {
		mkdirSync(join(root, 'apis', 'parts'), { recursive: true });
		writeFileSync(
			join(root, 'apis', 'orders.yaml'),
			[
				'openapi: 3.1.0',
				'info: { title: Orders, version: 1.0.0 }',
				'paths:',
				'  /orders/{id}:',
				'    get:',
				'      operationId: getOrder',
				'      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
				'      responses:',
				'        "200": { description: ok, content: { application/json: { schema: { $ref: "./parts/order.yaml" } } } }',
				'',
			].join('\n'),
		);
		writeFileSync(join(root, 'apis', 'parts', 'order.yaml'), `type: object\ndescription: ${description}\nproperties: { id: { type: string } }\n`);
	};
	const orders = service('orders', { apis: [{ id: 'orders', name: 'Orders', spec: 'apis/orders.yaml' }] });
	const model = createModel({ systems: new Map(), teams: new Map(), services: new Map([['orders', orders]]), runbooks: new Map(), trees: new Map(), guides: [] });
	const options = { root, folder: join(scratch, 'bundle-out'), cache: join(scratch, 'bundle-cache'), cwd: root };
	const bundledText = () => readFileSync(join(options.folder, 'orders.json'), 'utf8');

	test('an unchanged spec is not bundled again, even when its files look newer; a changed $ref target is', async () => {
		write('An order.');
		const first = await bundleApis(apisOf(model, root), options);
		assert.deepEqual([first.diagnostics, first.bundled, first.bundles.length], [[], 1, 1]);
		assert.match(bundledText(), /An order\./);

		rmSync(options.folder, { recursive: true });
		utimesSync(join(root, 'apis', 'orders.yaml'), new Date(), new Date(Date.now() + 60_000));
		const second = await bundleApis(apisOf(model, root), options);
		assert.deepEqual([second.bundled, second.bundles.length], [0, 1]);
		assert.match(bundledText(), /An order\./, 'the bundle is copied back from the cache');

		write('An order, changed.');
		const third = await bundleApis(apisOf(model, root), options);
		assert.equal(third.bundled, 1);
		assert.match(bundledText(), /An order, changed\./);
	});
});

describe('Redocly runs offline', () => {
	test('no telemetry and no update check in its environment', () => {
		const env = redoclyEnv({ PATH: '/bin', REDOCLY_TELEMETRY: 'on' });
		assert.equal(env.REDOCLY_TELEMETRY, 'off');
		assert.equal(env.REDOCLY_SUPPRESS_UPDATE_NOTICE, 'true');
		assert.equal(env.PATH, '/bin');
	});

	test('the preload refuses fetch and TCP connections', () => {
		const offline = pathToFileURL(join(repoRoot, 'src', 'apis', 'offline.ts')).href;
		const script = [
			"const net = await import('node:net');",
			"const f = await fetch('http://127.0.0.1:9/').then(() => 'fetched', (e) => e.message);",
			"const c = await new Promise((done) => { const s = net.connect(9, '127.0.0.1'); s.on('error', (e) => done(e.message)); s.on('connect', () => done('connected')); });",
			'console.log(JSON.stringify([f, c]));',
		].join('\n');
		const run = spawnSync(process.execPath, ['--import', offline, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20000 });
		assert.equal(run.status, 0, run.stderr);
		const [fetched, connected] = JSON.parse(run.stdout) as string[];
		assert.match(fetched!, /opsbook: network access refused \(http:\/\/127\.0\.0\.1:9\/\)/);
		assert.match(connected!, /opsbook: network access refused \(127\.0\.0\.1:9\)/);
	});
});
