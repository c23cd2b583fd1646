/** Each kind's schema accepts a realistic entity and rejects the mistakes people make. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import type { z } from 'zod';
import { kinds, type KindName } from '../../src/model/kinds.ts';
import { fixtures } from './helpers.ts';

const minimal = join(fixtures, 'good', 'minimal');
const read = (file: string) => parse(readFileSync(join(minimal, file), 'utf8')) as Record<string, unknown>;

/** The good fixture's file for each kind. */
const examples: Record<KindName, string> = {
	systems: 'systems/shop.yaml',
	teams: 'teams/platform.yaml',
	services: 'services/orders-db.yaml',
	runbooks: 'runbooks/checkout-api-down.yaml',
	trees: 'trees/checkout-errors.yaml',
	// The minimal model has no reviews or controls; this fixture is the minimal model with them.
	reviews: '../../reviews-and-controls/reviews/2026-11-10-checkout-down.yaml',
	controls: '../../reviews-and-controls/controls/soc2-cc7-4.yaml',
	security: 'security-response-plan.yaml',
	incident: 'incident-management.yaml',
	policy: 'policy.yaml',
};

/** The issues a value produces, as `path: code` strings. */
function issues(schema: z.ZodType, value: unknown): string[] {
	const result = schema.safeParse(value);
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`);
}

function without(value: Record<string, unknown>, key: string) {
	const copy = { ...value };
	delete copy[key];
	return copy;
}

describe('every kind accepts the good fixture', () => {
	for (const kind of Object.keys(kinds) as KindName[]) {
		test(kind, () => assert.deepEqual(issues(kinds[kind].schema, read(examples[kind])), []));
	}
	test('also the other files of the good fixture', () => {
		assert.deepEqual(issues(kinds.teams.schema, read('teams/payments.yaml')), []);
		assert.deepEqual(issues(kinds.services.schema, read('services/checkout-api.yaml')), []);
		assert.deepEqual(issues(kinds.services.schema, read('services/email-worker.yaml')), []);
		assert.deepEqual(issues(kinds.runbooks.schema, read('runbooks/orders-db-restore.yaml')), []);
	});
});

describe('every kind rejects an unknown field and a missing required field', () => {
	const required: Record<KindName, string> = {
		systems: 'name',
		teams: 'chat',
		services: 'owner',
		runbooks: 'steps',
		trees: 'start',
		reviews: 'impact',
		controls: 'owner',
		security: 'playbooks',
		incident: 'severities',
		policy: 'freshness',
	};
	for (const kind of Object.keys(kinds) as KindName[]) {
		test(`${kind}: unknown field`, () => {
			assert.deepEqual(issues(kinds[kind].schema, { ...read(examples[kind]), colour: 'blue' }), [': unrecognized_keys']);
		});
		test(`${kind}: missing ${required[kind]}`, () => {
			assert.deepEqual(issues(kinds[kind].schema, without(read(examples[kind]), required[kind])), [`${required[kind]}: invalid_type`]);
		});
	}
});

describe('systems', () => {
	const system = read(examples.systems);
	test('id must be kebab-case', () => {
		for (const id of ['Shop', 'shop_api', 'shop-', '-shop', 'shop--api', 'shop api', '']) {
			assert.deepEqual(issues(kinds.systems.schema, { ...system, id }), ['id: invalid_format'], id);
		}
	});
	test('digits are allowed in ids', () => assert.deepEqual(issues(kinds.systems.schema, { ...system, id: 'shop-2' }), []));
	test('a link needs a known type and an absolute URL', () => {
		assert.deepEqual(issues(kinds.systems.schema, { ...system, links: [{ type: 'wiki', url: 'https://x.example' }] }), ['links.0.type: invalid_value']);
		assert.deepEqual(issues(kinds.systems.schema, { ...system, links: [{ type: 'docs', url: 'docs/index.html' }] }), ['links.0.url: invalid_format']);
	});
});

describe('teams', () => {
	const team = read(examples.teams);
	test('on-call needs a pager URL and a known tool', () => {
		const onCall = team.onCall as Record<string, unknown>;
		assert.deepEqual(issues(kinds.teams.schema, { ...team, onCall: { ...onCall, pager: 'call Bob' } }), ['onCall.pager: invalid_format']);
		assert.deepEqual(issues(kinds.teams.schema, { ...team, onCall: { ...onCall, tool: 'pager' } }), ['onCall.tool: invalid_value']);
	});
	test('an escalation level waits a duration', () => {
		assert.deepEqual(issues(kinds.teams.schema, { ...team, escalation: [{ level: 1, who: 'x', after: '15 minutes' }] }), ['escalation.0.after: invalid_format']);
		assert.deepEqual(issues(kinds.teams.schema, { ...team, escalation: [{ level: 0, who: 'x', after: '0' }] }), ['escalation.0.level: too_small']);
	});
	test('a member email must be an email', () => {
		assert.deepEqual(issues(kinds.teams.schema, { ...team, members: [{ name: 'A', email: 'not-an-email' }] }), ['members.0.email: invalid_format']);
	});
});

describe('services', () => {
	const service = read(examples.services);
	const check = (patch: Record<string, unknown>) => issues(kinds.services.schema, { ...service, ...patch });
	test('tier is a whole number from 1 to 4', () => {
		assert.deepEqual(check({ tier: 0 }), ['tier: too_small']);
		assert.deepEqual(check({ tier: 5 }), ['tier: too_big']);
		assert.deepEqual(check({ tier: 1.5 }), ['tier: invalid_type']);
		assert.deepEqual(check({ tier: 'one' }), ['tier: invalid_type']);
	});
	test('enums: kind; lifecycle and data classification are ids the model check resolves (a model may declare its own)', () => {
		assert.deepEqual(check({ kind: 'db' }), ['kind: invalid_value']);
		assert.deepEqual(check({ lifecycle: 'beta' }), []);
		assert.deepEqual(check({ dataClassification: 'restricted-pii' }), []);
		assert.deepEqual(check({ lifecycle: 'Prod Stage' }), ['lifecycle: invalid_format']);
		assert.deepEqual(check({ dataClassification: 'Secret!' }), ['dataClassification: invalid_format']);
	});
	test('every listed service kind is accepted', () => {
		for (const kind of ['service', 'database', 'queue', 'cache', 'storage', 'external', 'infrastructure']) assert.deepEqual(check({ kind }), [], kind);
	});
	test('a dependency is hard or soft, with a reason and a failure mode', () => {
		assert.deepEqual(check({ dependencies: [{ service: 'x', type: 'strong', reason: 'r', onFailure: 'f' }] }), ['dependencies.0.type: invalid_value']);
		assert.deepEqual(check({ dependencies: [{ service: 'x', type: 'hard', reason: 'r' }] }), ['dependencies.0.onFailure: invalid_type']);
		assert.deepEqual(check({ dependencies: [{ service: 'x', type: 'hard', reason: '', onFailure: 'f' }] }), ['dependencies.0.reason: too_small']);
	});
	test('percentages are numbers above 0 and at most 100', () => {
		const slo = { name: 'A', indicator: 'availability', window: '30d' };
		assert.deepEqual(check({ slos: [{ ...slo, target: '99.9%' }] }), ['slos.0.target: invalid_type']);
		assert.deepEqual(check({ slos: [{ ...slo, target: 100.1 }] }), ['slos.0.target: too_big']);
		assert.deepEqual(check({ slos: [{ ...slo, target: 0 }] }), ['slos.0.target: too_small']);
		assert.deepEqual(check({ slos: [{ ...slo, target: 100 }] }), []);
	});
	test('a latency percentile is strictly between 0 and 100', () => {
		const slo = { name: 'L', indicator: 'latency', target: 99, threshold: '200ms', window: '30d' };
		assert.deepEqual(check({ slos: [{ ...slo, percentile: 100 }] }), ['slos.0.percentile: too_big']);
		assert.deepEqual(check({ slos: [{ ...slo, percentile: 99.9 }] }), []);
	});
	test('durations and dates are written the documented way', () => {
		const recovery = service.recovery as Record<string, unknown>;
		assert.deepEqual(check({ recovery: { ...recovery, rto: '1 hour' } }), ['recovery.rto: invalid_format']);
		assert.deepEqual(check({ recovery: { ...recovery, rto: 60 } }), ['recovery.rto: invalid_type']);
		assert.deepEqual(check({ lastReviewed: '01/10/2026' }), ['lastReviewed: invalid_format']);
		assert.deepEqual(check({ lastReviewed: '2026-02-30' }), ['lastReviewed: invalid_format']);
	});
	test('replicas are whole numbers from 0', () => {
		assert.deepEqual(check({ environments: [{ name: 'production', replicas: -1 }] }), ['environments.0.replicas: too_small']);
		assert.deepEqual(check({ environments: [{ name: 'production', replicas: 0 }] }), []);
	});
	test('defaults are filled in', () => {
		const parsed = kinds.services.schema.parse(read('services/email-worker.yaml')) as Record<string, unknown>;
		assert.deepEqual(parsed.tags, []);
		assert.deepEqual(parsed.alerts, []);
		assert.equal(parsed.exposesApi, false);
		const slo = (kinds.services.schema.parse(service) as { slos: { budgetingMethod: string }[] }).slos[0]!;
		assert.equal(slo.budgetingMethod, 'occurrences');
	});
	test('an alert has a known severity', () => {
		assert.deepEqual(check({ alerts: [{ name: 'A', severity: 'page', summary: 's' }] }), ['alerts.0.severity: invalid_value']);
	});
});

describe('runbooks', () => {
	const runbook = read(examples.runbooks);
	const check = (patch: Record<string, unknown>) => issues(kinds.runbooks.schema, { ...runbook, ...patch });
	test('kind and severity are enums', () => {
		assert.deepEqual(check({ kind: 'dr' }), ['kind: invalid_value']);
		assert.deepEqual(check({ severity: 'sev0' }), ['severity: invalid_value']);
	});
	test('at least one service and one step', () => {
		assert.deepEqual(check({ services: [] }), ['services: too_small']);
		assert.deepEqual(check({ steps: [] }), ['steps: too_small']);
	});
	test('every runbook kind is accepted', () => {
		for (const kind of ['incident', 'disaster-recovery', 'maintenance', 'procedure', 'access']) assert.deepEqual(check({ kind }), [], kind);
	});
	test('triggers default to empty lists', () => {
		const parsed = kinds.runbooks.schema.parse(without(runbook, 'triggers')) as { triggers: unknown };
		assert.deepEqual(parsed.triggers, { alerts: [], symptoms: [], errors: [] });
	});
	test('a step needs a title', () => assert.deepEqual(check({ steps: [{ command: 'ls' }] }), ['steps.0.title: invalid_type']));
});

describe('trees', () => {
	const tree = read(examples.trees);
	const check = (patch: Record<string, unknown>) => issues(kinds.trees.schema, { ...tree, ...patch });
	test('needs at least one service and one node', () => {
		assert.deepEqual(check({ services: [] }), ['services: too_small']);
		assert.deepEqual(check({ nodes: [] }), ['nodes: too_small']);
	});
	test('an answer has a label and no unknown target', () => {
		const node = { id: 'a', question: 'q?', answers: [{ label: 'Yes', goto: 'b' }] };
		assert.deepEqual(check({ nodes: [node] }), ['nodes.0.answers.0: unrecognized_keys']);
	});
	test('a node may have no answers (the model check reports the dead end)', () => {
		assert.deepEqual(check({ start: 'a', nodes: [{ id: 'a', question: 'q?' }] }), []);
	});
});

describe('security response plan', () => {
	const plan = read(examples.security);
	const check = (patch: Record<string, unknown>) => issues(kinds.security.schema, { ...plan, ...patch });
	test('phases are the NIST SP 800-61 phases and map to CSF functions', () => {
		assert.deepEqual(check({ phases: [{ phase: 'lessons-learned', csf: ['respond'], steps: ['x'] }] }), ['phases.0.phase: invalid_value']);
		assert.deepEqual(check({ phases: [{ phase: 'preparation', csf: ['react'], steps: ['x'] }] }), ['phases.0.csf.0: invalid_value']);
		assert.deepEqual(check({ phases: [{ phase: 'preparation', csf: [], steps: ['x'] }] }), ['phases.0.csf: too_small']);
	});
	test('a playbook has a known incident type', () => {
		const playbooks = plan.playbooks as Record<string, unknown>[];
		assert.deepEqual(check({ playbooks: [{ ...playbooks[0], type: 'ransomware' }] }), ['playbooks.0.type: invalid_value']);
	});
	test('a notification deadline is a duration', () => {
		const notifications = plan.notifications as Record<string, unknown>[];
		assert.deepEqual(check({ notifications: [{ ...notifications[0], deadline: '3 days' }] }), ['notifications.0.deadline: invalid_format']);
	});
});

describe('incident management', () => {
	const policy = read(examples.incident);
	const check = (patch: Record<string, unknown>) => issues(kinds.incident.schema, { ...policy, ...patch });
	test('severity levels are sev1–sev4', () => {
		const severities = policy.severities as Record<string, unknown>[];
		assert.deepEqual(check({ severities: [{ ...severities[0], level: 'P1' }] }), ['severities.0.level: invalid_value']);
	});
	test('page and review are booleans', () => {
		const severities = policy.severities as Record<string, unknown>[];
		assert.deepEqual(check({ severities: [{ ...severities[0], page: 'yes' }] }), ['severities.0.page: invalid_type']);
	});
	test('the review is blameless unless said otherwise', () => {
		const parsed = kinds.incident.schema.parse(policy) as { postIncidentReview: { blameless: boolean } };
		assert.equal(parsed.postIncidentReview.blameless, true);
	});
});

describe('coverage policy', () => {
	const policy = read(examples.policy);
	const check = (patch: Record<string, unknown>) => issues(kinds.policy.schema, { ...policy, ...patch });
	test('requirements must be known ids', () => {
		const tiers = policy.tiers as Record<string, unknown>;
		assert.deepEqual(check({ tiers: { ...tiers, '4': ['owner', 'runbook'] } }), ['tiers.4.1: invalid_value']);
	});
	test('every tier must be listed', () => {
		const tiers = { ...(policy.tiers as Record<string, unknown>) };
		delete tiers['4'];
		assert.deepEqual(check({ tiers }), ['tiers.4: invalid_type']);
	});
	test('a waiver needs a reason, an approver and an expiry date', () => {
		const waiver = { service: 'checkout-api', requirement: 'latency-slo', reason: 'r', approver: 'a', expires: '2027-01-01' };
		assert.deepEqual(check({ waivers: [waiver] }), []);
		assert.deepEqual(check({ waivers: [without(waiver, 'approver')] }), ['waivers.0.approver: invalid_type']);
		assert.deepEqual(check({ waivers: [{ ...waiver, expires: 'next year' }] }), ['waivers.0.expires: invalid_format']);
		assert.deepEqual(check({ waivers: [{ ...waiver, requirement: 'slo' }] }), ['waivers.0.requirement: invalid_value']);
	});
	test('minReplicas defaults to 2', () => {
		assert.equal((kinds.policy.schema.parse(policy) as { minReplicas: number }).minReplicas, 2);
		assert.deepEqual(check({ minReplicas: 0 }), ['minReplicas: too_small']);
	});
});
