/**
 * The API step end to end. A spec that breaks a lint rule fails `npm run check` (and the build)
 * with file:line:col of the spec — in a file pulled in by `$ref` too — and specs that point at
 * the network or out of the model folder are refused. Real, public specs (petstore, callbacks,
 * 3.1 webhooks-only, Redocly's museum, Ory Kratos, the 3 MB OpenAI spec) each build into pages.
 *
 * The real specs are not committed: they are copied from ../shared/realworld/openapi/ at test
 * time, and the test is skipped, saying so, when that folder is absent.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { copyModel, project, run } from './helpers.ts';

const scratch: string[] = [];
after(() => {
	for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
});

test('a lint error in a spec fails the check with file:line:col, $ref-ed files and refused refs included', () => {
	const check = run('check', ['--content', 'tests/fixtures/apis/lint-error']);
	assert.equal(check.status, 1, check.output);
	for (const line of [
		'tests/fixtures/apis/lint-error/apis/orders.yaml:11:5  #/paths/~1orders/get/summary  [operation-summary] Operation object should contain `summary` field.',
		'tests/fixtures/apis/lint-error/apis/parts/order.yaml:10:13  #/Order/properties/id/type  [struct] `type` can be one of the following only:',
		'tests/fixtures/apis/lint-error/apis/refunds.yaml:18:21  $ref  $ref "https://schemas.example.com/refund.json" points at the network',
		'tests/fixtures/apis/lint-error/apis/refunds.yaml:25:23  $ref  $ref "../../outside.yaml#/Refund" leaves the model folder',
	]) {
		assert.ok(check.output.includes(line), `missing from the output: ${line}\n${check.output}`);
	}
	assert.match(check.output, /^✖ 4 errors, 0 warnings/m);
	assert.doesNotMatch(check.output, /^\s+at /m);

	const build = run('build', ['--out', join(mkdtempSync(join(tmpdir(), 'opsbook-apis-out-')), 'dist')], { OPSBOOK_CONTENT: resolve(project, 'tests/fixtures/apis/lint-error') });
	assert.equal(build.status, 1);
	assert.match(build.output, /Build refused/);
});

test("a model's Redocly plugin, escaped $refs and javascript: links fail the check; none of it runs", () => {
	const model = copyModel('tests/fixtures/apis/hostile-spec');
	scratch.push(resolve(model, '..'));
	const check = run('check', ['--content', model]);
	assert.equal(check.status, 1, check.output);
	for (const line of [
		`apis/redocly.yaml:4:1  #/plugins  "plugins" loads JavaScript into Redocly`,
		`apis/orders.yaml:22:28  $ref  $ref "../../../outside.yaml" leaves the model folder`,
		`apis/orders.yaml:28:30  $ref  $ref "../../../outside.yaml#/Problem" leaves the model folder`,
		`apis/orders.yaml:6:10  #/info/contact/url  links may use http:, https:, mailto: or tel: (or be site-relative); "javascript:" is refused`,
		`apis/orders.yaml:7:16  #/info/description  a link or image in this text goes to "javascript:alert(1)"`,
	]) {
		assert.ok(check.output.includes(line), `missing from the output: ${line}\n${check.output}`);
	}
	assert.match(check.output, /^✖ 5 errors, 0 warnings/m);
	assert.match(check.output, /not linted: the model's redocly.yaml was refused/);
	assert.equal(existsSync(join(model, 'apis', 'PLUGIN-RAN')), false, 'the Redocly plugin ran');
});

test('unchanged specs are not linted again; a change in a $ref-ed file is', () => {
	const model = copyModel('tests/fixtures/apis/lint-error');
	const cache = mkdtempSync(join(tmpdir(), 'opsbook-lint-cache-'));
	scratch.push(resolve(model, '..'), cache);
	const env = { OPSBOOK_CACHE: cache };
	const findings = (output: string) => output.split('\n').filter((line) => /\.yaml:\d+:\d+ /.test(line)).join('\n');

	const first = run('check', ['--content', model], env);
	assert.doesNotMatch(first.output, /from the lint cache/);
	const second = run('check', ['--content', model], env);
	assert.match(second.output, /linted with Redocly in \d+ ms \(1 spec unchanged, from the lint cache\)/);
	assert.equal(findings(second.output), findings(first.output));
	assert.match(second.output, /parts\/order\.yaml:10:13 .*\[struct\]/);

	// Fix the bad type in the file orders.yaml pulls in: orders.yaml is linted again.
	const part = join(model, 'apis', 'parts', 'order.yaml');
	writeFileSync(part, readFileSync(part, 'utf8').replace(/type: strin$/m, 'type: string'));
	const third = run('check', ['--content', model], env);
	assert.doesNotMatch(third.output, /from the lint cache/);
	assert.doesNotMatch(third.output, /parts\/order\.yaml:10:13/);
	assert.match(third.output, /orders\.yaml:11:5 .*\[operation-summary\]/);
});

const realworld = resolve(project, '..', 'shared', 'realworld', 'openapi');
const SPECS = ['oai-petstore.yaml', 'oai-callback-example.yaml', 'oai-webhook-example.yaml', 'redocly-museum.yaml', 'ory-kratos-api.json', 'openai-openapi.yaml'];
const missing = SPECS.filter((file) => !existsSync(join(realworld, file)));

test(
	'real-world specs, the 3 MB OpenAI spec included, each build into operation and webhook pages',
	{ timeout: 15 * 60_000, skip: missing.length ? `the real-world specs are not here (${realworld}: missing ${missing.join(', ')})` : false },
	(t) => {
		const model = copyModel('tests/fixtures/apis/realworld');
		const out = join(mkdtempSync(join(tmpdir(), 'opsbook-realworld-')), 'dist');
		scratch.push(resolve(model, '..'), resolve(out, '..'));
		for (const file of SPECS) cpSync(join(realworld, file), join(model, 'apis', file));

		const started = performance.now();
		const build = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
		const seconds = (performance.now() - started) / 1000;
		t.diagnostic(`real-world build (6 specs, OpenAI included): ${seconds.toFixed(1)} s`);
		assert.equal(build.status, 0, build.output.slice(-6000));
		assert.match(build.output, /✔ 0 errors, \d+ warnings/);

		const page = (path: string) => {
			const file = join(out, path, 'index.html');
			assert.ok(existsSync(file), `no page ${path}`);
			return readFileSync(file, 'utf8');
		};
		const count = (path: string) => readdirSync(join(out, path)).length;
		/** Like assert.match, without printing a whole page when it fails. */
		const has = (html: string, pattern: RegExp, what: string) => assert.ok(pattern.test(html), `${what}: no match for ${pattern}`);

		has(page('apis/petstore/operations/listpets'), /data-pagefind-meta="kind:API operation"/, 'petstore operation');
		has(page('apis/callbacks/operations/streams'), /id="callbacks"/, 'callbacks section');
		has(page('apis/webhooks/webhooks/newpet'), /data-pagefind-meta="kind:Webhook"/, 'webhook page kind');
		has(page('apis/museum/webhooks/publishnewevent'), /Webhook <code[^>]*>publishNewEvent<\/code> of/, 'museum webhook name');
		assert.ok(count('apis/museum/operations') >= 8);
		assert.ok(count('apis/kratos/operations') >= 50);
		assert.ok(count('apis/openai/operations') >= 250, `${count('apis/openai/operations')} OpenAI operation pages`);
		assert.ok(count('apis/openai/webhooks') >= 10);

		// Every API links back to its service, and the service to the API.
		const overview = page('apis/openai');
		has(overview, /<title>OpenAI API \|/, 'overview title');
		has(overview, /data-ob-service="openai"/, 'link to the service');
		has(page('services/openai'), /href="\/apis\/openai\/"/, 'service page link to its API');
		has(page('apis'), /href="\/apis\/kratos\/"/, 'APIs index');
		assert.ok(existsSync(join(out, 'apis', 'openai', 'schemas', 'index.html')));

		// The sidebar stays small: the OpenAI group is trimmed on its pages and absent elsewhere.
		const sidebar = (html: string) => html.slice(html.indexOf('<sl-sidebar-state-persist'), html.indexOf('</sl-sidebar-state-persist>'));
		const links = (html: string) => sidebar(html).match(/<a /g)?.length ?? 0;
		assert.ok(links(page('apis/openai/operations/createchatcompletion')) < 120, `${links(page('apis/openai/operations/createchatcompletion'))} sidebar links`);
		assert.doesNotMatch(sidebar(page('services')), /\/apis\/openai\//);
		assert.ok(existsSync(join(out, 'pagefind')));
	},
);
