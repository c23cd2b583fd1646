/** The model layer's checks not covered one-per-folder in the broken corpus, mostly warnings. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { YAML } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-checks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

const TEAM = YAML.team;
const SYSTEM = YAML.system;
const SERVICE = YAML.service;
const RUNBOOK = YAML.runbook;

function check(files: Record<string, string>): string[] {
	const root = join(scratch, `m${++counter}`);
	const all = { 'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM, ...files };
	for (const [file, text] of Object.entries(all)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
	return loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic);
}

describe('alerts and runbooks', () => {
	test('an alert without a runbook is a warning', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}alerts:\n  - name: ApiDown\n    severity: critical\n    summary: Down.\n` }), [
			'services/api.yaml:11:5  alerts[0]  warning: alert "ApiDown" has no runbook; set "runbook:" or name the alert in a runbook\'s triggers.alerts',
		]);
	});
	test('an alert whose runbook does not list the service is a warning', () => {
		const other = SERVICE.replace('id: api', 'id: web').replace('name: API', 'name: Web');
		assert.deepEqual(
			check({ 'services/api.yaml': SERVICE, 'services/web.yaml': `${other}alerts:\n  - name: WebDown\n    severity: critical\n    summary: Down.\n    runbook: api-down\n`, 'runbooks/api-down.yaml': RUNBOOK }),
			['services/web.yaml:14:14  alerts[0].runbook  warning: runbook "api-down" does not list service "web" in its services'],
		);
	});
	test('a runbook triggered by an alert nobody defines is a warning with the nearest name', () => {
		assert.deepEqual(
			check({
				'services/api.yaml': `${SERVICE}alerts:\n  - name: ApiDown\n    severity: critical\n    summary: Down.\n    runbook: api-down\n`,
				'runbooks/api-down.yaml': `${RUNBOOK}triggers:\n  alerts: [ApiDown, ApiDwn]\n`,
			}),
			['runbooks/api-down.yaml:9:21  triggers.alerts[1]  warning: no service defines alert "ApiDwn"; did you mean "ApiDown"?'],
		);
	});
	test('a runbook escalating to an unknown team is an error', () => {
		assert.deepEqual(check({ 'services/api.yaml': SERVICE, 'runbooks/api-down.yaml': `${RUNBOOK}escalation:\n  team: platfrm\n` }), [
			'runbooks/api-down.yaml:9:9  escalation.team  unknown team "platfrm"; did you mean "platform"?',
		]);
	});
});

describe('services', () => {
	test('a stateless service may state an RPO (teams write "0")', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}recovery:\n  rto: 1h\n  rpo: "0"\n  stateless: true\n` }), []);
	});
	test('the same API id twice is an error', () => {
		const apis = 'apis:\n  - id: public\n    name: A\n    spec: apis/a.yaml\n  - id: public\n    name: B\n    spec: apis/a.yaml\n';
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}${apis}`, 'apis/a.yaml': 'openapi: 3.1.0\n' }), [
			'services/api.yaml:14:9  apis[1].id  API id "public" is used twice in this service',
		]);
	});
	test('an absolute spec path is an error', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}apis:\n  - id: public\n    name: A\n    spec: /etc/passwd\n` }), [
			'services/api.yaml:13:11  apis[0].spec  spec path "/etc/passwd" is absolute; give a path relative to the model folder',
		]);
	});
	test('a spec path that resolves inside the folder is fine, even with ..', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}apis:\n  - id: public\n    name: A\n    spec: apis/../apis/a.yaml\n`, 'apis/a.yaml': 'openapi: 3.1.0\n' }), []);
	});
	test('a spec that is a link leaving the folder is an error', () => {
		const outside = join(scratch, 'outside-spec.yaml');
		writeFileSync(outside, 'openapi: 3.1.0\n');
		const root = join(scratch, 'spec-link');
		mkdirSync(join(root, 'apis'), { recursive: true });
		symlinkSync(outside, join(root, 'apis', 'a.yaml'));
		for (const [file, text] of Object.entries({ 'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM, 'services/api.yaml': `${SERVICE}apis:\n  - id: public\n    name: A\n    spec: apis/a.yaml\n` })) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			writeFileSync(join(root, file), text);
		}
		assert.deepEqual(loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic), [
			'services/api.yaml:13:11  apis[0].spec  spec path "apis/a.yaml" is a link that leaves the model folder',
		]);
	});
	test('a spec path that is a folder is an error', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}apis:\n  - id: public\n    name: A\n    spec: apis\n`, 'apis/a.yaml': 'openapi: 3.1.0\n' }), [
			'services/api.yaml:13:11  apis[0].spec  spec file "apis" does not exist in the model folder',
		]);
	});
	test('the same id in two kinds is fine', () => {
		assert.deepEqual(check({ 'services/core.yaml': SERVICE.replace('id: api', 'id: core') }), []);
	});
});

describe('trees', () => {
	const SERVICE_FILE = { 'services/api.yaml': SERVICE };
	const tree = (nodes: string, start = 'a') => `id: t\ntitle: T\nservices: [api]\nsymptom: Broken.\nstart: ${start}\nnodes:\n${nodes}`;
	test('the same node id twice is an error', () => {
		const nodes = '  - id: a\n    question: A?\n    answers:\n      - label: x\n        next: a2\n  - id: a2\n    question: B?\n    answers:\n      - label: y\n        resolution: Fix it.\n  - id: a2\n    question: C?\n    answers:\n      - label: z\n        resolution: Fix it.\n';
		assert.deepEqual(check({ ...SERVICE_FILE, 'trees/t.yaml': tree(nodes) }), ['trees/t.yaml:17:9  nodes[2].id  duplicate node id "a2"']);
	});
	test('an answer that leads nowhere is an error', () => {
		assert.deepEqual(check({ ...SERVICE_FILE, 'trees/t.yaml': tree('  - id: a\n    question: A?\n    answers:\n      - label: "No"\n') }), [
			'trees/t.yaml:10:9  nodes[0].answers[0]  answer leads nowhere; give exactly one of next, runbook, resolution, escalate',
		]);
	});
	test('answers to unknown nodes, runbooks and teams are errors with the nearest id', () => {
		const nodes = '  - id: first\n    question: A?\n    answers:\n      - label: a\n        next: frist\n      - label: b\n        runbook: api-dwn\n      - label: c\n        escalate: platfrom\n';
		assert.deepEqual(check({ ...SERVICE_FILE, 'runbooks/api-down.yaml': RUNBOOK, 'trees/t.yaml': tree(nodes, 'first') }), [
			'trees/t.yaml:11:15  nodes[0].answers[0].next  unknown node "frist"; did you mean "first"?',
			'trees/t.yaml:13:18  nodes[0].answers[1].runbook  unknown runbook "api-dwn"; did you mean "api-down"?',
			'trees/t.yaml:15:19  nodes[0].answers[2].escalate  unknown team "platfrom"; did you mean "platform"?',
		]);
	});
	test('a node pointing to itself is a cycle', () => {
		const nodes = '  - id: a\n    question: A?\n    answers:\n      - label: again\n        next: a\n      - label: done\n        resolution: Fixed.\n';
		assert.deepEqual(check({ ...SERVICE_FILE, 'trees/t.yaml': tree(nodes) }), ['trees/t.yaml:11:15  nodes[0].answers[0].next  cycle: "a" leads back here, so a reader could go round forever']);
	});
	test('a node reached by two paths is no cycle', () => {
		const nodes = '  - id: a\n    question: A?\n    answers:\n      - label: x\n        next: b\n      - label: y\n        next: c\n  - id: b\n    question: B?\n    answers:\n      - label: x\n        next: c\n  - id: c\n    question: C?\n    answers:\n      - label: x\n        resolution: Fixed.\n';
		assert.deepEqual(check({ ...SERVICE_FILE, 'trees/t.yaml': tree(nodes) }), []);
	});
});

describe('security plan and incident management', () => {
	test('the same severity level twice in the incident matrix is an error', () => {
		const level = (name: string) => `  - level: sev1\n    name: ${name}\n    criteria: [x]\n    responseTime: 5m\n    updateEvery: 30m\n    page: true\n    review: true\n`;
		const incident = `summary: x\nseverities:\n${level('A')}${level('B')}escalation:\n  - level: 1\n    who: on-call\n    after: "0"\nroles:\n  - name: Lead\n    responsibilities: [Leads]\npostIncidentReview:\n  within: 5d\n  owner: Lead\n  steps: [Write it up]\n`;
		assert.deepEqual(check({ 'incident-management.yaml': incident }), ['incident-management.yaml:10:12  severities[1].level  severity "sev1" is defined twice']);
	});
});

describe('declared vocabulary: lifecycle stages and data classifications', () => {
	const POLICY = `tiers: { '1': [], '2': [], '3': [], '4': [] }
freshness: { review: 180d, restoreTest: 90d, runbookTest: 180d, treeReview: 180d }
vocabulary:
  lifecycles:
    - id: sunsetting
      description: Announced for removal; no new customers.
  classifications:
    - id: restricted-pii
      description: Personal data under GDPR.
      like: restricted
lifecycles:
  exempt: [experimental]
  needSunset: [deprecated, sunsettting]
`;
	test('a service may use a built-in or a declared term; an unknown one is an error with the nearest', () => {
		const service = (lifecycle: string, classification: string) =>
			SERVICE.replace('lifecycle: production', `lifecycle: ${lifecycle}`).replace('dataClassification: internal', `dataClassification: ${classification}`);
		assert.deepEqual(check({ 'policy.yaml': POLICY, 'services/api.yaml': service('sunsetting', 'restricted-pii') }), [
			'policy.yaml:13:28  lifecycles.needSunset[1]  unknown lifecycle stage "sunsettting"; did you mean "sunsetting"?',
		]);
		assert.deepEqual(check({ 'services/api.yaml': service('beta', 'restricted-pi') }), [
			'services/api.yaml:9:21  dataClassification  unknown data classification "restricted-pi"; did you mean "restricted"?',
		]);
		assert.deepEqual(check({ 'services/api.yaml': service('prod', 'internal') }), ['services/api.yaml:6:12  lifecycle  unknown lifecycle stage "prod"; did you mean "production"?']);
	});
	test('declaring a built-in term again is an error', () => {
		const policy = POLICY.replace('id: sunsetting', 'id: beta').replace('sunsettting', 'beta');
		assert.deepEqual(check({ 'policy.yaml': policy, 'services/api.yaml': SERVICE }), ['policy.yaml:5:11  vocabulary.lifecycles[0].id  "beta" is built in; declare only terms beyond experimental, beta, production, deprecated, retired']);
	});
});

describe('percentages written as fractions', () => {
	const slo = (target: number, indicator = 'availability') => `slos:\n  - name: A\n    indicator: ${indicator}\n    target: ${target}\n    window: 30d\n`;
	test('an availability objective of 0.99 is a warning that names the likely fraction', () => {
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + slo(0.99) }), [
			'services/api.yaml:13:13  slos[0].target  warning: an availability objective of 0.99 % allows 99 % downtime; if 0.99 is a fraction, write 99 — percentages are written as numbers such as 99.9',
		]);
	});
	test('below 90 without being a fraction is a warning too; an error-rate target is not', () => {
		assert.equal(check({ 'services/api.yaml': SERVICE + slo(85) }).length, 1);
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + slo(0.5, 'error-rate') }), []);
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + slo(99.9) }), []);
	});
	test('an SLA availability alike', () => {
		const sla = 'sla:\n  availability: 0.995\n  window: 30d\n  customers: Everyone\n  measurement: Probes\n';
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + sla }), [
			'services/api.yaml:11:17  sla.availability  warning: an availability SLA of 0.995 % allows 99 % downtime; if 0.995 is a fraction, write 99.5 — percentages are written as numbers such as 99.9',
		]);
	});
});

test('an alert whose runbook id is misspelt says which runbook it leads to meanwhile', () => {
	const alerts = 'alerts:\n  - name: ApiDown\n    severity: critical\n    summary: Down.\n    runbook: api-dwon\n';
	const runbook = RUNBOOK.replace('steps:', 'triggers:\n  alerts: [ApiDown]\nsteps:');
	assert.deepEqual(check({ 'services/api.yaml': SERVICE + alerts, 'runbooks/api-down.yaml': runbook }), [
		'services/api.yaml:14:14  alerts[0].runbook  unknown runbook "api-dwon"; did you mean "api-down"? Until it is fixed the alert leads to runbook "api-down", which lists it in triggers.alerts',
	]);
});

describe('an alert at several severities', () => {
	const alert = (severity: string, rules: string) => `alerts:\n  - name: DiskFillingUp\n    severity: ${severity}\n    summary: The disk fills up.\n    runbookUrl: https://runbooks.example.com/DiskFillingUp\n    rules:\n${rules}`;
	const rule = (severity: string) => `      - severity: ${severity}\n        expr: disk_free < 0.15\n`;
	test('one alert with a rule per severity is fine, and an external runbook needs no in-model one', () => {
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + alert('critical', rule('warning') + rule('critical')) }), []);
	});
	test('the alert\'s severity must be its worst rule\'s; a severity twice is an error', () => {
		assert.deepEqual(check({ 'services/api.yaml': SERVICE + alert('warning', rule('warning') + rule('critical') + rule('warning')) }), [
			'services/api.yaml:12:15  alerts[0].severity  severity is "warning" but the alert\'s most severe rule is "critical"; set "severity: critical"',
			'services/api.yaml:20:19  alerts[0].rules[2].severity  alert "DiskFillingUp" has two rules at severity warning; give each severity one rule',
		]);
	});
});

test('a gRPC definition is read for publishing and scanned for credentials like every published file', () => {
	const root = join(scratch, `m${++counter}`);
	const files: Record<string, string> = {
		'teams/platform.yaml': TEAM,
		'systems/core.yaml': SYSTEM,
		'services/api.yaml': `${SERVICE}apis:\n  - id: greeter\n    name: Greeter\n    type: grpc\n    spec: ./apis/greeter.proto\n`,
		'apis/greeter.proto': `syntax = "proto3";\n// token ghp_${'a1B2c3D4e5'.repeat(3)}123456\nservice Greeter {}\n`,
	};
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
	const result = loadModel(root, { cwd: root });
	assert.match(result.sourceText('apis/greeter.proto') ?? '', /^syntax = "proto3";/);
	assert.deepEqual(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity}`), ['apis/greeter.proto:2 error']);
	assert.match(result.diagnostics[0]!.message, /GitHub/i);
});

test('an API id is unique in the model across types: its pages live at /apis/<id>/', () => {
	const api = (type: string, spec: string) => `apis:\n  - id: events\n    name: Events\n    type: ${type}\n    spec: ${spec}\n`;
	const other = SERVICE.replace('id: api', 'id: worker').replace('name: API', 'name: Worker');
	assert.deepEqual(
		check({
			'services/api.yaml': SERVICE + api('asyncapi', 'apis/events.yaml'),
			'services/worker.yaml': other + api('grpc', 'apis/events.proto'),
			'apis/events.yaml': 'asyncapi: 3.0.0\ninfo: { title: Events }\n',
			'apis/events.proto': 'syntax = "proto3";\n',
		}),
		['services/worker.yaml:11:9  apis[0].id  API id "events" is already used by services/api.yaml; API ids are unique in the model (their pages live at /apis/<id>/)'],
	);
});

test('an AsyncAPI definition that cannot be read is an error at the service, before any page shows it', () => {
	const api = 'apis:\n  - id: events\n    name: Events\n    type: asyncapi\n    spec: apis/events.yaml\n';
	assert.deepEqual(check({ 'services/api.yaml': SERVICE + api, 'apis/events.yaml': 'openapi: 3.1.0\ninfo: { title: x }\n' }), [
		'services/api.yaml:14:11  apis[0].spec  "apis/events.yaml" is not a readable AsyncAPI document: no "asyncapi:" version at its top level',
	]);
});
