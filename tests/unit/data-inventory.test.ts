/**
 * The data inventory: data sets on services, the policy's dataRules by classification, the
 * data-handling requirement (a gap per missing thing, at its field) and the cross-file checks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { z } from 'zod';
import { judge } from '../../src/coverage/verdict.ts';
import { formatPath } from '../../src/load/diagnostics.ts';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { builtinClassification, classificationOf, dataRulesFor, isDataStore, sensitivity } from '../../src/model/governance.ts';
import { policySchema } from '../../src/model/policy.ts';
import { dataSet, type serviceSchema } from '../../src/model/service.ts';
import { model, policy, runbook, service, TODAY } from './helpers.ts';

const USERS = {
	name: 'User accounts',
	categories: ['customer-pii', 'credentials'],
	classification: 'restricted',
	residency: ['eu-central-1'],
	retention: 'while the account exists, then 30 days',
	encryption: { atRest: { enabled: true, how: 'KMS' }, inTransit: { enabled: true, how: 'TLS 1.2+' } },
	erasureRunbook: 'erase-user',
	exportRunbook: 'export-user',
	legalBasis: 'GDPR art. 6(1)(b)',
};
const STRICT = { restricted: { erasureRunbook: true, exportRunbook: true, encryption: true, retention: true, residency: true } };

function gapsOf(data: z.input<typeof serviceSchema>['data'], options: { rules?: object; classification?: string; vocabulary?: object; runbooks?: string[]; kind?: 'database' | 'service' } = {}) {
	const m = model({
		services: [service('db', { kind: options.kind ?? 'database', tier: 1, dataClassification: options.classification ?? 'restricted', data, recovery: { rto: '1h', rpo: '5m' } })],
		runbooks: (options.runbooks ?? ['erase-user', 'export-user']).map((id) => runbook(id, { kind: 'procedure', services: ['db'] })),
	});
	const p = policy({ tiers: { '1': ['data-handling'], '2': [], '3': [], '4': [] }, dataRules: options.rules ?? STRICT, vocabulary: options.vocabulary });
	return judge(m, p, TODAY);
}
const lines = (verdict: ReturnType<typeof judge>) => verdict.gaps.map((gap) => `${formatPath(gap.field)}: ${gap.detail} — ${gap.fix}`);

describe('the schema', () => {
	test('a data set: name and categories required, residency defaults to none', () => {
		assert.deepEqual(dataSet.parse({ name: 'Logs', categories: ['logs'] }), { name: 'Logs', categories: ['logs'], residency: [] });
		assert.equal(dataSet.safeParse({ name: 'Logs', categories: [] }).success, false);
		assert.equal(dataSet.safeParse({ name: 'Logs', categories: ['Customer PII'] }).success, false);
	});
	test('retention is a duration or the rule as written; encryption is enabled + how', () => {
		assert.equal(dataSet.safeParse({ ...USERS, retention: '30d' }).success, true);
		assert.equal(dataSet.safeParse({ ...USERS, encryption: { atRest: true } }).success, false);
		assert.equal(dataSet.safeParse({ ...USERS, encryption: { atRest: { enabled: true }, sideways: {} } }).success, false);
	});
	test('a service lists its data sets under data (none by default)', () => {
		assert.deepEqual(service('api').data, []);
		assert.equal(service('db', { data: [USERS] }).data[0]!.legalBasis, 'GDPR art. 6(1)(b)');
	});
	test('dataRules are keyed by built-in classification only', () => {
		const base = { tiers: { '1': [], '2': [], '3': [], '4': [] }, freshness: { review: '1d', restoreTest: '1d', runbookTest: '1d', treeReview: '1d' } };
		assert.equal(policySchema.safeParse({ ...base, dataRules: { restricted: { encryption: true } } }).success, true);
		assert.equal(policySchema.safeParse({ ...base, dataRules: { 'restricted-pci': { encryption: true } } }).success, false);
		assert.equal(policySchema.safeParse({ ...base, dataRules: { restricted: { encrypted: true } } }).success, false);
	});
});

describe('classifications and their rules', () => {
	const p = policy({ vocabulary: { lifecycles: [], classifications: [{ id: 'restricted-pci', description: 'Cards.', like: 'restricted' }] }, dataRules: STRICT });
	test('a declared classification counts as its like', () => {
		assert.equal(builtinClassification(p, 'restricted-pci'), 'restricted');
		assert.equal(builtinClassification(p, 'internal'), 'internal');
		assert.equal(builtinClassification(p, 'secret'), undefined);
		assert.equal(dataRulesFor(p, 'restricted-pci')?.under, 'restricted');
		assert.equal(dataRulesFor(p, 'internal'), undefined);
		assert.deepEqual(['public', 'internal', 'confidential', 'restricted', 'restricted-pci'].map((id) => sensitivity(p, id)), [0, 1, 2, 3, 3]);
	});
	test('a data set without its own classification takes the service\'s', () => {
		const s = service('db', { dataClassification: 'confidential' });
		assert.equal(classificationOf(s, dataSet.parse({ name: 'Logs', categories: ['logs'] })), 'confidential');
		assert.equal(classificationOf(s, dataSet.parse({ name: 'Logs', categories: ['logs'], classification: 'internal' })), 'internal');
	});
	test('databases, storage, queues and caches hold data unless stateless', () => {
		assert.equal(isDataStore(service('db', { kind: 'database' })), true);
		assert.equal(isDataStore(service('q', { kind: 'queue' })), true);
		assert.equal(isDataStore(service('c', { kind: 'cache', recovery: { rto: '1h', stateless: true } })), false);
		assert.equal(isDataStore(service('api', { kind: 'service' })), false);
	});
});

describe('the data-handling requirement', () => {
	test('met when every data set has what its classification asks', () => {
		const verdict = gapsOf([USERS]);
		assert.deepEqual(verdict.gaps, []);
		assert.equal(verdict.services[0]!.results[0]!.detail, '1 data set');
	});
	test('a data store without an inventory is one gap at "data"', () => {
		const verdict = gapsOf([]);
		assert.deepEqual(lines(verdict), ['data: it is a database and lists no data sets — add "data:" with each data set the service stores (name, categories, classification, residency, retention, encryption)']);
		assert.equal(verdict.gaps[0]!.message.startsWith('tier 1 requires a data inventory, but it is a database'), true);
	});
	test('a service that is not a data store needs no inventory', () => {
		assert.deepEqual(gapsOf([], { kind: 'service' }).gaps, []);
	});
	test('each missing thing is its own gap, at its field, with the fix for it', () => {
		const bare = { name: 'User accounts', categories: ['customer-pii'] };
		assert.deepEqual(lines(gapsOf([bare])), [
			'data[0].erasureRunbook: data set "User accounts" (restricted) names no erasure runbook — write the runbook that erases one person\'s data from it on request and set "erasureRunbook:" to its id',
			'data[0].exportRunbook: data set "User accounts" (restricted) names no export runbook — write the runbook that exports one person\'s data (or the whole set) on request and set "exportRunbook:" to its id',
			'data[0].encryption.atRest: data set "User accounts" (restricted) does not say whether it is encrypted at rest — add "encryption: { atRest: { enabled: true, how: … } }" once it is encrypted at rest',
			'data[0].encryption.inTransit: data set "User accounts" (restricted) does not say whether it is encrypted in transit — add "encryption: { inTransit: { enabled: true, how: … } }" once it is encrypted in transit',
			'data[0].retention: data set "User accounts" (restricted) gives no retention — set "retention:" to how long it is kept, e.g. "30d" or "while the account exists, then 30 days"',
			'data[0].residency: data set "User accounts" (restricted) gives no residency — set "residency:" to the regions it is stored in, backups and replicas included',
		]);
	});
	test('encryption switched off is a gap that says so', () => {
		const [gap] = gapsOf([{ ...USERS, encryption: { ...USERS.encryption, inTransit: { enabled: false } } }]).gaps;
		assert.equal(gap?.detail, 'data set "User accounts" (restricted) is not encrypted in transit');
		assert.deepEqual(gap?.field, ['data', 0, 'encryption', 'inTransit']);
	});
	test('a runbook that is not in the model is a gap with the nearest id', () => {
		const [gap] = gapsOf([{ ...USERS, erasureRunbook: 'erase-usr' }]).gaps;
		assert.equal(gap?.detail, 'data set "User accounts" (restricted) names erasure runbook "erase-usr", which is not in the model');
		assert.equal(gap?.fix, 'correct the id (did you mean "erase-user"?), or add runbooks/erase-usr.yaml');
	});
	test('a rule left out or false is not asked', () => {
		assert.deepEqual(gapsOf([{ name: 'Accounts', categories: ['customer-pii'] }], { rules: { restricted: { erasureRunbook: false } } }).gaps, []);
		assert.deepEqual(gapsOf([{ name: 'Accounts', categories: ['customer-pii'] }], { rules: { confidential: { erasureRunbook: true } } }).gaps, []);
	});
	test('the rules follow the data set\'s classification, else the service\'s', () => {
		const internal = { name: 'Metrics', categories: ['telemetry'], classification: 'internal' };
		assert.deepEqual(gapsOf([internal]).gaps, []);
		assert.equal(gapsOf([{ name: 'Metrics', categories: ['telemetry'] }]).gaps.length, 6);
	});
	test('a declared classification follows the rules of its like, and says so', () => {
		const vocabulary = { lifecycles: [], classifications: [{ id: 'restricted-pci', description: 'Cards.', like: 'restricted' }] };
		const verdict = gapsOf([{ ...USERS, classification: 'restricted-pci', exportRunbook: undefined }], { vocabulary, classification: 'restricted-pci' });
		assert.deepEqual(verdict.gaps.map((gap) => gap.detail), ['data set "User accounts" (restricted-pci, like restricted) names no export runbook']);
	});
});

describe('from YAML', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'opsbook-data-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));
	let counter = 0;
	const check = (data: string, dataClassification = 'confidential') => {
		const root = join(scratch, `m${++counter}`);
		const files = {
			'teams/platform.yaml': 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n',
			'systems/core.yaml': 'id: core\nname: Core\nsummary: The core system.\nowner: platform\n',
			'runbooks/erase-user.yaml': 'id: erase-user\ntitle: Erase a user\nkind: procedure\nservices: [db]\nsummary: On request.\nsteps:\n  - title: Delete\n',
			'services/db.yaml': `id: db\nname: DB\nsummary: Holds it.\nkind: database\ntier: 2\nlifecycle: production\nsystem: core\nowner: platform\ndataClassification: ${dataClassification}\ndata:\n${data}`,
		};
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			writeFileSync(join(root, file), text);
		}
		return loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic);
	};
	test('an erasure or export runbook that is not in the model is an error with the nearest id', () => {
		assert.deepEqual(check('  - name: Users\n    categories: [customer-pii]\n    erasureRunbook: erase-usr\n    exportRunbook: erase-user\n'), [
			'services/db.yaml:13:21  data[0].erasureRunbook  unknown runbook "erase-usr"; did you mean "erase-user"?',
		]);
	});
	test('an unknown classification is an error with the nearest id', () => {
		assert.deepEqual(check('  - name: Users\n    categories: [customer-pii]\n    classification: confidental\n'), [
			'services/db.yaml:13:21  data[0].classification  unknown data classification "confidental"; did you mean "confidential"?',
		]);
	});
	test('a data set more sensitive than the service\'s dataClassification is a warning', () => {
		assert.deepEqual(check('  - name: Users\n    categories: [customer-pii]\n    classification: restricted\n', 'internal'), [
			'services/db.yaml:13:21  data[0].classification  warning: data set "Users" is restricted, more sensitive than the service\'s dataClassification internal; dataClassification is the most sensitive data it holds — raise it to restricted',
		]);
	});
	test('a data set listed twice is an error', () => {
		assert.deepEqual(check('  - name: Users\n    categories: [customer-pii]\n  - name: users\n    categories: [logs]\n'), [
			'services/db.yaml:13:11  data[1].name  data set "users" is listed twice; give each data set one entry',
		]);
	});
});

describe('the data inventory page and the model reference', () => {
	test('every data set of every service, by system, most critical service first, with its classification', async () => {
		const { dataInventory, uninventoried } = await import('../../src/site/queries-governance.ts');
		const m = model({
			services: [
				service('logs', { system: 'ops', tier: 3, kind: 'storage', data: [{ name: 'Logs', categories: ['logs'] }] }),
				service('db', { tier: 2, kind: 'database', dataClassification: 'restricted', data: [USERS, { name: 'Audit', categories: ['logs'], classification: 'internal' }] }),
				service('queue', { tier: 1, kind: 'queue' }),
			],
		});
		assert.deepEqual(dataInventory(m).map((row) => `${row.service.id} ${row.index} ${row.data.name} ${row.classification}`), [
			'db 0 User accounts restricted',
			'db 1 Audit internal',
			'logs 0 Logs internal',
		]);
		assert.deepEqual(uninventoried(m, isDataStore).map((s) => s.id), ['queue']);
	});
	test('the reference lists the fields of each classification\'s rule', async () => {
		const { kindReferences } = await import('../../src/model/reference.ts');
		const rows = kindReferences().find((k) => k.name === 'policy')!.rows;
		const dataRules = rows.find((row) => row.path === 'dataRules')!;
		assert.equal(dataRules.type, 'map of objects, keyed by public, internal, confidential or restricted');
		assert.deepEqual(rows.filter((row) => row.path.startsWith('dataRules.')).map((row) => row.path), [
			'dataRules.<key>.erasureRunbook',
			'dataRules.<key>.exportRunbook',
			'dataRules.<key>.encryption',
			'dataRules.<key>.retention',
			'dataRules.<key>.residency',
		]);
		const services = kindReferences().find((k) => k.name === 'services')!.rows.map((row) => row.path);
		for (const path of ['data[].categories', 'data[].encryption.atRest.enabled', 'data[].erasureRunbook', 'impact.maxTolerableDowntime']) assert.ok(services.includes(path), path);
	});
});
