/**
 * The fields added from issue 15 (what a team's real operations model needed): runbook owner and
 * several escalations, an RPO for a stateless service, an external service's vendor, sunset and
 * replacement, tree node kinds and escalation levels, retention as written, per-severity incident
 * details, security detection steps and notification regulations, and the required fields real
 * data lacked. Each is accepted in its valid forms, refused with a clear message otherwise, and
 * read the same way by the pages' helpers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import type { z } from 'zod';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { YAML } from './helpers.ts';
import { parseDuration } from '../../src/lib/duration.ts';
import { examples } from '../../src/model/examples.ts';
import { jsonSchemas } from '../../src/model/json-schema.ts';
import { kinds } from '../../src/model/kinds.ts';
import { referenceRows } from '../../src/model/reference.ts';
import { runbookSchema } from '../../src/model/runbook.ts';
import { serviceSchema } from '../../src/model/service.ts';
import { pagerLabel, rpoText } from '../../src/site/queries.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-additions-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

const TEAM = `${YAML.team}escalation:
  - level: 1
    who: Platform on-call
    after: "0"
  - level: 2
    who: Platform lead
    after: 15m
`;
const SECURITY_TEAM = 'id: security\nname: Security\nchat:\n  channel: "#security"\n';
const SYSTEM = YAML.system;
const SERVICE = YAML.service;
const RUNBOOK = YAML.runbook;
const TREE = `id: api-errors
title: API errors
services: [api]
symptom: The API answers 500.
start: health
nodes:
  - id: health
    kind: check
    question: Does the health endpoint answer?
    command: curl -fsS https://api.example.com/healthz
    answers:
      - label: "Yes"
        resolution: Nothing to do.
`;

/** Loads a small model and returns its diagnostics as `npm run check` prints them. */
function check(files: Record<string, string>): string[] {
	const root = join(scratch, `m${++counter}`);
	const all = { 'teams/platform.yaml': TEAM, 'teams/security.yaml': SECURITY_TEAM, 'systems/core.yaml': SYSTEM, 'services/api.yaml': SERVICE, ...files };
	for (const [file, text] of Object.entries(all)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
	return loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic);
}

/** The issues a value produces, as `path: code` strings. */
function issues(schema: z.ZodType, value: unknown): string[] {
	const result = schema.safeParse(value);
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`);
}

const read = (yaml: string) => parse(yaml) as Record<string, unknown>;

describe('runbook owner and escalations', () => {
	const runbook = read(RUNBOOK);
	test('one escalation and a list of them are both read as a list', () => {
		const one = runbookSchema.parse({ ...runbook, escalation: { team: 'platform', after: '30m' } });
		assert.deepEqual(one.escalation, [{ team: 'platform', after: '30m' }]);
		const several = runbookSchema.parse({
			...runbook,
			escalation: [{ team: 'platform', after: '30m' }, { team: 'security', level: 2, when: 'An attack', reason: 'Security leads' }],
		});
		assert.equal(several.escalation?.length, 2);
		assert.equal(several.escalation?.[1]?.level, 2);
		assert.equal(runbookSchema.parse(runbook).escalation, undefined, 'no escalation stays absent');
	});
	test('an empty list, a level below 1 and an unknown field are refused', () => {
		assert.deepEqual(issues(runbookSchema, { ...runbook, escalation: [] }), ['escalation: too_small']);
		assert.deepEqual(issues(runbookSchema, { ...runbook, escalation: [{ team: 'platform', level: 0 }] }), ['escalation.0.level: too_small']);
		assert.deepEqual(issues(runbookSchema, { ...runbook, escalation: { team: 'platform', lvl: 2 } }), ['escalation: unrecognized_keys']);
	});
	test('an escalation that is neither says what is expected', () => {
		assert.deepEqual(check({ 'runbooks/api-down.yaml': `${RUNBOOK}escalation: platform\n` }), [
			'runbooks/api-down.yaml:8:13  escalation  expected an escalation (team, after, when) or a list of them, found "platform"',
		]);
	});
	test('a misspelt field in either form gets a did-you-mean', () => {
		assert.deepEqual(check({ 'runbooks/api-down.yaml': `${RUNBOOK}escalation:\n  team: platform\n  lvl: 2\n` }), [
			'runbooks/api-down.yaml:10:3  escalation.lvl  unknown field "lvl"; did you mean "level"?',
		]);
		assert.deepEqual(check({ 'runbooks/api-down.yaml': `${RUNBOOK}escalation:\n  - team: platform\n    reasn: x\n` }), [
			'runbooks/api-down.yaml:10:5  escalation[0].reasn  unknown field "reasn"; did you mean "reason"?',
		]);
	});
	test('an unknown owner and an unknown team in a list are errors with the nearest id, at their line', () => {
		assert.deepEqual(
			check({ 'runbooks/api-down.yaml': `${RUNBOOK}owner: platfrom\nescalation:\n  - team: platform\n  - team: securty\n    when: An attack.\n` }),
			[
				'runbooks/api-down.yaml:8:8  owner  unknown team "platfrom"; did you mean "platform"?',
				'runbooks/api-down.yaml:11:11  escalation[1].team  unknown team "securty"; did you mean "security"?',
			],
		);
	});
	test('a level the team does not have is a warning naming the levels it has', () => {
		assert.deepEqual(check({ 'runbooks/api-down.yaml': `${RUNBOOK}escalation:\n  team: platform\n  level: 3\n` }), [
			'runbooks/api-down.yaml:10:10  escalation.level  warning: team "platform" has no escalation level 3; its levels are 1, 2',
		]);
		assert.deepEqual(check({ 'runbooks/api-down.yaml': `${RUNBOOK}owner: platform\nescalation:\n  team: platform\n  level: 2\n` }), []);
	});
});

describe('service recovery, vendor, sunset and replacement', () => {
	const service = read(SERVICE);
	test('a stateless service may state an RPO, and the pages write it beside "stateless"', () => {
		const parsed = serviceSchema.parse({ ...service, recovery: { rto: '1h', rpo: 0, stateless: true } });
		assert.equal(rpoText(parsed.recovery!), '0 (stateless)');
		assert.equal(rpoText(serviceSchema.parse({ ...service, recovery: { rto: '1h', stateless: true } }).recovery!), 'stateless');
		assert.equal(rpoText(serviceSchema.parse({ ...service, recovery: { rto: '1h', rpo: '5m' } }).recovery!), '5m');
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}recovery:\n  rto: 1h\n  rpo: "0"\n  stateless: true\n` }), []);
	});
	test('a stateful service still needs an RPO', () => {
		assert.deepEqual(check({ 'services/api.yaml': `${SERVICE}recovery:\n  rto: 1h\n` }), [
			'services/api.yaml:10:1  recovery  missing "rpo"; give the recovery point objective, or set "stateless: true" when the service holds no data',
		]);
	});
	test('backup retention is a duration or the policy as written', () => {
		const backup = { method: 'pg_dump', schedule: 'daily', location: 's3://backups' };
		const withRetention = (retention: unknown) => ({ ...service, recovery: { rto: '1h', rpo: '1d', backup: { ...backup, retention } } });
		assert.deepEqual(issues(serviceSchema, withRetention('30d')), []);
		assert.deepEqual(issues(serviceSchema, withRetention(0)), []);
		assert.deepEqual(issues(serviceSchema, withRetention('7 daily, 4 weekly, 12 monthly')), []);
		assert.deepEqual(issues(serviceSchema, withRetention('')), ['recovery.backup.retention: invalid_union']);
		assert.deepEqual(issues(serviceSchema, withRetention(30)), ['recovery.backup.retention: invalid_union']);
		// Whatever computes with a retention must tell the two forms apart.
		assert.equal(parseDuration('7 daily, 4 weekly, 12 monthly'), undefined);
		assert.equal(parseDuration('30d'), 30 * 86400);
	});
	test('a retention that is neither says what is expected', () => {
		const file = `${SERVICE}recovery:\n  rto: 1h\n  rpo: 1d\n  backup:\n    method: pg_dump\n    schedule: daily\n    retention: 30\n    location: s3://backups\n`;
		assert.deepEqual(check({ 'services/api.yaml': file }), [
			'services/api.yaml:16:16  recovery.backup.retention  expected a duration such as "30d", or the retention policy as text, e.g. "7 daily, 4 weekly", found number 30',
		]);
	});
	test('a vendor needs a name; its links follow the URL policy', () => {
		const vendor = { name: 'Acme', contract: 'Enterprise', support: { url: 'https://support.acme.example', phone: '+1 555 0100', email: 'help@acme.example', hours: '24/7' }, statusPage: 'https://status.acme.example', sla: '99.9 %' };
		assert.deepEqual(issues(serviceSchema, { ...service, kind: 'external', vendor }), []);
		assert.deepEqual(issues(serviceSchema, { ...service, kind: 'external', vendor: { contract: 'x' } }), ['vendor.name: invalid_type']);
		assert.deepEqual(issues(serviceSchema, { ...service, vendor: { ...vendor, statusPage: 'javascript:alert(1)' } }), ['vendor.statusPage: invalid_format']);
		assert.deepEqual(issues(serviceSchema, { ...service, vendor: { ...vendor, support: { url: 'data:text/html,x' } } }), ['vendor.support.url: invalid_format']);
		assert.deepEqual(issues(serviceSchema, { ...service, vendor: { ...vendor, supportUrl: 'https://x.example' } }), ['vendor: unrecognized_keys']);
	});
	test('sunset is a date; replacement is resolved with a did-you-mean, and cannot be the service itself', () => {
		assert.deepEqual(issues(serviceSchema, { ...service, sunset: 'next spring' }), ['sunset: invalid_format']);
		const other = SERVICE.replace('id: api', 'id: api-v2').replace('name: API', 'name: API v2');
		const deprecated = SERVICE.replace('lifecycle: production', 'lifecycle: deprecated');
		assert.deepEqual(check({ 'services/api-v2.yaml': other, 'services/api.yaml': `${deprecated}sunset: 2027-03-31\nreplacement: api-v2\n` }), []);
		assert.deepEqual(check({ 'services/api-v2.yaml': other, 'services/api.yaml': `${deprecated}sunset: 2027-03-31\nreplacement: api-v3\n` }), [
			'services/api.yaml:11:14  replacement  unknown service "api-v3"; did you mean "api-v2"?',
		]);
		assert.deepEqual(check({ 'services/api.yaml': `${deprecated}replacement: api\n` }), ['services/api.yaml:10:14  replacement  a service cannot replace itself']);
	});
	test('an SLA without a measurement is accepted', () => {
		assert.deepEqual(issues(serviceSchema, { ...service, sla: { availability: 99.5, window: '30d', customers: 'Everyone' } }), []);
	});
});

describe('teams: the paging tool is optional', () => {
	test('on-call without a tool is accepted, and the pager link names the tool only when it is known', () => {
		const team = read(examples.teams);
		const onCall = { ...(team.onCall as Record<string, unknown>) };
		delete onCall.tool;
		assert.deepEqual(issues(kinds.teams.schema, { ...team, onCall }), []);
		const base = { name: 'Payments', onCall: { rotation: 'r', schedule: 's', pager: 'https://p.example' } };
		assert.equal(pagerLabel(base), 'Page Payments');
		assert.equal(pagerLabel({ ...base, onCall: { ...base.onCall, tool: 'other' } }), 'Page Payments');
		assert.equal(pagerLabel({ ...base, onCall: { ...base.onCall, tool: 'pagerduty' } }), 'Page Payments on pagerduty');
	});
});

describe('troubleshooting trees: node kinds and escalation details', () => {
	const tree = read(TREE);
	test('a node is a question unless it says check or action', () => {
		const parsed = kinds.trees.schema.parse({ ...tree, nodes: [{ id: 'health', question: 'q?', answers: [{ label: 'x', resolution: 'y' }] }] }) as { nodes: { kind: string }[] };
		assert.equal(parsed.nodes[0]!.kind, 'question');
		const node = (tree.nodes as Record<string, unknown>[])[0]!;
		for (const kind of ['question', 'check', 'action']) assert.deepEqual(issues(kinds.trees.schema, { ...tree, nodes: [{ ...node, kind }] }), [], kind);
		assert.deepEqual(issues(kinds.trees.schema, { ...tree, nodes: [{ ...node, kind: 'step' }] }), ['nodes.0.kind: invalid_value']);
	});
	test('an escalation may carry a level and a reason; the level is checked against the team', () => {
		const answer = '      - label: "No"\n        escalate: platform\n';
		assert.deepEqual(check({ 'trees/api-errors.yaml': `${TREE}${answer}        level: 2\n        reason: The owners read the traces.\n` }), []);
		assert.deepEqual(check({ 'trees/api-errors.yaml': `${TREE}${answer}        level: 5\n` }), [
			'trees/api-errors.yaml:16:16  nodes[0].answers[1].level  warning: team "platform" has no escalation level 5; its levels are 1, 2',
		]);
	});
	test('a level or reason on an answer that does not escalate is an error', () => {
		assert.deepEqual(check({ 'trees/api-errors.yaml': `${TREE}      - label: "No"\n        resolution: Restart it.\n        reason: Because.\n` }), [
			'trees/api-errors.yaml:16:17  nodes[0].answers[1].reason  "reason" applies to escalations only; add "escalate: <team>" or remove it',
		]);
	});
});

describe('incident management: per-severity details, optional template titles', () => {
	const policy = read(examples.incident);
	const severities = policy.severities as Record<string, unknown>[];
	const check = (patch: Record<string, unknown>) => issues(kinds.incident.schema, { ...policy, ...patch });
	test('a severity may carry its escalation, who is told, who leads and a resolution target', () => {
		const details = {
			commander: 'Incident commander',
			notify: ['#incidents'],
			resolutionTarget: '4h',
			escalation: [{ level: 1, who: 'On-call', after: 0 }, { level: 2, who: 'CTO', after: '1h' }],
		};
		assert.deepEqual(check({ severities: [{ ...severities[0], ...details }] }), []);
		assert.deepEqual(check({ severities: [{ ...severities[0], resolutionTarget: 'four hours' }] }), ['severities.0.resolutionTarget: invalid_format']);
		assert.deepEqual(check({ severities: [{ ...severities[0], escalation: [] }] }), ['severities.0.escalation: too_small']);
		assert.deepEqual(check({ severities: [{ ...severities[0], escalation: [{ level: 1, who: 'x' }] }] }), ['severities.0.escalation.0.after: invalid_type']);
	});
	test('who is told defaults to nobody listed', () => {
		const parsed = kinds.incident.schema.parse(policy) as { severities: { notify: string[] }[] };
		assert.ok(parsed.severities.every((s) => Array.isArray(s.notify)));
	});
	test('a template may leave out its title', () => {
		const templates = policy.templates as Record<string, unknown>[];
		const untitled = { ...templates[0] };
		delete untitled.title;
		assert.deepEqual(check({ templates: [untitled] }), []);
	});
});

describe('security plan: detection, regulations, optional evidence retention', () => {
	const plan = read(examples.security);
	const playbook = (plan.playbooks as Record<string, unknown>[])[0]!;
	const notification = (plan.notifications as Record<string, unknown>[])[0]!;
	const check = (patch: Record<string, unknown>) => issues(kinds.security.schema, { ...plan, ...patch });
	test('a playbook may list detection steps, and leave out what real plans leave to the phases', () => {
		assert.deepEqual(check({ playbooks: [{ ...playbook, detection: ['Find the scope.'] }] }), []);
		const lean = { ...playbook };
		for (const key of ['indicators', 'detection', 'eradication', 'recovery']) delete lean[key];
		assert.deepEqual(check({ playbooks: [lean] }), []);
		const parsed = kinds.security.schema.parse({ ...plan, playbooks: [lean] }) as { playbooks: { indicators: string[]; detection: string[] }[] };
		assert.deepEqual(parsed.playbooks[0]!.detection, []);
		assert.deepEqual(parsed.playbooks[0]!.indicators, []);
	});
	test('containment is still required: it is what makes a playbook', () => {
		const bare = { ...playbook };
		delete bare.containment;
		assert.deepEqual(check({ playbooks: [bare] }), ['playbooks.0.containment: invalid_type']);
	});
	test('a notification duty may name its regulation and when its deadline runs from', () => {
		assert.deepEqual(check({ notifications: [{ ...notification, regulation: 'GDPR art. 33', deadlineFrom: 'from awareness' }] }), []);
		assert.deepEqual(check({ notifications: [{ ...notification, regulation: 33 }] }), ['notifications.0.regulation: invalid_type']);
	});
	test('evidence retention may be left out, and is still a duration when given', () => {
		const evidence = { ...(plan.evidence as Record<string, unknown>) };
		delete evidence.retention;
		assert.deepEqual(check({ evidence }), []);
		assert.deepEqual(check({ evidence: { ...evidence, retention: 'two years' } }), ['evidence.retention: invalid_format']);
	});
});

describe('the reference and the JSON Schemas show the new fields', () => {
	test('a runbook escalation is one object or a list, and its fields get rows', () => {
		const rows = referenceRows(runbookSchema);
		const row = (path: string) => rows.find((r) => r.path === path);
		assert.equal(row('escalation')?.type, 'object or list of objects, at least 1');
		for (const field of ['team', 'after', 'when', 'level', 'reason']) assert.ok(row(`escalation[].${field}`), field);
		assert.equal(row('owner')?.type, 'id of a team');
	});
	test('retention reads "duration or string"; vendor, sunset and replacement are listed', () => {
		const rows = referenceRows(serviceSchema);
		const row = (path: string) => rows.find((r) => r.path === path);
		assert.equal(row('recovery.backup.retention')?.type, 'duration or string');
		assert.equal(row('replacement')?.type, 'id of a service');
		assert.equal(row('sunset')?.type, 'date (YYYY-MM-DD)');
		assert.equal(row('vendor.statusPage')?.type, 'URL');
		assert.equal(row('vendor.support.hours')?.required, false);
	});
	test("an editor accepts both forms of a runbook's escalation", () => {
		const schema = JSON.parse(jsonSchemas().get('runbook.schema.json')!) as { properties: { escalation: { anyOf: { type: string }[] } } };
		assert.deepEqual(schema.properties.escalation.anyOf.map((option) => option.type), ['object', 'array']);
	});
});
