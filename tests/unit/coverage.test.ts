import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { daysBetween, requirementById, requirements } from '../../src/coverage/requirements.ts';
import { judge, type Result } from '../../src/coverage/verdict.ts';
import type { IncidentPolicy, Model, Review, Runbook, Sourced, System, Team, Tree } from '../../src/model/index.ts';
import { describeWindow, policySchema, requirementId, windowFor, type RequirementId } from '../../src/model/policy.ts';
import type { serviceSchema } from '../../src/model/service.ts';
import type { z } from 'zod';
import { availability, latency, model, pagedTeam, policy, review, runbook, service, system, team, TODAY, tree } from './helpers.ts';

const ALL = requirementId.options;

/** A tier-1 service that meets every requirement on TODAY (2026-11-23). */
const GOOD: z.input<typeof serviceSchema> = {
	id: 'api',
	name: 'API',
	summary: 'The API.',
	system: 'core',
	owner: 'team-a',
	tier: 1,
	lifecycle: 'production',
	kind: 'service',
	dataClassification: 'internal',
	environments: [{ name: 'production', replicas: 2 }],
	recovery: {
		rto: '1h',
		rpo: '5m',
		backup: { method: 'snapshots', schedule: 'daily 02:00', retention: '30d', location: 'eu-west', lastRestoreTest: '2026-10-01' },
	},
	slos: [availability(99.9), latency(99, 95, '200ms')],
	alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbook: 'api-down' }],
	apis: [{ id: 'public', name: 'Public API', spec: 'apis/public.yaml' }],
	exposesApi: true,
	links: [{ type: 'dashboard', url: 'https://grafana.example.com/d/api' }],
	lastReviewed: '2026-10-01',
};

interface World {
	api?: Partial<z.input<typeof serviceSchema>>;
	teams?: Sourced<Team>[];
	runbooks?: Sourced<Runbook>[];
	trees?: Sourced<Tree>[];
	systems?: Sourced<System>[];
	reviews?: Sourced<Review>[];
	incident?: Sourced<IncidentPolicy>;
}

/** The good world's system documents its access, recertified 2026-10-01 every 90 days. */
const ACCESS = { roles: [{ name: 'Operator', grants: 'Everything.', grantedBy: 'team-a', mfa: true }], recertifyEvery: '90d', lastRecertified: '2026-10-01' };

function world(patch: World = {}): Model {
	return model({
		systems: patch.systems ?? [system('core', { access: ACCESS })],
		teams: patch.teams ?? [pagedTeam('team-a')],
		services: [service('api', { ...GOOD, ...patch.api })],
		reviews: patch.reviews,
		incident: patch.incident,
		runbooks: patch.runbooks ?? [
			runbook('api-down', { kind: 'incident', services: ['api'], lastTested: '2026-09-01' }),
			runbook('api-restore', { kind: 'disaster-recovery', services: ['api'], lastTested: '2026-09-01' }),
		],
		trees: patch.trees ?? [tree('api-errors', { services: ['api'], lastReviewed: '2026-09-01' })],
	});
}

/** How service "api" fares on one requirement. */
function verdictOn(id: RequirementId, patch: World = {}, extra: Parameters<typeof policy>[0] = {}): Result {
	const p = policy({ tiers: { '1': [id], '2': [], '3': [], '4': [] }, ...extra });
	const verdict = judge(world(patch), p, TODAY);
	return verdict.services[0]!.results[0]!;
}

const status = (result: Result) => `${result.status}: ${result.detail}`;

test('the good world meets every requirement on the fixed date', () => {
	const verdict = judge(world(), policy({ tiers: { '1': [...ALL], '2': [], '3': [], '4': [] } }), TODAY);
	assert.deepEqual(verdict.gaps, []);
	assert.equal(verdict.ok, true);
	assert.equal(verdict.overall.total, ALL.length);
	assert.equal(verdict.overall.percent, 100);
});

test('every requirement id in the policy schema has a requirement, and no other', () => {
	assert.deepEqual(requirements.map((r) => r.id).sort(), [...ALL].sort());
	for (const r of requirements) assert.ok(r.title && r.description && r.needs, r.id);
});

/** Each requirement: [name of case, patch, expected "status: detail"]. */
const cases: Record<RequirementId, [string, World, string][]> = {
	owner: [
		['met', {}, 'met: team-a'],
		['missing when the team is not in the model', { api: { owner: 'ghost' } }, 'missing: team "ghost" is not in the model'],
	],
	'on-call': [
		['met', {}, 'met: team-a primary'],
		['missing without a rotation', { teams: [team('team-a')] }, 'missing: team "team-a" has no on-call rotation'],
		['missing when the team is not in the model', { api: { owner: 'ghost' } }, 'missing: team "ghost" is not in the model'],
	],
	escalation: [
		['met with two levels', {}, 'met: 2 levels'],
		['missing with one level', { teams: [team('team-a', { escalation: [{ level: 1, who: 'x', after: '0' }] })] }, 'missing: team "team-a" has 1 escalation level'],
		['missing with none', { teams: [team('team-a')] }, 'missing: team "team-a" has 0 escalation levels'],
	],
	'availability-slo': [
		['met', {}, 'met: 99.9 % / 30d'],
		['missing with only a latency SLO', { api: { slos: [latency()] } }, 'missing: it has no availability SLO'],
	],
	'latency-slo': [
		['met', {}, 'met: p95 ≤ 200ms'],
		['missing with only an availability SLO', { api: { slos: [availability(99)] } }, 'missing: it has no latency SLO'],
	],
	objectives: [
		['met with an availability SLO (the default)', {}, 'met: availability'],
		['missing without one', { api: { slos: [latency()] } }, 'missing: it has no availability SLO'],
	],
	rto: [
		['met', {}, 'met: 1h'],
		['missing without recovery', { api: { recovery: undefined } }, 'missing: it has no recovery section'],
	],
	rpo: [
		['met', {}, 'met: 5m'],
		['met when stateless', { api: { recovery: { rto: '1h', stateless: true } } }, 'met: stateless'],
		['met when stateless with an RPO', { api: { recovery: { rto: '1h', rpo: '0', stateless: true } } }, 'met: 0 (stateless)'],
		['missing without an RPO', { api: { recovery: { rto: '1h' } } }, 'missing: it has no RPO'],
		['missing without recovery', { api: { recovery: undefined } }, 'missing: it has no recovery section'],
	],
	backup: [
		['met', {}, 'met: daily 02:00'],
		['met when stateless', { api: { recovery: { rto: '1h', stateless: true } } }, 'met: stateless'],
		['missing', { api: { recovery: { rto: '1h', rpo: '1h' } } }, 'missing: no backup is described'],
	],
	'restore-test': [
		['met', {}, 'met: last restore test 2026-10-01 (53 days ago)'],
		['met when stateless', { api: { recovery: { rto: '1h', stateless: true } } }, 'met: stateless'],
		['stale after the 90d window', { api: { recovery: { ...GOOD.recovery!, backup: { ...GOOD.recovery!.backup!, lastRestoreTest: '2026-08-01' } } } }, 'stale: the last restore test 2026-08-01 is 114 days old; the window is 90d'],
		['missing without a date', { api: { recovery: { ...GOOD.recovery!, backup: { ...GOOD.recovery!.backup!, lastRestoreTest: undefined } } } }, 'missing: no last restore test date recorded'],
		['missing without a backup', { api: { recovery: { rto: '1h', rpo: '1h' } } }, 'missing: no backup is described'],
	],
	'incident-runbook': [
		['met', {}, 'met: 1 runbook(s)'],
		['missing with only a DR runbook', { runbooks: [runbook('api-restore', { kind: 'disaster-recovery', services: ['api'] })] }, 'missing: no runbook of kind incident lists api'],
		['missing when the runbook is for another service', { runbooks: [runbook('db-down', { services: ['db'] })] }, 'missing: no runbook of kind incident lists api'],
	],
	'dr-runbook': [
		['met', {}, 'met: api-restore'],
		['missing with only an incident runbook', { runbooks: [runbook('api-down', { services: ['api'] })] }, 'missing: no runbook of kind disaster-recovery lists api'],
	],
	'troubleshooting-tree': [
		['met', {}, 'met: api-errors'],
		['missing', { trees: [tree('db-errors', { services: ['db'] })] }, 'missing: no troubleshooting tree lists api'],
	],
	alerts: [
		['met', {}, 'met: 1 alert(s)'],
		['missing', { api: { alerts: [] } }, 'missing: it has no alerts'],
	],
	'alert-runbooks': [
		['met through the alert\'s runbook field', {}, 'met: 1 alert(s)'],
		[
			'met through a runbook\'s triggers',
			{ api: { alerts: [{ name: 'ApiSlow', severity: 'warning', summary: 'Slow.' }] }, runbooks: [runbook('api-slow', { services: ['api'], triggers: { alerts: ['ApiSlow'] } })] },
			'met: 1 alert(s)',
		],
		[
			'met through a runbook\'s triggers when the named id is misspelt',
			{ api: { alerts: [{ name: 'ApiSlow', severity: 'warning', summary: 'Slow.', runbook: 'api-slwo' }] }, runbooks: [runbook('api-slow', { services: ['api'], triggers: { alerts: ['ApiSlow'] } })] },
			'met: 1 alert(s)',
		],
		[
			'missing for an alert no runbook names',
			{ api: { alerts: [...GOOD.alerts!, { name: 'ApiSlow', severity: 'warning', summary: 'Slow.' }, { name: 'ApiFull', severity: 'info', summary: 'Full.' }] } },
			'missing: no runbook for 2 alerts',
		],
		['missing when the named runbook does not exist', { api: { alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbook: 'gone' }] } }, 'missing: no runbook for 1 alert'],
		['met through an external runbookUrl', { api: { alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbookUrl: 'https://runbooks.example.com/ApiDown' }] } }, 'met: 1 alert(s)'],
	],
	'api-spec': [
		['met with a spec', {}, 'met: public'],
		['met when no API is exposed', { api: { apis: [], exposesApi: false } }, 'met: exposes no API'],
		['missing when an API is exposed without a spec', { api: { apis: [] } }, 'missing: it exposes an API (exposesApi: true) but lists no spec'],
	],
	replicas: [
		['met with two replicas', {}, 'met: 2 replicas'],
		['met with automatic failover', { api: { environments: [{ name: 'production', replicas: 1 }], recovery: { rto: '1h', rpo: '0', failover: { mode: 'automatic', description: 'x' } } } }, 'met: automatic failover'],
		['met for an external service', { api: { kind: 'external', environments: [] } }, 'met: external'],
		['missing with one replica', { api: { environments: [{ name: 'prod', replicas: 1 }] } }, 'missing: production runs 1 replica'],
		['missing with manual failover', { api: { environments: [{ name: 'production', replicas: 1 }], recovery: { rto: '1h', rpo: '0', failover: { mode: 'manual', description: 'x' } } } }, 'missing: production runs 1 replica'],
		['missing without production', { api: { environments: [{ name: 'staging', replicas: 3 }] } }, 'missing: no production environment is listed'],
	],
	links: [
		['met with a dashboard (the default)', {}, 'met: dashboard'],
		['missing without one', { api: { links: [{ type: 'repo', url: 'https://git.example.com/api' }] } }, 'missing: it has no dashboard link'],
	],
	review: [
		['met', {}, 'met: last review 2026-10-01 (53 days ago)'],
		['met on the last day of the window', { api: { lastReviewed: '2026-05-27' } }, 'met: last review 2026-05-27 (180 days ago)'],
		['stale the day after', { api: { lastReviewed: '2026-05-26' } }, 'stale: the last review 2026-05-26 is 181 days old; the window is 180d'],
		['missing', { api: { lastReviewed: undefined } }, 'missing: no last review date recorded'],
	],
	'runbooks-tested': [
		['met', {}, 'met: '],
		['met without runbooks', { runbooks: [] }, 'met: '],
		['met with an untested tree (trees have their own requirement)', { trees: [tree('api-errors', { services: ['api'] })] }, 'met: '],
		[
			'stale when a runbook was tested too long ago',
			{ runbooks: [runbook('api-down', { services: ['api'], lastTested: '2025-01-01' })] },
			'stale: runbook api-down: the last test 2025-01-01 is 691 days old; the window is 180d',
		],
		[
			'stale when a runbook was never tested',
			{ runbooks: [runbook('api-down', { services: ['api'] })] },
			'stale: runbook api-down: no last test date recorded',
		],
	],
	'trees-reviewed': [
		['met', {}, 'met: '],
		['stale when a tree was never reviewed', { trees: [tree('api-errors', { services: ['api'] })] }, 'stale: tree api-errors: no last review date recorded'],
	],
	sunset: [
		['met when not deprecated', {}, 'met: production: no sunset needed'],
		['met with a future sunset and a replacement', { api: { lifecycle: 'deprecated', sunset: '2027-03-31', replacement: 'api-v2' } }, 'met: 2027-03-31 → api-v2'],
		['missing without them', { api: { lifecycle: 'deprecated' } }, 'missing: it is deprecated and names no sunset or replacement'],
		['stale once the date has passed', { api: { lifecycle: 'deprecated', sunset: '2026-10-31', replacement: 'api-v2' } }, 'stale: its sunset date 2026-10-31 passed 23 days ago'],
	],
	'incident-reviews': [
		['met without reviews', {}, 'met: no sev1 or sev2 reviews'],
		['met with a published review', { reviews: [review('r1', { published: '2026-11-03' })] }, 'met: 1 published'],
		['met by a draft still inside the window', { reviews: [review('r2', { date: '2026-11-20' })] }, 'met: 1 draft within 5d'],
		['met when its severity asks for no review', { reviews: [review('r3', { severity: 'sev3' })] }, 'met: no sev1 or sev2 reviews'],
		['stale when a draft is past the window', { reviews: [review('r4')] }, 'stale: review r4 of the sev1 incident of 2026-11-01 is still a draft 22 days after it was resolved (2026-11-01); the default review window is 5d'],
	],
	'review-actions': [
		['met without reviews', {}, 'met: no review actions'],
		[
			'met when every action is done or not yet due',
			{ reviews: [review('r1', { actions: [{ title: 'Fix', owner: 'team-a', due: '2026-11-01', status: 'done' }, { title: 'Later', owner: 'team-a', due: '2026-12-01', status: 'open' }] })] },
			'met: 2 actions, none overdue',
		],
		[
			'stale when an action is past its due date',
			{ reviews: [review('r1', { actions: [{ title: 'Fix', owner: 'team-a', due: '2026-11-10', status: 'in-progress' }] })] },
			'stale: action "Fix" of review r1 (owner team-a) is in-progress and was due 2026-11-10, 13 days ago',
		],
	],
	'data-handling': [
		['met by a service that holds no data', {}, 'met: holds no data of its own'],
		['met by a stateless cache', { api: { kind: 'cache', recovery: { rto: '1h', stateless: true } } }, 'met: holds no data of its own'],
		['missing for a database without a data inventory', { api: { kind: 'database' } }, 'missing: it is a database and lists no data sets'],
	],
	'access-review': [
		['met', {}, 'met: core: last recertification 2026-10-01 (53 days ago)'],
		['missing when the system documents no access', { systems: [system('core')] }, 'missing: system core documents no access'],
		['stale after recertifyEvery', { systems: [system('core', { access: { ...ACCESS, lastRecertified: '2026-08-01' } })] }, 'stale: system core: the last recertification 2026-08-01 is 114 days old; its recertifyEvery is 90d'],
	],
};

describe('every requirement', () => {
	for (const id of ALL) {
		describe(id, () => {
			for (const [name, patch, expected] of cases[id]) test(name, () => assert.equal(status(verdictOn(id, patch)), expected));
			test('a gap names the field and explains how to fix it', () => {
				const failing = cases[id].find(([, , expected]) => !expected.startsWith('met'))!;
				const p = policy({ tiers: { '1': [id], '2': [], '3': [], '4': [] } });
				const verdict = judge(world(failing[1]), p, TODAY);
				assert.ok(verdict.gaps.length >= 1);
				for (const gap of verdict.gaps) {
					assert.ok(gap.field.length > 0 && gap.detail && gap.fix, JSON.stringify(gap));
					assert.match(gap.message, / requires /);
					assert.ok(gap.message.includes(`, but ${gap.detail} — ${gap.fix}`), gap.message);
				}
			});
		});
	}
	test('covers every requirement id', () => assert.deepEqual(Object.keys(cases).sort(), [...ALL].sort()));
});

test('minReplicas comes from the policy', () => {
	assert.equal(status(verdictOn('replicas', {}, { minReplicas: 3 })), 'missing: production runs 2 replicas');
});

describe('gap messages', () => {
	test('missing', () => {
		const verdict = judge(world({ api: { alerts: [] } }), policy({ tiers: { '1': ['alerts'], '2': [], '3': [], '4': [] } }), TODAY);
		assert.deepEqual(verdict.gaps, [
			{
				service: 'api',
				file: 'services/api.yaml',
				tier: 1,
				requirement: 'alerts',
				field: ['alerts'],
				status: 'missing',
				detail: 'it has no alerts',
				fix: 'add the alerts that page for this service under "alerts:"',
				message: 'tier 1 requires at least one alert, but it has no alerts — add the alerts that page for this service under "alerts:"',
			},
		]);
	});
	test('stale says why', () => {
		const verdict = judge(world({ api: { lastReviewed: '2026-01-01' } }), policy({ tiers: { '1': ['review'], '2': [], '3': [], '4': [] } }), TODAY);
		assert.equal(
			verdict.gaps[0]!.message,
			'tier 1 requires a recent review, but the last review 2026-01-01 is 326 days old; the window is 180d — review the entry with its owners, then set "lastReviewed" to the date',
		);
	});
	test('a gap whose fix lives in the team file is shown there, naming the service', () => {
		const verdict = judge(world({ teams: [team('team-a')] }), policy({ tiers: { '1': ['on-call'], '2': [], '3': [], '4': [] } }), TODAY);
		const gap = verdict.gaps[0]!;
		assert.equal(gap.file, 'teams/team-a.yaml');
		assert.deepEqual(gap.field, ['onCall']);
		assert.equal(gap.message, 'api is tier 1, which requires an owner with an on-call rotation, but team "team-a" has no on-call rotation — add "onCall:" with rotation, schedule and pager');
	});
	test('each alert without a runbook is its own gap, at the alert, with a did-you-mean', () => {
		const verdict = judge(
			world({ api: { alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbook: 'api-donw' }, { name: 'ApiSlow', severity: 'warning', summary: 'Slow.' }] } }),
			policy({ tiers: { '1': ['alert-runbooks'], '2': [], '3': [], '4': [] } }),
			TODAY,
		);
		assert.deepEqual(
			verdict.gaps.map((g) => [g.field.join('.'), g.detail, g.fix]),
			[
				['alerts.0.runbook', 'alert ApiDown names runbook "api-donw", which is not in the model', 'correct the id (did you mean "api-down"?), or add runbooks/api-donw.yaml'],
				['alerts.1.name', 'alert ApiSlow has no runbook', 'set "runbook:" on the alert, or add ApiSlow to a runbook\'s "triggers.alerts"'],
			],
		);
	});
	test('a stale runbook is shown at its own lastTested, naming the service and the window', () => {
		const verdict = judge(
			world({ runbooks: [runbook('api-restore', { kind: 'disaster-recovery', services: ['api'], lastTested: '2026-03-01' })] }),
			policy({ tiers: { '1': ['runbooks-tested'], '2': [], '3': [], '4': [] }, freshness: { review: '180d', restoreTest: '90d', runbookTest: '365d', treeReview: '180d', runbookTestByKind: { 'disaster-recovery': { '1': '180d', default: '365d' } } } }),
			TODAY,
		);
		const gap = verdict.gaps[0]!;
		assert.equal(gap.file, 'runbooks/api-restore.yaml');
		assert.deepEqual(gap.field, ['lastTested']);
		assert.equal(
			gap.message,
			'api is tier 1, which requires its runbooks tested recently, but runbook api-restore: the last test 2026-03-01 is 267 days old; the tier-1 disaster-recovery runbook window is 180d — exercise it (a drill, a game day or real use), then set "lastTested" to that date',
		);
	});
});

describe('thresholds per tier', () => {
	const thresholds = {
		thresholds: {
			'1': { minAvailability: 99.95, maxRto: '30m', maxRpo: '1m', minEscalationLevels: 3, minReplicas: 3, links: ['dashboard', 'logs'] as ('dashboard' | 'logs')[], objectives: ['availability', 'latency', 'error-rate'] as ('availability' | 'latency' | 'error-rate')[] },
			default: { minEscalationLevels: 1 },
		},
	};
	const on = (id: RequirementId, patch: World = {}) => verdictOn(id, patch, thresholds);
	test('minimum availability objective', () => {
		assert.equal(status(on('availability-slo')), 'missing: its availability objective is 99.9 %');
		const verdict = judge(world(), policy({ tiers: { '1': ['availability-slo'], '2': [], '3': [], '4': [] }, ...thresholds }), TODAY);
		assert.deepEqual(verdict.gaps[0]!.field, ['slos', 0, 'target']);
		assert.match(verdict.gaps[0]!.message, /^tier 1 requires an availability SLO of at least 99\.95 %, but its availability objective is 99\.9 % — raise the objective to 99\.95 %/);
	});
	test('maximum RTO and RPO', () => {
		assert.equal(status(on('rto')), 'missing: its RTO is 1h');
		assert.equal(status(on('rpo')), 'missing: its RPO is 5m');
		assert.equal(status(on('rpo', { api: { recovery: { rto: '10m', rpo: '1m' } } })), 'met: 1m');
	});
	test('escalation levels and replicas', () => {
		assert.equal(status(on('escalation')), 'missing: team "team-a" has 2 escalation levels');
		assert.equal(status(on('replicas')), 'missing: production runs 2 replicas');
	});
	test('required link types and objectives', () => {
		assert.equal(status(on('links', { api: { links: [{ type: 'dashboard', url: 'https://grafana.example.com/d/api' }] } })), 'missing: it has no logs link');
		assert.equal(status(on('objectives')), 'missing: it has no error-rate SLO');
	});
	test('a tier without its own thresholds takes the default, then the built-in', () => {
		const p = policy({ tiers: { '1': [], '2': ['escalation', 'availability-slo'], '3': [], '4': [] }, ...thresholds });
		const verdict = judge(world({ api: { tier: 2 }, teams: [team('team-a', { escalation: [{ level: 1, who: 'x', after: '0' }] })] }), p, TODAY);
		assert.deepEqual(verdict.gaps, []);
	});
});

test('thresholds.alertRunbooks: in-model refuses an external runbookUrl, at the alert', () => {
	const p = policy({ tiers: { '1': ['alert-runbooks'], '2': [], '3': [], '4': [] }, thresholds: { '1': { alertRunbooks: 'in-model' } } });
	const verdict = judge(world({ api: { alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbookUrl: 'https://runbooks.example.com/ApiDown' }] } }), p, TODAY);
	assert.deepEqual(verdict.gaps.map((g) => `${g.field.join('.')}: ${g.detail}`), ['alerts.0.runbookUrl: alert ApiDown links only an external runbook']);
});

describe('lifecycle rules', () => {
	test('an exempt lifecycle stage is not judged, and the verdict says so', () => {
		const verdict = judge(world({ api: { lifecycle: 'experimental', alerts: [] } }), policy({ tiers: { '1': ['alerts'], '2': [], '3': [], '4': [] }, lifecycles: { exempt: ['experimental'] } }), TODAY);
		assert.deepEqual(verdict.gaps, []);
		assert.deepEqual(verdict.exempt, [{ service: 'api', lifecycle: 'experimental' }]);
	});
	test('needSunset adds the sunset requirement whatever the tier', () => {
		const verdict = judge(world({ api: { tier: 4, lifecycle: 'deprecated' } }), policy({ tiers: { '1': [], '2': [], '3': [], '4': [] }, lifecycles: { needSunset: ['deprecated'] } }), TODAY);
		assert.deepEqual(verdict.gaps.map((g) => `${g.requirement} ${g.status} ${g.field.join('.')}`), ['sunset missing lifecycle']);
	});
});

describe('waivers', () => {
	const waiver = (expires: string, requirement: RequirementId = 'alerts', serviceId = 'api') => ({ service: serviceId, requirement, reason: 'Alerts arrive with the new monitoring stack.', approver: 'CTO', expires });
	const run = (...waivers: ReturnType<typeof waiver>[]) =>
		judge(world({ api: { alerts: [] } }), policy({ tiers: { '1': ['alerts', 'rto'], '2': [], '3': [], '4': [] }, waivers }), TODAY);

	test('a waiver in force turns a gap into "waived"', () => {
		const verdict = run(waiver('2027-01-01'));
		assert.deepEqual(verdict.gaps, []);
		assert.equal(verdict.ok, true);
		const result = verdict.services[0]!.results[0]!;
		assert.equal(result.status, 'waived');
		assert.equal(result.detail, 'it has no alerts');
		assert.equal(result.waiver?.approver, 'CTO');
		assert.deepEqual(verdict.overall, { met: 1, waived: 1, total: 2, percent: 100 });
	});
	test('a waiver still counts on its expiry day', () => {
		assert.equal(run(waiver(TODAY)).ok, true);
		assert.equal(run(waiver(TODAY)).waivers[0]!.expired, false);
	});
	test('an expired waiver is a gap again, and says so', () => {
		const verdict = run(waiver('2026-11-22'));
		assert.equal(verdict.ok, false);
		assert.equal(verdict.waivers[0]!.expired, true);
		const result = verdict.services[0]!.results[0]!;
		assert.equal(result.status, 'missing');
		assert.equal(result.detail, 'it has no alerts (waiver expired 2026-11-22)');
		assert.equal(verdict.gaps[0]!.message, 'tier 1 requires at least one alert, but it has no alerts — add the alerts that page for this service under "alerts:" (its waiver expired on 2026-11-22)');
	});
	test('a waiver for a met requirement changes nothing', () => {
		const verdict = run(waiver('2027-01-01'), waiver('2027-01-01', 'rto'));
		assert.equal(verdict.services[0]!.results[1]!.status, 'met');
		assert.equal(verdict.services[0]!.results[1]!.waiver, undefined);
	});
	test('a waiver for another service or requirement does not apply', () => {
		assert.equal(run(waiver('2027-01-01', 'alerts', 'other')).ok, false);
		assert.equal(run(waiver('2027-01-01', 'review')).ok, false);
	});
	test('waivers keep their index in policy.waivers, to point at the YAML', () => {
		assert.deepEqual(run(waiver('2027-01-01', 'review'), waiver('2027-01-01')).waivers.map((w) => w.index), [0, 1]);
	});
});

describe('totals', () => {
	const m = model({
		teams: [pagedTeam('team-a'), team('team-b')],
		services: [
			service('a1', { tier: 1, owner: 'team-a', slos: [availability(99.9)], lastReviewed: '2026-10-01' }),
			service('a2', { tier: 2, owner: 'team-a', lastReviewed: '2026-10-01' }),
			service('b1', { tier: 1, owner: 'team-b', slos: [availability(99)] }),
			service('b4', { tier: 4, owner: 'team-b' }),
		],
	});
	const p = policy({
		tiers: { '1': ['owner', 'on-call', 'availability-slo', 'review'], '2': ['owner', 'review', 'alerts'], '3': [], '4': [] },
		waivers: [{ service: 'b1', requirement: 'on-call', reason: 'r', approver: 'a', expires: '2027-01-01' }],
	});
	const verdict = judge(m, p, TODAY);

	test('per service: met counts waived, total counts what the tier asks', () => {
		assert.deepEqual(
			verdict.services.map((s) => [s.service, s.met, s.total]),
			[['a1', 4, 4], ['a2', 2, 3], ['b1', 3, 4], ['b4', 0, 0]],
		);
	});
	test('per tier', () => {
		assert.deepEqual([...verdict.byTier], [
			[1, { met: 6, waived: 1, total: 8, percent: 87.5 }],
			[2, { met: 2, waived: 0, total: 3, percent: 66.6 }],
			[4, { met: 0, waived: 0, total: 0, percent: 100 }],
		]);
	});
	test('per team', () => {
		assert.deepEqual([...verdict.byTeam], [
			['team-a', { met: 6, waived: 0, total: 7, percent: 85.7 }],
			['team-b', { met: 2, waived: 1, total: 4, percent: 75 }],
		]);
	});
	test('overall, rounded down so 99.96 % never shows as 100 %', () => {
		assert.deepEqual(verdict.overall, { met: 8, waived: 1, total: 11, percent: 81.8 });
	});
	test('the gaps, in service order', () => {
		assert.deepEqual(verdict.gaps.map((g) => `${g.service} ${g.requirement} ${g.status}`), ['a2 alerts missing', 'b1 review missing']);
		assert.equal(verdict.ok, false);
	});
	test('report columns follow the policy order', () => {
		assert.deepEqual(verdict.requirements, ['owner', 'on-call', 'availability-slo', 'review', 'alerts']);
	});
	test('each service keeps its team and system', () => {
		assert.deepEqual(verdict.services.map((s) => `${s.service}:${s.team}:${s.system}`), ['a1:team-a:core', 'a2:team-a:core', 'b1:team-b:core', 'b4:team-b:core']);
	});
	test('an empty model is 100 % covered', () => {
		const empty = judge(model(), p, TODAY);
		assert.deepEqual(empty.overall, { met: 0, waived: 0, total: 0, percent: 100 });
		assert.equal(empty.ok, true);
	});
	test('the verdict depends on the date', () => {
		assert.deepEqual(judge(m, p, '2027-06-01').gaps.map((g) => `${g.service} ${g.requirement} ${g.status}`), ['a1 review stale', 'a2 review stale', 'a2 alerts missing', 'b1 on-call missing', 'b1 review missing']);
		assert.equal(judge(m, p, '2027-06-01').today, '2027-06-01');
	});
});

test('daysBetween counts calendar days in UTC', () => {
	assert.equal(daysBetween('2026-01-01', '2026-01-01'), 0);
	assert.equal(daysBetween('2026-02-28', '2026-03-01'), 1);
	assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
	assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
	assert.equal(daysBetween('2026-01-02', '2026-01-01'), -1);
});

describe('the day coverage is judged on', async () => {
	const { asOfNotice, judgementDay } = await import('../../src/coverage/today.ts');
	const clock = new Date('2027-05-01T12:00:00Z');
	test('an explicit date wins, then the policy asOf, then the clock', () => {
		assert.deepEqual(judgementDay({ asOf: '2026-11-23' }, '2026-12-01', clock), { today: '2026-12-01', pinnedBy: 'flag' });
		assert.deepEqual(judgementDay({ asOf: '2026-11-23' }, undefined, clock), { today: '2026-11-23', pinnedBy: 'policy' });
		assert.deepEqual(judgementDay({}, undefined, clock), { today: '2027-05-01' });
		assert.deepEqual(judgementDay(undefined, undefined, clock), { today: '2027-05-01' });
	});
	test('a date pinned by the policy is said aloud; one from a flag or the clock is not', () => {
		assert.match(asOfNotice(judgementDay({ asOf: '2026-11-23' }, undefined, clock)) ?? '', /as of 2026-11-23 \(asOf in policy\.yaml\), not today/);
		assert.equal(asOfNotice(judgementDay({ asOf: '2026-11-23' }, '2026-11-24', clock)), undefined);
		assert.equal(asOfNotice(judgementDay({}, undefined, clock)), undefined);
	});
});

describe('where a gap is shown', () => {
	test('every requirement names a field of the service file, or the id for what lives in other files', () => {
		const fields = new Set(['id', 'owner', 'slos', 'recovery', 'alerts', 'apis', 'environments', 'lastReviewed', 'links', 'lifecycle', 'data', 'system']);
		for (const requirement of requirements) assert.ok(fields.has(String(requirement.field[0])), `${requirement.id}: ${requirement.field.join('.')}`);
	});
});

describe('freshness windows per tier', () => {
	const perTier = { freshness: { review: { '1': '30d', default: '365d' }, restoreTest: '90d', runbookTest: { '2': '10d', default: '180d' }, treeReview: '180d' } } as const;
	test('a service is judged by its own tier\'s window, else the default', () => {
		// Reviewed 2026-10-01, 53 days before TODAY.
		assert.equal(status(verdictOn('review', {}, perTier)), 'stale: the last review 2026-10-01 is 53 days old; the tier-1 window is 30d');
		assert.equal(status(verdictOn('review', { api: { tier: 2 } }, { ...perTier, tiers: { '1': [], '2': ['review'], '3': [], '4': [] } })).startsWith('met'), true);
		assert.equal(status(verdictOn('runbooks-tested', { api: { tier: 2 } }, { ...perTier, tiers: { '1': [], '2': ['runbooks-tested'], '3': [], '4': [] } })).startsWith('stale: runbook api-down: the last test 2026-09-01 is 83 days old; the tier-2 window is 10d'), true);
	});
	test('a window reads as it applies', () => {
		assert.equal(describeWindow('90d'), '90d');
		assert.equal(describeWindow({ '1': '180d', default: '365d' }), 'tier 1: 180d; others: 365d');
		assert.equal(windowFor({ '1': '180d', '3': '30d', default: '365d' }, 3), '30d');
		assert.equal(windowFor({ '1': '180d', default: '365d' }, 2), '365d');
	});
	test('the schema takes either form and refuses a map without a default', () => {
		assert.equal(policySchema.safeParse({ tiers: { '1': [], '2': [], '3': [], '4': [] }, freshness: { review: { '1': '180d', default: '365d' }, restoreTest: '90d', runbookTest: '180d', treeReview: '180d' } }).success, true);
		assert.equal(policySchema.safeParse({ tiers: { '1': [], '2': [], '3': [], '4': [] }, freshness: { review: { '1': '180d' }, restoreTest: '90d', runbookTest: '180d', treeReview: '180d' } }).success, false);
	});
});
