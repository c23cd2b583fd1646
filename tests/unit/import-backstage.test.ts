/** `opsbook import backstage` on the real descriptors in tests/fixtures/import/backstage/ (see its SOURCES.md). */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { importBackstage, parseEntityRef, serviceKindOf } from '../../src/import/backstage.ts';
import { runImport } from '../../src/import/index.ts';
import { collectFiles, readYamlInputs } from '../../src/import/read.ts';
import { guessLinkType, kebabId } from '../../src/import/text.ts';
import { isTodo } from '../../src/lib/todo.ts';
import type { ImportNote } from '../../src/import/types.ts';
import { fixtures } from './helpers.ts';

const folder = join(fixtures, 'import', 'backstage');
const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-backstage-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(scratch, `m${++counter}`);

function load(paths: string[]) {
	const notes: ImportNote[] = [];
	return readYamlInputs(collectFiles(paths, (name) => /\.ya?ml$/.test(name), notes), notes);
}

const result = importBackstage(load([folder]));
const entity = (kind: string, id: string) => {
	const found = result.entities.find((e) => e.kind === kind && e.id === id);
	assert.ok(found, `no ${kind}/${id}; have ${result.entities.map((e) => `${e.kind}/${e.id}`).join(', ')}`);
	return found;
};

describe('backstage: the real descriptors', () => {
	test('what was read: every kind, Location skipped', () => {
		assert.deepEqual(result.counts, { Group: 2, 'Location (skipped)': 1, User: 5, Component: 4, Resource: 2, System: 3, API: 2 });
		const described = result.entities.filter((e) => !e.stub).map((e) => `${e.kind}/${e.id}`).sort();
		assert.deepEqual(described, [
			'services/artist-lookup',
			'services/artists-db',
			'services/backstage-demo',
			'services/example-website',
			'services/one-platform-couchdb',
			'services/one-platform-lighthouse-service',
			'systems/artist-engagement-portal',
			'systems/examples',
			'systems/one-platform',
			'teams/acme-corp',
			'teams/team-a',
		]);
	});

	test('namespaces stripped, names to ids: group:redhat/one-platform-devs → one-platform-devs, devex/one-platform → one-platform', () => {
		const couch = entity('services', 'one-platform-couchdb').data;
		assert.equal(couch.owner, 'one-platform-devs');
		assert.equal(couch.system, 'one-platform');
		assert.equal(couch.kind, 'database');
		assert.equal(couch.lifecycle, 'production');
		assert.equal(couch.name, 'One Platform CouchDB');
		assert.deepEqual(parseEntityRef('group:default/team-a', 'group'), { kind: 'group', namespace: 'default', name: 'team-a', id: 'team-a' });
		assert.equal(parseEntityRef('backstage/maintainers', 'group')!.id, 'maintainers');
		assert.equal(kebabId('OnePlatform'), 'one-platform');
		assert.equal(kebabId('KubeAPIErrorBudgetBurn'), 'kube-api-error-budget-burn');
		assert.equal(kebabId('breanna.davison'), 'breanna-davison');
		assert.equal(kebabId('CPUThrottlingHigh'), 'cpu-throttling-high');
	});

	test('spec.type → kind; what Backstage does not have is a TODO', () => {
		const db = entity('services', 'artists-db').data;
		assert.equal(db.kind, 'database');
		assert.ok(isTodo(db.lifecycle), 'artists-db has no lifecycle');
		assert.ok(isTodo(db.tier) && isTodo(db.dataClassification));
		assert.equal(entity('services', 'backstage-demo').data.kind, 'service');
		assert.ok(isTodo(entity('services', 'backstage-demo').data.system));
		assert.equal(serviceKindOf('resource', 's3-bucket'), 'storage');
		assert.equal(serviceKindOf('resource', 'kafka-topic'), 'queue');
		assert.equal(serviceKindOf('resource', 'something'), undefined);
	});

	test('links: types guessed from icon, title and URL; the GitHub slug annotation becomes a repo link', () => {
		const links = entity('services', 'artist-lookup').data.links as { type: string; title: string }[];
		assert.deepEqual(links.map((l) => [l.title, l.type]), [
			['Examples Users', 'other'],
			['Example Group', 'other'],
			['Link with Cloud Icon', 'other'],
			['Dashboard', 'dashboard'],
			['Support', 'docs'],
			['Website', 'other'],
			['Alerts', 'alerts'],
		]);
		const system = entity('systems', 'one-platform').data;
		assert.deepEqual((system.links as { type: string; url: string }[]).map((l) => l.type), ['chat', 'other', 'other', 'other', 'repo']);
		assert.equal((system.links as { url: string }[])[4]!.url, 'https://github.com/1-Platform/one-platform');
		assert.equal(system.domain, 'platform-engineering');
		assert.equal(guessLinkType('API Docs', undefined, 'https://x'), 'docs');
		assert.equal(guessLinkType('Grafana', undefined, 'https://x'), 'dashboard');
		assert.equal(guessLinkType(undefined, undefined, 'https://gitlab.com/a/b'), 'repo');
	});

	test('Group → team with members from the Users (two "guest" users in different namespaces are one contact)', () => {
		const team = entity('teams', 'team-a').data;
		assert.equal(team.email, 'team-a@example.com');
		assert.deepEqual(team.members, [
			{ name: 'breanna.davison', email: 'breanna-davison@example.com' },
			{ name: 'Janelle Dawe', email: 'janelle-dawe@example.com' },
			{ name: 'Nigel Manning', email: 'nigel-manning@example.com' },
			{ name: 'Guest User', email: 'guest@example.com' },
		]);
		assert.ok(isTodo((team.chat as { channel: string }).channel));
		assert.equal(entity('teams', 'acme-corp').data.name, 'ACME Corp');
	});

	test('dependsOn (also the quirky top-level one), dependencyOf; every target that is only named becomes a stub', () => {
		const lighthouse = entity('services', 'one-platform-lighthouse-service').data;
		const deps = lighthouse.dependencies as Record<string, string>[];
		assert.deepEqual(deps.map((d) => d.service), ['native-apps-mongodb', 'one-platform-lighthouse-ci', 'one-platform-lighthouse-postgres']);
		assert.ok(deps.every((d) => isTodo(d.type) && isTodo(d.reason) && isTodo(d.onFailure)));
		const couch = entity('services', 'one-platform-couchdb').data;
		assert.deepEqual((couch.dependencies as { service: string }[]).map((d) => d.service), ['one-platform-reverse-proxy', 'one-platform-apps-service']);
		assert.ok(result.notes.some((n) => n.message.includes('dependsOn is outside spec')));
		const gateway = entity('services', 'one-platform-api-gateway');
		assert.equal(gateway.stub, true);
		assert.deepEqual((gateway.data.dependencies as { service: string }[]).map((d) => d.service), ['one-platform-lighthouse-service']);
		assert.equal(gateway.data.kind, 'service', 'a Component stub is a service');
		assert.ok(isTodo(entity('services', 'native-apps-mongodb').data.kind), 'a Resource stub has no kind');
		for (const team of ['one-platform-devs', 'guests', 'maintainers']) assert.equal(entity('teams', team).stub, true);
	});

	test('providesApis → apis, with an inline definition written to apis/<id>.<ext>', () => {
		const website = entity('services', 'example-website').data;
		assert.deepEqual(website.apis, [{ id: 'example-grpc-api', name: 'example-grpc-api', spec: 'apis/example-grpc-api.proto', type: 'grpc' }]);
		assert.equal(website.exposesApi, true);
		assert.equal(result.files.length, 1);
		assert.equal(result.files[0]!.path, 'apis/example-grpc-api.proto');
		assert.match(result.files[0]!.text, /^syntax = "proto3";\n\nservice Exampler \{/);
		assert.ok(result.notes.some((n) => n.message.includes('API demo-graphql is provided by no imported component')));
	});

	test('written: a file per entity with the provenance header, the API file, and the state', () => {
		const content = fresh();
		const run = runImport('backstage', [folder], { content });
		assert.equal(run.ok, true);
		assert.equal(run.reports.filter((r) => r.status === 'created').length, 21);
		const text = readFileSync(join(content, 'services', 'artist-lookup.yaml'), 'utf8');
		assert.match(text, /^# Imported by `opsbook import` from backstage: backstage\/backstage\/packages\/catalog-model\/examples\/components\/artist-lookup-component\.yaml\.\n/);
		assert.ok(existsSync(join(content, 'apis', 'example-grpc-api.proto')));
		const state = JSON.parse(readFileSync(join(content, '.imported.json'), 'utf8'));
		assert.deepEqual(state.files['services/artist-lookup.yaml'].sources, { backstage: ['backstage/backstage/packages/catalog-model/examples/components/artist-lookup-component.yaml'] });
		assert.equal(state.files['services/artist-lookup.yaml'].fields.owner.by, 'backstage');
	});
});

describe('backstage: hostile and odd input', () => {
	test('unsafe links dropped, control characters removed, relative $text read only inside the folder', () => {
		const dir = fresh();
		mkdirSync(join(dir, 'sub'), { recursive: true });
		writeFileSync(join(dir, 'sub', 'api.yaml'), 'openapi: 3.0.0\ninfo: { title: T, version: "1" }\npaths: {}\n');
		writeFileSync(
			join(dir, 'sub', 'catalog.yaml'),
			[
				'apiVersion: backstage.io/v1alpha1',
				'kind: Component',
				'metadata:',
				'  name: "Evil\\u001b[2JService"',
				'  description: "Beep\\u0007 \\u202eboom. More."',
				'  links:',
				'    - { url: "javascript:alert(1)", title: x }',
				'    - { url: "JaVa\\tScRiPt:alert(1)", title: y }',
				'    - { url: "data:text/html,<script>alert(1)</script>", title: z }',
				'    - { url: "https://grafana.example.com/d/1", title: Grafana }',
				'spec: { type: service, owner: "user:default/jdoe", lifecycle: prod, providesApis: [good-api, escaping-api] }',
				'---',
				'apiVersion: backstage.io/v1alpha1',
				'kind: API',
				'metadata: { name: good-api }',
				'spec: { type: openapi, owner: x, definition: { $text: ./api.yaml } }',
				'---',
				'apiVersion: backstage.io/v1alpha1',
				'kind: API',
				'metadata: { name: escaping-api }',
				'spec: { type: openapi, owner: x, definition: { $text: ../../../../etc/passwd } }',
				'---',
				'just: a document',
			].join('\n'),
		);
		const notes: ImportNote[] = [];
		const out = importBackstage(readYamlInputs(collectFiles([join(dir, 'sub')], (n) => /\.yaml$/.test(n) && n !== 'api.yaml', notes), notes));
		const service = out.entities.find((e) => e.kind === 'services')!;
		assert.equal(service.id, 'evil-2-j-service');
		assert.equal(service.data.name, 'Evil[2JService');
		assert.equal(service.data.summary, 'Beep boom.');
		assert.deepEqual(service.data.links, [{ type: 'dashboard', title: 'Grafana', url: 'https://grafana.example.com/d/1' }]);
		assert.ok(isTodo(service.data.owner) && /user jdoe/.test(service.data.owner as string));
		assert.ok(isTodo(service.data.lifecycle) && /"prod"/.test(service.data.lifecycle as string));
		const apis = service.data.apis as { id: string; spec: string }[];
		assert.equal(apis[0]!.spec, 'apis/good-api.yaml');
		assert.ok(isTodo(apis[1]!.spec));
		assert.deepEqual(out.files.map((f) => f.path), ['apis/good-api.yaml']);
		assert.ok(notes.some((n) => n.message.includes('control characters')));
		assert.equal(out.notes.filter((n) => n.message.includes('dropped a link')).length, 3);
		assert.ok(out.notes.some((n) => n.message.includes('not a Backstage entity')));
		assert.doesNotMatch(JSON.stringify(out.entities), /javascript|script:|data:text|\\u001b|\\u0007|\\u202e/i);
	});
});
