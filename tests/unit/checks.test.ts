/** The model layer's checks not covered one-per-folder in the broken corpus, mostly warnings. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-checks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

const TEAM = 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n';
const SYSTEM = 'id: core\nname: Core\nsummary: The core system.\nowner: platform\n';
const SERVICE = `id: api
name: API
summary: Serves the public API.
kind: service
tier: 2
lifecycle: production
system: core
owner: platform
dataClassification: internal
`;
const RUNBOOK = `id: api-down
title: API is down
kind: incident
services: [api]
summary: Use when the API does not answer.
steps:
  - title: Restart it
`;

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
	test('a stateless service with an RPO is a warning', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}recovery:\n  rto: 1h\n  rpo: 5m\n  stateless: true\n` }), [
			'services/api.yaml:12:8  recovery.rpo  warning: a stateless service has no RPO; remove "rpo" or "stateless"',
		]);
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
