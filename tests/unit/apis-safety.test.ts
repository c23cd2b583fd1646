/**
 * Nothing in a model's API specs or its `apis/redocly.yaml` runs code or reaches the page as
 * script: the Redocly config may choose rules, not plugins; `$ref`s are judged as parsed (an
 * escaped key is still a `$ref`); spec URLs follow the one URL policy; spec text is rendered
 * like model text; and bundles leave without unsafe URL fields.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { bundleApis } from '../../src/apis/bundle.ts';
import { checkApis } from '../../src/apis/check.ts';
import { transformMarkdown } from '../../src/apis/openapi-markdown.ts';
import { redoclyConfig, vetRedoclyConfig } from '../../src/apis/redocly-config.ts';
import { markdownTargets, sanitiseSpec, unsafeLinks } from '../../src/apis/spec-links.ts';
import { apisOf, specFiles } from '../../src/apis/specs.ts';
import { openapiMarkdown, ORIGINAL, REPLACEMENT } from '../../src/apis/vite-openapi-markdown.ts';
import { formatDiagnostic } from '../../src/load/diagnostics.ts';
import type { LoadResult } from '../../src/load/index.ts';
import { createModel } from '../../src/model/index.ts';
import { repoRoot, service } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-apis-safety-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const display = (absolute: string) => relative(scratch, absolute);

/** A model folder with these files (paths relative to it) and one API per spec listed. */
function model(name: string, files: Record<string, string>, specs: string[]) {
	const root = join(scratch, name);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	const services = specs.map((spec, i) => service(`s${i}`, { apis: [{ id: `api${i}`, name: `API ${i}`, spec }] }));
	const built = createModel({ systems: new Map(), teams: new Map(), services: new Map(services.map((s) => [s.id, s])), runbooks: new Map(), trees: new Map(), guides: [] });
	const result = { model: built, root, position: () => ({ line: 1, column: 1 }), diagnostics: [], ok: true, files: 0, elapsed: 0 } as unknown as LoadResult;
	return { root, result, entries: apisOf(built, root) };
}

const SPEC = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0, license: { name: MIT } }\nservers: [{ url: https://api.example.com }]\nsecurity: []\npaths: {}\n';

/** A Redocly plugin that leaves a file behind when Redocly loads it. */
const plugin = (marker: string) => `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { id: 'evil' };\n`;

describe("a model's redocly.yaml may choose rules, not code", () => {
	const HOSTILE = [
		'extends:', //                              1
		'  - recommended', //                       2
		'  - ./more.yaml', //                       3
		'plugins:', //                              4
		'  - ./plugin.js', //                       5
		'resolve:', //                              6
		'  http: { headers: [{ matches: "*", name: X, envVariable: HOME }] }', // 7
		'decorators:', //                           8
		'  evil/inject: on', //                     9
		'  info-description-override: { filePath: /etc/passwd }', // 10
		'  remove-x-internal: on', //               11
		'rules:', //                                12
		'  operation-summary: warn', //             13
		'  x: { $ref: ../../secrets.yaml }', //     14
		'theme: {}', //                             15
		'apis:', //                                 16
		'  core@v1:', //                            17
		'    root: apis/a.yaml', //                 18
		'    plugins: [./other.js]', //             19
		'    extends: [minimal]', //                20
	].join('\n');

	test('plugins, extends outside the built-in rulesets, plugin or file-reading decorators, resolve, $ref and unknown keys: each an error at its key', () => {
		assert.deepEqual(vetRedoclyConfig(HOSTILE, 'model/apis/redocly.yaml').map(formatDiagnostic), [
			`model/apis/redocly.yaml:3:5  #/extends/1  extends "./more.yaml" is not one of Redocly's built-in rulesets (recommended, recommended-strict, minimal, spec, all); another config file could load plugins`,
			`model/apis/redocly.yaml:4:1  #/plugins  "plugins" loads JavaScript into Redocly, run by the check and the build; a model's redocly.yaml may choose rules, not run code`,
			'model/apis/redocly.yaml:6:1  #/resolve  "resolve" sets HTTP headers for fetching $refs; the build never fetches',
			`model/apis/redocly.yaml:9:3  #/decorators/evil~1inject  "evil/inject" comes from a plugin; only Redocly's built-in decorators and preprocessors are allowed`,
			'model/apis/redocly.yaml:10:3  #/decorators/info-description-override  "info-description-override" reads files named in the config; write the text into the spec instead',
			'model/apis/redocly.yaml:14:8  #/rules/x/$ref  $ref in redocly.yaml makes Redocly read another file or URL; write the settings out here',
			`model/apis/redocly.yaml:15:1  #/theme  "theme" is not accepted in a model's redocly.yaml; it may set telemetry, extends, apis, rules, decorators and preprocessors (and their per-format forms such as oas3_1Rules)`,
			`model/apis/redocly.yaml:19:5  #/apis/core@v1/plugins  "plugins" loads JavaScript into Redocly, run by the check and the build; a model's redocly.yaml may choose rules, not run code`,
		]);
	});

	test('escaped keys, aliases and merge keys do not hide anything', () => {
		const found = (text: string) => vetRedoclyConfig(text, 'r.yaml').map((d) => `${d.line}:${d.column} ${d.path}`);
		assert.deepEqual(found('"pl\\x75gins": [./p.js]\n'), ['1:1 #/plugins']);
		assert.deepEqual(found('x-a: &evil [./more.yaml]\nextends: *evil\n'), ['1:1 #/x-a', '1:13 #/extends/0']);
		assert.deepEqual(found('base: &b { plugins: [./p.js] }\n<<: *b\n'), ['1:1 #/base', '2:1 #/<<']);
		assert.deepEqual(found('extends: [recommended]\nextends: [./x.yaml]\n').length, 1, 'a duplicate key is a YAML error');
		assert.deepEqual(found('apis:\n  a@v1: { root: ../../etc/passwd }\n  b@v1: { root: /etc/passwd }\n  c@v1: { root: specs/c.yaml }\n'), ['2:17 #/apis/a@v1/root', '3:17 #/apis/b@v1/root']);
	});

	test('the configs the repository ships pass as they are', () => {
		for (const file of ['redocly.yaml', 'tests/fixtures/apis/realworld/apis/redocly.yaml']) {
			assert.deepEqual(vetRedoclyConfig(readFileSync(join(repoRoot, file), 'utf8'), file), [], file);
		}
		assert.deepEqual(vetRedoclyConfig('extends: minimal\noas3_1Rules: { struct: warn }\noas3_0Decorators: { filter-out: { property: x-internal, value: true } }\n', 'r.yaml'), []);
	});

	test('refused: neither lint nor bundle runs Redocly, and the check says why', async () => {
		const marker = join(scratch, 'refused-plugin-ran');
		const { root, result, entries } = model('refused', { 'apis/a.yaml': SPEC, 'apis/plugin.js': plugin(marker), 'apis/redocly.yaml': 'extends: [recommended]\nplugins:\n  - ./plugin.js\n' }, ['apis/a.yaml']);
		const checked = await checkApis(result, { cwd: scratch });
		assert.deepEqual(checked.diagnostics.map(formatDiagnostic), [
			`refused/apis/redocly.yaml:2:1  #/plugins  "plugins" loads JavaScript into Redocly, run by the check and the build; a model's redocly.yaml may choose rules, not run code`,
		]);
		const bundled = await bundleApis(entries, { root, folder: join(scratch, 'refused-out'), cache: join(scratch, 'refused-cache'), cwd: scratch });
		assert.deepEqual([bundled.bundles.length, bundled.bundled, bundled.diagnostics.length], [0, 0, 1]);
		assert.equal(existsSync(marker), false, 'the plugin ran');
		assert.equal(existsSync(join(scratch, 'refused-cache')), false);
	});

	test('allowRedoclyPlugins: true trusts the config as written', async () => {
		const marker = join(scratch, 'allowed-plugin-ran');
		const { root, result } = model('allowed', { 'apis/a.yaml': SPEC, 'apis/plugin.js': plugin(marker), 'apis/redocly.yaml': 'extends: [recommended]\nplugins:\n  - ./plugin.js\n' }, ['apis/a.yaml']);
		assert.deepEqual(redoclyConfig(root, { allowPlugins: true }), { file: join(root, 'apis', 'redocly.yaml'), diagnostics: [] });
		await checkApis(result, { cwd: scratch, allowRedoclyPlugins: true });
		assert.equal(existsSync(marker), true, 'Redocly loaded the plugin');
	});

	test("a model without its own redocly.yaml gets the repository's", () => {
		assert.deepEqual(redoclyConfig(join(scratch, 'nothing-here')), { file: join(repoRoot, 'redocly.yaml'), diagnostics: [] });
	});
});

describe('$refs are judged on the parsed document', () => {
	// Each escape spells `$ref`; each target leaves the model folder.
	const YAML = ['openapi: 3.1.0', 'paths:', '  /a:', '    get:', '      "$r\\x65f": "../../outside.yaml"', '  /b:', '    get:', '      "\\u0024ref": "../../outside.yaml#/B"', ''].join('\n');
	const JSON_SPEC = ['{', '  "openapi": "3.1.0",', '  "paths": {', '    "/a": { "get": { "\\u0024ref": "../../outside.json" } },', '    "/b": { "get": { "$r\\u0065f": "../../../etc/passwd" } }', '  }', '}', ''].join('\n');

	test('an escaped $ref key leaving the model folder is refused at its value, YAML and JSON', () => {
		const { root } = model('escaped', { 'apis/a.yaml': YAML, 'apis/b.json': JSON_SPEC }, []);
		const found = (file: string) => specFiles(root, join(root, file), display).diagnostics.map(formatDiagnostic);
		assert.deepEqual(found('apis/a.yaml'), [
			'escaped/apis/a.yaml:5:18  $ref  $ref "../../outside.yaml" leaves the model folder; keep every file of the spec inside it',
			'escaped/apis/a.yaml:8:20  $ref  $ref "../../outside.yaml#/B" leaves the model folder; keep every file of the spec inside it',
		]);
		assert.deepEqual(found('apis/b.json'), [
			'escaped/apis/b.json:4:35  $ref  $ref "../../outside.json" leaves the model folder; keep every file of the spec inside it',
			'escaped/apis/b.json:5:35  $ref  $ref "../../../etc/passwd" leaves the model folder; keep every file of the spec inside it',
		]);
	});

	test('a refused spec is neither linted (Redocly would report its missing info) nor bundled', async () => {
		const { root, result, entries } = model('escaped-check', { 'apis/a.yaml': YAML, 'apis/b.json': JSON_SPEC }, ['apis/a.yaml', 'apis/b.json']);
		const refused = (list: { path: string; message: string }[]) => list.length === 4 && list.every((d) => d.path === '$ref' && /leaves the model folder/.test(d.message));
		const checked = await checkApis(result, { cwd: scratch });
		assert.ok(refused(checked.diagnostics), checked.diagnostics.map(formatDiagnostic).join('\n'));
		const bundled = await bundleApis(entries, { root, folder: join(scratch, 'escaped-out'), cache: join(scratch, 'escaped-cache'), cwd: scratch });
		assert.ok(refused(bundled.diagnostics));
		assert.deepEqual([bundled.bundles, bundled.bundled, readdirSync(join(scratch, 'escaped-cache'))], [[], 0, []]);
	});

	test('discriminator mappings that Redocly follows are judged like $refs', () => {
		const spec = 'openapi: 3.1.0\ncomponents:\n  schemas:\n    Pet:\n      discriminator:\n        propertyName: kind\n        mapping:\n          dog: "#/components/schemas/Dog"\n          cat: ../../cat.yaml\n          bird: Bird\n';
		const { root } = model('mapping', { 'apis/a.yaml': spec }, []);
		assert.deepEqual(specFiles(root, join(root, 'apis/a.yaml'), display).diagnostics.map(formatDiagnostic), [
			'mapping/apis/a.yaml:9:16  $ref  $ref "../../cat.yaml" leaves the model folder; keep every file of the spec inside it',
		]);
	});

	test('a spec that does not parse is refused where the parser stopped', () => {
		const { root } = model('unparsable', { 'apis/a.yaml': 'openapi: 3.1.0\npaths:\n  /a: [\n' }, []);
		const out = specFiles(root, join(root, 'apis/a.yaml'), display).diagnostics;
		assert.equal(out.length, 1);
		assert.match(formatDiagnostic(out[0]!), /^unparsable\/apis\/a\.yaml:4:1 {2}\(file\) {2}\[yaml\] /);
	});
});

describe('spec URLs follow the one URL policy', () => {
	const SPEC_LINKS = [
		'openapi: 3.1.0', //                                           1
		'info:', //                                                    2
		'  title: T', //                                               3
		'  version: 1.0.0', //                                         4
		'  termsOfService: "data:text/html,<script>alert(1)</script>"', // 5
		'  contact: { name: Us, url: "javascript:alert(1)" }', //      6
		'  license: { name: MIT, url: https://opensource.org/license/mit }', // 7
		'  x-logo: { url: "JaVa&#x09;Script:alert(1)" }', //           8
		'  description: "See [the guide](javascript:alert(1)) or [docs](https://docs.example.com)."', // 9
		'externalDocs: { url: "vbscript:msgbox" }', //                 10
		'servers:', //                                                 11
		'  - url: https://api.example.com', //                         12
		'  - url: "javascript:alert(1)"', //                           13
		'paths:', //                                                   14
		'  /a:', //                                                    15
		'    get:', //                                                 16
		'      summary: "![x](data:image/svg+xml;base64,PHN2Zz4=)"', // 17
		'      externalDocs: { $ref: "#/x-docs" }', //                 18
		'      responses: { "200": { description: OK } }', //          19
		'components:', //                                              20
		'  securitySchemes:', //                                       21
		'    oauth:', //                                               22
		'      type: oauth2', //                                       23
		'      flows: { implicit: { authorizationUrl: "javascript:alert(1)", scopes: {} } }', // 24
		'    oidc: { type: openIdConnect, openIdConnectUrl: /.well-known/openid-configuration }', // 25
		'x-docs: { url: "javascript:alert(2)" }', //                   26
		'',
	].join('\n');

	test('each unsafe URL field and Markdown link is an error with its position and JSON pointer', () => {
		const { root } = model('links', { 'apis/a.yaml': SPEC_LINKS }, []);
		const walked = specFiles(root, join(root, 'apis/a.yaml'), display);
		assert.deepEqual(walked.diagnostics, [], 'URLs do not stop Redocly from linting the spec');
		assert.deepEqual(
			walked.links.map((d) => `${d.line}:${d.column} ${d.path} ${/"([^"]+)" is refused/.exec(d.message)![1]}`),
			[
				'5:19 #/info/termsOfService data:',
				'6:29 #/info/contact/url javascript:',
				'8:18 #/info/x-logo/url javascript:',
				'9:16 #/info/description javascript:',
				'10:22 #/externalDocs/url vbscript:',
				'13:10 #/servers/1/url javascript:',
				'17:16 #/paths/~1a/get/summary data:',
				'26:16 #/x-docs/url javascript:',
				'24:46 #/components/securitySchemes/oauth/flows/implicit/authorizationUrl javascript:',
			],
		);
		assert.ok(walked.links.every((d) => d.severity === 'error' && d.file === 'links/apis/a.yaml'));
		assert.equal(
			formatDiagnostic(walked.links[1]!),
			'links/apis/a.yaml:6:29  #/info/contact/url  links may use http:, https:, mailto: or tel: (or be site-relative); "javascript:" is refused because a browser could run it or read local files',
		);
		assert.match(walked.links[3]!.message, /^a link or image in this text goes to "javascript:alert\(1\)": links may use/);
	});

	test('Markdown targets as a browser gets them: references, autolinks, character references, escapes', () => {
		assert.deepEqual(markdownTargets('[a][r] <javascript:alert(1)> [b](java&#115;cript:x) [c](javascript\\:y)\n\n[r]: vbscript:z'), [
			'vbscript:z',
			'javascript:alert(1)',
			'javascript:x',
			'javascript:y',
		]);
		assert.deepEqual(markdownTargets('Plain text: no links, [brackets] and a <b>tag</b> (shown as text).'), []);
		assert.deepEqual(unsafeLinks({ info: { description: '[ok](https://a.example) [ok](/docs) [ok](mailto:x@y.z) [ok](#top)' } }), []);
	});
});

describe('spec text is rendered like model text', () => {
	test('raw HTML is text, unsafe link and image targets are dropped', async () => {
		const html = await transformMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1)) ![i](javascript:alert(2))');
		assert.doesNotMatch(html, /<script|<img src=x|onerror="|javascript:/i);
		assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
		assert.match(html, /<a href="">x<\/a>/);
	});

	test('what starlight-openapi relied on still renders: paragraphs, lists, code, tables, links, headings', async () => {
		const html = await transformMarkdown('## Usage\n\n- one\n- two\n\n```json\n{"a": 1}\n```\n\n| a | b |\n| - | - |\n| `1` | [x](https://x.example/) |\n');
		for (const tag of ['<h2>Usage</h2>', '<li>one</li>', '<pre><code class="language-json">', '<table>', '<td><code>1</code></td>', '<a href="https://x.example/">x</a>']) assert.ok(html.includes(tag), `${tag} in ${html}`);
	});

	test("starlight-openapi still renders spec text through ../libs/markdown, and the Vite hook swaps exactly that module", () => {
		const openapi = dirname(ORIGINAL).replace(/[\\/]libs$/, '');
		const md = join(openapi, 'components', 'Md.astro');
		assert.match(readFileSync(md, 'utf8'), /import \{ transformMarkdown \} from '\.\.\/libs\/markdown'/, 'starlight-openapi renamed the import: update vite-openapi-markdown.ts');
		assert.match(readFileSync(`${ORIGINAL}.ts`, 'utf8'), /export async function transformMarkdown\(/);
		const hook = openapiMarkdown();
		assert.equal(hook.resolveId('../libs/markdown', md), REPLACEMENT);
		assert.equal(hook.resolveId('../libs/markdown', `${md}?astro&type=script`), REPLACEMENT);
		assert.equal(hook.resolveId('../libs/utils', md), null);
		assert.equal(hook.resolveId('../libs/markdown', join(repoRoot, 'src', 'components', 'X.astro')), null);
		// Every other way into the module is swapped too, and nothing else in the package emits raw HTML from spec text.
		const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
		for (const file of files(openapi).filter((f) => /\.(astro|ts)$/.test(f) && !f.includes('node_modules'))) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/from '(\.[^']*markdown)'/g)) assert.equal(hook.resolveId(m[1]!, file), REPLACEMENT, `${file} imports ${m[1]}`);
			if (/set:html/.test(text)) assert.match(file, /[\\/]components[\\/](Md|Text)\.astro$/, `${file} writes raw HTML`);
		}
	});
});

describe('bundles leave without unsafe URL fields', () => {
	test('sanitiseSpec removes each unsafe field (a server as a whole) and keeps the rest', () => {
		const doc = {
			info: { title: 'T', termsOfService: 'javascript:a', contact: { name: 'Us', url: 'javascript:b', email: 'a@b.c' }, license: { name: 'MIT', url: 'https://mit' } },
			externalDocs: { $ref: '#/x-docs' },
			'x-docs': { url: 'data:text/html,x', description: 'More' },
			servers: [{ url: 'https://api.example.com' }, { url: 'javascript:c' }, { url: '{scheme}://host' }],
			components: { securitySchemes: { o: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'vbscript:d', scopes: {} } } } } },
		};
		assert.equal(sanitiseSpec(doc), 5);
		assert.deepEqual(doc, {
			info: { title: 'T', contact: { name: 'Us', email: 'a@b.c' }, license: { name: 'MIT', url: 'https://mit' } },
			externalDocs: { $ref: '#/x-docs' },
			'x-docs': { description: 'More' },
			servers: [{ url: 'https://api.example.com' }, { url: '{scheme}://host' }],
			components: { securitySchemes: { o: { type: 'oauth2', flows: { implicit: { scopes: {} } } } } },
		});
		assert.equal(sanitiseSpec(doc), 0);
	});

	test("the contact's name, which starlight-openapi writes as HTML (Starlight's <Card title>), keeps no tag", () => {
		const doc = { info: { contact: { name: 'Payments <img src=x onerror="alert(1)">', email: 'a@b.c' } } };
		assert.equal(sanitiseSpec(doc), 1);
		assert.equal(doc.info.contact.name, 'Payments &lt;img src=x onerror="alert(1)">');
		const plain = { info: { contact: { name: 'R&D payments', email: 'a@b.c' } } };
		assert.equal(sanitiseSpec(plain), 0);
		assert.equal(plain.info.contact.name, 'R&D payments');
		const card = readFileSync(join(repoRoot, 'node_modules', 'starlight-openapi', 'components', 'overview', 'OverviewSchema.astro'), 'utf8');
		assert.match(card, /<Card icon="external" title=\{document\.info\.contact\?\.name/, 'starlight-openapi changed how it shows the contact: see sanitiseSpec');
	});

	test('bundleApis writes the sanitised bundle (and caches it so)', async () => {
		const spec = SPEC.replace('license: { name: MIT }', 'license: { name: MIT }, contact: { url: "javascript:alert(1)" }');
		const { root, entries } = model('bundle', { 'apis/a.yaml': spec }, ['apis/a.yaml']);
		const options = { root, folder: join(scratch, 'bundle-out'), cache: join(scratch, 'bundle-cache'), cwd: scratch };
		const first = await bundleApis(entries, options);
		assert.deepEqual([first.diagnostics, first.bundled], [[], 1]);
		const bundle = readFileSync(join(options.folder, 'api0.json'), 'utf8');
		assert.doesNotMatch(bundle, /javascript:/);
		assert.match(bundle, /https:\/\/api\.example\.com/);
		for (const name of readdirSync(options.cache)) assert.doesNotMatch(readFileSync(join(options.cache, name), 'utf8'), /javascript:/);
	});
});

describe('credentials in specs', () => {
	test('a token in a spec, in a file it $refs (comments included) or in redocly.yaml is an error, masked', async () => {
		const token = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
		const spec = 'openapi: 3.1.0\ninfo:\n  title: T\n  version: "1"\npaths:\n  /a:\n    $ref: paths.yaml\n';
		const { result } = model('secret-spec', {
			'apis/a.yaml': `# deploy with ${token}\n${spec}`,
			'apis/paths.yaml': `get:\n  description: "Authorization: Bearer ${token}"\n  responses:\n    "200":\n      description: ok\n`,
			'apis/redocly.yaml': `# ${token}\nextends: [recommended]\n`,
		}, ['apis/a.yaml']);
		const checked = await checkApis(result, { cwd: scratch });
		const lines = checked.diagnostics.filter((d) => /GitHub token/.test(d.message)).map(formatDiagnostic);
		assert.deepEqual(lines.map((line) => line.split('  ')[0]), ['secret-spec/apis/redocly.yaml:1:3', 'secret-spec/apis/a.yaml:1:15', 'secret-spec/apis/paths.yaml:2:39']);
		for (const line of lines) assert.ok(!line.includes(token), line);
	});
});

describe('a definition that is not OpenAPI', () => {
	test('is said at the service with the type to set, and never handed to Redocly', async () => {
		const { result } = model('not-openapi', { 'apis/g.proto': 'syntax = "proto3";\n', 'apis/events.yaml': 'asyncapi: 3.0.0\ninfo: { title: Events, version: "1" }\n', 'apis/plain.yaml': 'title: nothing\n' }, [
			'apis/g.proto',
			'apis/events.yaml',
			'apis/plain.yaml',
		]);
		const checked = await checkApis(result, { cwd: scratch });
		assert.deepEqual(checked.diagnostics.map((d) => `${d.file} ${d.path}: ${d.message}`), [
			'not-openapi/services/s0.yaml apis[0].spec: "apis/g.proto" is a gRPC definition, not an OpenAPI spec; set "type: grpc" on this API',
			'not-openapi/services/s1.yaml apis[0].spec: "apis/events.yaml" is an AsyncAPI document, not an OpenAPI spec; set "type: asyncapi" on this API',
			'not-openapi/services/s2.yaml apis[0].spec: "apis/plain.yaml" is not an OpenAPI document (its top level has no "openapi:"); give an OpenAPI 3.0/3.1 spec, or set "type:" to asyncapi, grpc or graphql',
		]);
	});
});
