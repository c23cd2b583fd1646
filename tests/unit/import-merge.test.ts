/**
 * Re-importing: what came from the source is updated, what a person wrote is kept, comments
 * survive, provenance is recorded (src/import/write.ts); and the TODO marker (src/lib/todo.ts).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.ts';
import { isTodo, todo, todoPaths } from '../../src/lib/todo.ts';
import type { ImportResult } from '../../src/import/types.ts';
import { mergeEntity, readState, STATE_FILE, writeImport, type FileState } from '../../src/import/write.ts';
import { fixtures } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-merge-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(scratch, `m${++counter}`);
const read = (content: string, file: string) => readFileSync(join(content, file), 'utf8');
const data = (content: string, file: string) => parse(read(content, file)) as Record<string, any>;

describe('the TODO marker', () => {
	test('isTodo: a string whose first word is TODO, in capitals', () => {
		for (const value of ['TODO', 'TODO: owner — not in Backstage', '  TODO(import): x', todo('tier', 'why')]) assert.equal(isTodo(value), true, value);
		for (const value of ['Todo list service', 'TODOS', 'See TODO below', '', undefined, null, 3, ['TODO'], { a: 'TODO' }]) assert.equal(isTodo(value), false, String(value));
	});
	test('todoPaths finds every marker, nested', () => {
		assert.deepEqual(todoPaths({ owner: 'TODO: x', slos: [{ name: 'a', indicator: 'TODO' }], steps: [{ title: 'ok' }] }), ['owner', 'slos[0].indicator']);
	});
});

describe('re-importing the real rule files', () => {
	const rules = join(fixtures, 'import', 'prometheus');

	test('a second import changes nothing', () => {
		const content = fresh();
		runImport('prometheus', [rules], { content });
		const before = read(content, 'services/etcd.yaml');
		const state = read(content, STATE_FILE);
		const again = runImport('prometheus', [rules], { content });
		assert.ok(again.reports.every((r) => r.status === 'unchanged'), again.lines.join('\n'));
		assert.equal(read(content, 'services/etcd.yaml'), before);
		assert.equal(read(content, STATE_FILE), state);
	});

	test('hand edits are kept, comments survive, filled TODOs stay filled, the rest follows the source', () => {
		const source = fresh();
		cpSync(rules, source, { recursive: true });
		const content = fresh();
		runImport('prometheus', [source], { content });
		let text = read(content, 'services/etcd.yaml');
		text = text
			.replace('owner: "TODO: owner (a team id) — Prometheus rules do not say"', 'owner: sre # the SRE team took it over')
			.replace('summary: etcd cluster has no leader.', 'summary: No etcd leader — the API server cannot write.')
			.replace('id: etcd\n', 'id: etcd\n# Reviewed with the SRE team.\n');
		writeFileSync(join(content, 'services/etcd.yaml'), text);

		// The source changes: etcdNoLeader waits 2m now, etcdInsufficientMembers is renamed away.
		const file = join(source, 'etcd-mixin-alerts.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/(etcd_server_has_leader\{job=~"\.\*etcd\.\*"\} == 0\n {4}for: )1m/, '$12m').replace('alert: etcdInsufficientMembers', 'alert: etcdTooFewMembers'));
		const again = runImport('prometheus', [source], { content });
		const report = again.reports.find((r) => r.path === 'services/etcd.yaml')!;
		assert.equal(report.status, 'updated');
		assert.deepEqual(report.kept, ['alerts["etcdNoLeader"].summary']);

		const after = read(content, 'services/etcd.yaml');
		assert.match(after, /^owner: sre # the SRE team took it over$/m);
		assert.match(after, /^# Reviewed with the SRE team\.$/m);
		const etcd = data(content, 'services/etcd.yaml');
		const noLeader = etcd.alerts.find((a: { name: string }) => a.name === 'etcdNoLeader');
		assert.equal(noLeader.summary, 'No etcd leader — the API server cannot write.');
		assert.equal(noLeader.for, '2m', 'an unedited field follows the source');
		const names = etcd.alerts.map((a: { name: string }) => a.name);
		assert.ok(names.includes('etcdTooFewMembers'));
		assert.ok(!names.includes('etcdInsufficientMembers'), 'an unedited alert the source dropped goes');
		assert.ok(report.removed.includes('alerts["etcdInsufficientMembers"]'));
	});

	test('a deleted field stays deleted; an edited alert the source dropped stays', () => {
		const source = fresh();
		cpSync(rules, source, { recursive: true });
		const content = fresh();
		runImport('prometheus', [source], { content });
		const path = join(content, 'services/etcd.yaml');
		writeFileSync(path, read(content, 'services/etcd.yaml').replace(/\n {4}runbookUrl: https:\/\/etcd\.io[^\n]*/, '').replace('summary: etcd cluster members are down.', 'summary: Members down (edited).'));
		const file = join(source, 'etcd-mixin-alerts.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace('alert: etcdMembersDown', 'alert: etcdMembersGone'));
		const again = runImport('prometheus', [source], { content });
		const etcd = data(content, 'services/etcd.yaml');
		assert.ok(etcd.alerts.every((a: { runbookUrl?: string }) => !a.runbookUrl), 'the runbookUrl a person deleted is not written back');
		assert.ok(etcd.alerts.some((a: { name: string }) => a.name === 'etcdMembersDown'), 'edited, so kept although the source dropped it');
		const report = again.reports.find((r) => r.path === 'services/etcd.yaml')!;
		assert.ok(report.kept.includes('alerts["etcdMembersDown"]'));
		assert.ok(report.kept.some((p) => p.endsWith('.runbookUrl')));
	});

	test('--dry-run writes nothing', () => {
		const content = fresh();
		const run = runImport('prometheus', [rules], { content, dryRun: true });
		assert.equal(run.ok, true);
		assert.equal(existsSync(content), false);
		assert.match(run.lines.at(-2)!, /^Would write: 18 created/);
		assert.match(run.lines[2]!, /would be created/);
	});
});

describe('several importers, one file', () => {
	const entity = (by: string, data: Record<string, unknown>, weak: string[] = []): ImportResult => ({
		source: by as never,
		entities: [{ kind: 'services', id: 'etcd', data: { id: 'etcd', ...data }, weak, sources: [`${by}.yaml`] }],
		files: [],
		notes: [],
		counts: {},
	});

	test('a real value replaces a gap-filler and a TODO, never the other way round', () => {
		const content = fresh();
		writeImport(entity('prometheus', { name: 'etcd', owner: todo('owner'), alerts: [{ name: 'A', severity: 'critical', summary: 's', expr: 'x' }] }, ['name', 'owner']), content);
		writeImport(entity('backstage', { name: 'etcd cluster', owner: 'platform', tier: todo('tier') }), content);
		let etcd = data(content, 'services/etcd.yaml');
		assert.equal(etcd.name, 'etcd cluster');
		assert.equal(etcd.owner, 'platform');
		assert.equal(etcd.alerts.length, 1, 'the other importer\'s field is left alone');

		// The first importer again: its gap-fillers and TODOs do not undo the real values.
		writeImport(entity('prometheus', { name: 'etcd', owner: todo('owner'), alerts: [{ name: 'A', severity: 'critical', summary: 's', expr: 'x' }] }, ['name', 'owner']), content);
		etcd = data(content, 'services/etcd.yaml');
		assert.equal(etcd.name, 'etcd cluster');
		assert.equal(etcd.owner, 'platform');

		// A TODO a person replaced stays replaced; a new real value from the source does fill a TODO.
		writeFileSync(join(content, 'services/etcd.yaml'), read(content, 'services/etcd.yaml').replace(/tier: .*/, 'tier: 2'));
		writeImport(entity('backstage', { name: 'etcd cluster', owner: 'platform', tier: todo('tier'), lifecycle: todo('lifecycle') }), content);
		writeImport(entity('backstage', { name: 'etcd cluster', owner: 'platform', tier: todo('tier'), lifecycle: 'production' }), content);
		etcd = data(content, 'services/etcd.yaml');
		assert.equal(etcd.tier, 2);
		assert.equal(etcd.lifecycle, 'production');

		const state = readState(content);
		const fields = state.files['services/etcd.yaml']!;
		assert.deepEqual(fields.sources, { backstage: ['backstage.yaml'], prometheus: ['prometheus.yaml'] });
		assert.equal(fields.fields!.name!.by, 'backstage');
		assert.match(read(content, 'services/etcd.yaml'), /^# Imported by `opsbook import` from prometheus: prometheus\.yaml; backstage: backstage\.yaml\.$/m);
	});

	test('a file a person wrote first: their values kept, only what is missing added; a broken file is left alone', () => {
		const state: FileState = { sources: {} };
		const mine = '# mine\nid: etcd\nname: Our etcd\nalerts:\n  - name: A\n    severity: warning # we think so\n';
		const { report, text } = mergeEntity(entity('prometheus', { name: 'etcd', alerts: [{ name: 'A', severity: 'critical', summary: 's' }] }, ['name']).entities[0]!, mine, state, 'prometheus');
		assert.equal(report.status, 'updated');
		assert.deepEqual(report.kept, ['alerts["A"].severity']);
		assert.equal(text, '# mine\nid: etcd\nname: Our etcd\nalerts:\n  - name: A\n    severity: warning # we think so\n    summary: s\n');
		const broken = mergeEntity(entity('prometheus', { name: 'etcd' }).entities[0]!, 'id: [unclosed\n', { sources: {} }, 'prometheus');
		assert.equal(broken.report.status, 'skipped');
		assert.equal(broken.text, undefined);
	});

	test('an API definition a person edited is kept', () => {
		const content = fresh();
		const result = (text: string): ImportResult => ({ source: 'backstage', entities: [], files: [{ path: 'apis/x.proto', text, sources: ['a.yaml'] }], notes: [], counts: {} });
		writeImport(result('v1\n'), content);
		writeImport(result('v2\n'), content);
		assert.equal(read(content, 'apis/x.proto'), 'v2\n');
		writeFileSync(join(content, 'apis/x.proto'), 'mine\n');
		const outcome = writeImport(result('v3\n'), content);
		assert.equal(read(content, 'apis/x.proto'), 'mine\n');
		assert.deepEqual(outcome.reports[0]!.kept, ['(edited by a person)']);
	});

	test('a model file that is a link is not read or written through', () => {
		const content = fresh();
		const outside = fresh();
		mkdirSync(join(content, 'services'), { recursive: true });
		mkdirSync(outside, { recursive: true });
		writeFileSync(join(outside, 'secret.yaml'), 'id: etcd\nname: outside\n');
		symlinkSync(join(outside, 'secret.yaml'), join(content, 'services', 'etcd.yaml'));
		const outcome = writeImport(entity('backstage', { name: 'etcd cluster' }), content);
		assert.equal(outcome.reports[0]!.status, 'skipped');
		assert.match(outcome.reports[0]!.problem!, /is a link/);
		assert.equal(readFileSync(join(outside, 'secret.yaml'), 'utf8'), 'id: etcd\nname: outside\n');
		assert.equal(readState(content).files['services/etcd.yaml'], undefined);
	});

	test('credentials in the source are masked, with a warning', () => {
		const content = fresh();
		const token = `ghp_${'a1B2c3D4e5'.repeat(3)}123456`;
		const outcome = writeImport(entity('backstage', { name: 'etcd', description: `token ${token}` }), content);
		assert.doesNotMatch(read(content, 'services/etcd.yaml'), new RegExp(token));
		assert.ok(outcome.notes.some((n) => n.message.includes('masked 1 credential')));
	});
});
