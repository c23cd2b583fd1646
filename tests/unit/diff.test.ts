/** The pure model diff: two snapshots in, a structured ModelDiff out. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffModels, snapshot, type ModelDiff } from '../../src/diff/index.ts';
import type { Model } from '../../src/model/index.ts';
import { availability, hard, latency, model, pagedTeam, policy, runbook, service, system, team, TODAY, tree, type Parts } from './helpers.ts';

const ok = (m: Model) => ({ model: m, diagnostics: [] });
const diff = (before: Model, after: Model): ModelDiff => diffModels(snapshot('main', ok(before), TODAY), snapshot('working tree', ok(after), TODAY), TODAY);
const both = (parts: Parts, change: Parts) => diff(model(parts), model({ ...parts, ...change }));
const ids = (list: { kind: string; id: string }[]) => list.map((e) => `${e.kind}/${e.id}`);

describe('entities', () => {
	test('added and removed services, systems, teams; runbooks and trees apart', () => {
		const d = diff(
			model({ services: [service('api'), service('old')], runbooks: [runbook('gone')], trees: [tree('t1')] }),
			model({ systems: [system('core'), system('edge')], teams: [team('team-a'), team('team-b')], services: [service('api'), service('new', { tier: 2 })], runbooks: [runbook('fresh')] }),
		);
		assert.deepEqual(ids(d.entities.added), ['systems/edge', 'teams/team-b', 'services/new']);
		assert.deepEqual(ids(d.entities.removed), ['services/old']);
		assert.equal(d.entities.added.find((e) => e.id === 'new')!.facts, 'tier 2, owner team-a, production');
		assert.deepEqual(ids(d.procedures.added), ['runbooks/fresh']);
		assert.deepEqual(ids(d.procedures.removed), ['runbooks/gone', 'trees/t1']);
		assert.equal(d.unchanged, false);
	});

	test('a new id with the same name is a rename, and its changes are still compared', () => {
		const d = diff(
			model({ services: [service('payments', { name: 'Payments API', recovery: { rto: '1h', stateless: true } })] }),
			model({ services: [service('payments-api', { name: 'Payments API', recovery: { rto: '4h', stateless: true } })] }),
		);
		assert.deepEqual(d.entities.renamed, [{ kind: 'services', from: 'payments', to: 'payments-api', label: 'Payments API' }]);
		assert.deepEqual(d.entities.added, []);
		assert.deepEqual(d.entities.removed, []);
		assert.deepEqual(d.objectives, [{ service: 'payments-api', objective: 'RTO', before: '1h', after: '4h', direction: 'loosens' }]);
	});

	test('identical content under a new id and name-less match is a rename too; ambiguity is not', () => {
		const renamed = diff(model({ runbooks: [runbook('a', { title: 'Restart' })] }), model({ runbooks: [runbook('b', { title: 'Restart' })] }));
		assert.deepEqual(renamed.procedures.renamed, [{ kind: 'runbooks', from: 'a', to: 'b', label: 'Restart' }]);
		const ambiguous = diff(model({ runbooks: [runbook('a', { title: 'Restart' })] }), model({ runbooks: [runbook('b', { title: 'Restart' }), runbook('c', { title: 'Restart' })] }));
		assert.deepEqual(ambiguous.procedures.renamed, []);
		assert.deepEqual(ids(ambiguous.procedures.added), ['runbooks/b', 'runbooks/c']);
		assert.deepEqual(ids(ambiguous.procedures.removed), ['runbooks/a']);
	});

	test('owner, tier and lifecycle changes; a system owner change', () => {
		const teams = [team('team-a'), team('team-b')];
		const d = both(
			{ teams, systems: [system('core')], services: [service('api', { tier: 3 })] },
			{ systems: [system('core', { owner: 'team-b' })], services: [service('api', { tier: 1, owner: 'team-b', lifecycle: 'deprecated' })] },
		);
		assert.deepEqual(d.fields, [
			{ kind: 'systems', id: 'core', field: 'owner', before: 'team-a', after: 'team-b' },
			{ kind: 'services', id: 'api', field: 'owner', before: 'team-a', after: 'team-b' },
			{ kind: 'services', id: 'api', field: 'tier', before: '3', after: '1', direction: 'raised' },
			{ kind: 'services', id: 'api', field: 'lifecycle', before: 'production', after: 'deprecated' },
		]);
	});
});

describe('objectives', () => {
	const recovery = (rto: string, rpo?: string) => ({ recovery: rpo ? { rto, rpo } : { rto, stateless: true } });

	test('RTO and RPO: larger loosens, smaller tightens, added and removed; the same time written differently is no change', () => {
		const d = diff(
			model({ services: [service('a', recovery('1h', '15m')), service('b', recovery('60m')), service('c', recovery('4h', '1h')), service('d')] }),
			model({ services: [service('a', recovery('2h', '5m')), service('b', recovery('1h')), service('c', recovery('4h')), service('d', recovery('8h', '1d'))] }),
		);
		assert.deepEqual(d.objectives, [
			{ service: 'a', objective: 'RTO', before: '1h', after: '2h', direction: 'loosens' },
			{ service: 'a', objective: 'RPO', before: '15m', after: '5m', direction: 'tightens' },
			{ service: 'c', objective: 'RPO', before: '1h', direction: 'removed' },
			{ service: 'd', objective: 'RTO', after: '8h', direction: 'added' },
			{ service: 'd', objective: 'RPO', after: '1d', direction: 'added' },
		]);
	});

	test('SLO targets: availability up tightens; error-rate up loosens; latency threshold and percentile', () => {
		const errors = (target: number) => ({ name: 'Errors', indicator: 'error-rate' as const, target, window: '30d' });
		const d = diff(
			model({ services: [service('api', { slos: [availability(99.9), latency(99, 95, '200ms'), errors(1)] })] }),
			model({ services: [service('api', { slos: [availability(99.95), latency(99, 99, '300ms'), errors(2)] })] }),
		);
		assert.deepEqual(d.objectives, [
			{ service: 'api', objective: 'SLO "Availability" target', before: '99.9 %', after: '99.95 %', direction: 'tightens' },
			{ service: 'api', objective: 'SLO "Latency" threshold', before: '200ms', after: '300ms', direction: 'loosens' },
			{ service: 'api', objective: 'SLO "Latency" percentile', before: 'p95', after: 'p99', direction: 'tightens' },
			{ service: 'api', objective: 'SLO "Errors" target', before: '1 %', after: '2 %', direction: 'loosens' },
		]);
	});

	test('a renamed SLO is matched by its indicator; a dropped one is a removal', () => {
		const d = diff(
			model({ services: [service('api', { slos: [{ ...availability(99.9), name: 'Uptime' }, latency()] })] }),
			model({ services: [service('api', { slos: [{ ...availability(99.5), name: 'API availability' }] })] }),
		);
		assert.deepEqual(d.objectives, [
			{ service: 'api', objective: 'SLO "API availability" target', before: '99.9 %', after: '99.5 %', direction: 'loosens' },
			{ service: 'api', objective: 'SLO "Latency"', before: '99 % under 200ms (p95)', direction: 'removed' },
		]);
	});

	test('objectives of new or removed services are not listed as changes', () => {
		const d = diff(model({ services: [service('old', recovery('1h'))] }), model({ services: [service('new', recovery('2h'))] }));
		assert.deepEqual(d.objectives, []);
	});
});

describe('runbooks, trees and alerts', () => {
	test('retested runbooks and re-reviewed trees; an older date is not a retest', () => {
		const d = diff(
			model({ runbooks: [runbook('r1', { lastTested: '2026-01-01' }), runbook('r2'), runbook('r3', { lastTested: '2026-05-01' })], trees: [tree('t', { lastReviewed: '2026-02-01' })] }),
			model({ runbooks: [runbook('r1', { lastTested: '2026-11-01' }), runbook('r2', { lastTested: '2026-10-01' }), runbook('r3', { lastTested: '2026-04-01' })], trees: [tree('t', { lastReviewed: '2026-11-02' })] }),
		);
		assert.deepEqual(d.procedures.retested, [
			{ kind: 'runbooks', id: 'r1', label: 'r1', before: '2026-01-01', after: '2026-11-01' },
			{ kind: 'runbooks', id: 'r2', label: 'r2', before: undefined, after: '2026-10-01' },
			{ kind: 'trees', id: 't', label: 't', before: '2026-02-01', after: '2026-11-02' },
		]);
	});

	test('alerts that lost their runbook, and why', () => {
		const alert = (name: string, runbookId?: string) => ({ name, severity: 'critical' as const, summary: 'bad', ...(runbookId ? { runbook: runbookId } : {}) });
		const before = model({
			services: [service('api', { alerts: [alert('ApiDown', 'api-down'), alert('ApiSlow'), alert('ApiErrors', 'errors'), alert('ApiRenamed', 'old-name')] })],
			runbooks: [runbook('api-down'), runbook('slow', { triggers: { alerts: ['ApiSlow'] } }), runbook('errors'), runbook('old-name', { title: 'Renamed one' })],
		});
		const after = model({
			services: [service('api', { alerts: [alert('ApiDown', 'api-down'), alert('ApiSlow'), alert('ApiErrors'), alert('ApiRenamed', 'new-name')] })],
			runbooks: [runbook('slow'), runbook('errors'), runbook('new-name', { title: 'Renamed one' })],
		});
		assert.deepEqual(diff(before, after).alertsWithoutRunbook, [
			{ alert: 'ApiDown', service: 'api', runbook: 'api-down', reason: 'it names runbook "api-down", which no longer exists' },
			{ alert: 'ApiErrors', service: 'api', runbook: 'errors', reason: 'runbook "errors" no longer lists it' },
			{ alert: 'ApiSlow', service: 'api', runbook: 'slow', reason: 'runbook "slow" no longer lists it' },
		]);
	});
});

describe('coverage and findings', () => {
	const strict = policy({ tiers: { '1': ['owner', 'rto'], '2': ['owner'], '3': ['owner'], '4': [] } });
	const teams = [pagedTeam('team-a')];

	test('per-tier delta, opened and closed gaps, the verdict on both sides', () => {
		const d = diff(
			model({ teams, policy: strict, services: [service('api', { tier: 1, recovery: { rto: '1h', stateless: true } }), service('db', { tier: 1 }), service('web')] }),
			model({ teams, policy: strict, services: [service('api', { tier: 1 }), service('db', { tier: 1, recovery: { rto: '1h', stateless: true } }), service('web'), service('cron', { tier: 2 })] }),
		);
		const c = d.coverage;
		assert.deepEqual(c.before, { state: 'fail', gaps: 1, percent: 80 });
		assert.deepEqual(c.after, { state: 'fail', gaps: 1, percent: 83.3 });
		assert.deepEqual(c.tiers.map((t) => [t.tier, t.before?.percent, t.after?.percent, t.delta]), [
			['1', 75, 75, 0],
			['2', undefined, 100, undefined],
			['3', 100, 100, 0],
			['all', 80, 83.3, 3.3],
		]);
		assert.deepEqual(c.gapsOpened.map((g) => `${g.service}/${g.requirement}`), ['api/rto']);
		assert.deepEqual(c.gapsClosed.map((g) => `${g.service}/${g.requirement}`), ['db/rto']);
	});

	test('a renamed service keeps its gaps: neither opened nor closed', () => {
		const d = diff(
			model({ teams, policy: strict, services: [service('api', { tier: 1, name: 'API' })] }),
			model({ teams, policy: strict, services: [service('api-v2', { tier: 1, name: 'API' })] }),
		);
		assert.deepEqual(d.entities.renamed.map((r) => r.to), ['api-v2']);
		assert.deepEqual(d.coverage.gapsOpened, []);
		assert.deepEqual(d.coverage.gapsClosed, []);
	});

	test('no policy: coverage is not judged on either side', () => {
		const d = diff(model({ services: [service('api')] }), model({ services: [service('api')] }));
		assert.deepEqual(d.coverage.after, { state: 'not-judged', reason: 'no-policy' });
		assert.deepEqual(d.coverage.tiers, []);
		assert.equal(d.unchanged, true);
	});

	test('findings that appear and disappear; one that only changes its numbers stays', () => {
		const rto = (value: string) => ({ recovery: { rto: value, stateless: true } });
		const d = diff(
			model({ services: [service('api', { ...rto('1h'), dependencies: [hard('db')] }), service('db', rto('2h')), service('web', { tier: 1, dependencies: [hard('cache')] }), service('cache', { tier: 3 })] }),
			model({ services: [service('api', { ...rto('1h'), dependencies: [hard('db')] }), service('db', rto('4h')), service('web', { tier: 1, dependencies: [hard('cache')] }), service('cache', { tier: 1 }), service('x', { tier: 1, dependencies: [hard('web')], ...rto('1h') })] }),
		);
		assert.deepEqual(d.findings!.disappeared.map((f) => `${f.kind} ${f.services.join(',')}`), ['tier-inversion web,cache']);
		assert.deepEqual(d.findings!.appeared, []);
	});
});

describe('partial and missing sides', () => {
	test('an invalid side is not judged; files with errors are not reported as added', () => {
		const base = model({ services: [service('api')] });
		const head = model({ services: [service('api'), service('web')] });
		const d = diffModels(
			snapshot('main', { model: base, diagnostics: [{ severity: 'error', file: 'services/web.yaml' }] }, TODAY, { format: (x) => `${x.file}: broken` }),
			snapshot('working tree', ok(head), TODAY),
			TODAY,
		);
		assert.equal(d.partial, true);
		assert.deepEqual(d.base.errorLines, ['services/web.yaml: broken']);
		assert.deepEqual(d.entities.added, []);
		assert.deepEqual(d.notCompared, ['services/web.yaml']);
		assert.deepEqual(d.findings, { appeared: [], disappeared: [] });
		assert.deepEqual(d.coverage.before, { state: 'not-judged', reason: 'invalid' });
	});

	test('an invalid side is still analysed: a new tier inversion and single point of failure are reported', () => {
		const base = model({ services: [service('web', { tier: 1 }), service('cache', { tier: 3 })] });
		const head = model({
			services: [
				service('web', { tier: 1, dependencies: [hard('cache')] }),
				service('cache', { tier: 3 }),
				service('db', { tier: 1, environments: [{ name: 'production', replicas: 1 }] }),
			],
		});
		const d = diffModels(
			snapshot('main', ok(base), TODAY),
			snapshot('working tree', { model: head, diagnostics: [{ severity: 'error', file: 'runbooks/x.yaml' }] }, TODAY),
			TODAY,
		);
		assert.deepEqual(d.findings!.appeared.map((f) => `${f.kind} ${f.service}`), ['single-point-of-failure db', 'tier-inversion web']);
	});

	test('a single point of failure that gains a dependant is the same finding', () => {
		const spof = (extra: Parameters<typeof service>[0][]) =>
			model({ services: [service('db', { tier: 1, environments: [{ name: 'production', replicas: 1 }] }), ...extra.map((id) => service(id, { tier: 3, dependencies: [hard('db')] }))] });
		const d = diffModels(snapshot('main', ok(spof(['a'])), TODAY), snapshot('working tree', ok(spof(['a', 'b'])), TODAY), TODAY);
		assert.deepEqual(d.findings, { appeared: [], disappeared: [] });
	});

	test('a missing side is an empty model: everything is new, and every finding appeared', () => {
		const head = model({ services: [service('web', { tier: 1, dependencies: [hard('cache')] }), service('cache', { tier: 3 })] });
		const d = diffModels(snapshot('main', undefined, TODAY), snapshot('working tree', ok(head), TODAY), TODAY);
		assert.equal(d.base.state, 'missing');
		assert.equal(d.partial, false);
		assert.deepEqual(ids(d.entities.added), ['systems/core', 'teams/team-a', 'services/cache', 'services/web']);
		assert.deepEqual(d.findings!.appeared.map((f) => f.kind), ['tier-inversion']);
		assert.deepEqual(d.coverage.before, { state: 'not-judged', reason: 'missing' });
	});
});

describe('business impact, data and access', () => {
	const impact = (mtd: string) => ({ dependents: [{ who: 'Customers', type: 'customers' as const, impact: 'Cannot check out.' }], outage: 'No orders.', maxTolerableDowntime: mtd });
	const access = (roles: string[], lastRecertified = '2026-10-01') => ({
		roles: roles.map((name) => ({ name, grants: 'Access.', grantedBy: 'team-a', mfa: true })),
		recertifyEvery: '90d',
		lastRecertified,
	});
	const dataSet = (name: string, retention = '30d') => ({ name, categories: ['customer-pii'], residency: ['eu-west-1'], retention });
	test('an MTD loosened, a role and a data set added, access recertified: each said with its direction', () => {
		const before = model({ systems: [system('core', { impact: impact('4h'), access: access(['admin']) })], services: [service('db', { kind: 'database', data: [dataSet('Orders')] })] });
		const after = model({ systems: [system('core', { impact: impact('8h'), access: access(['admin', 'support'], '2026-11-20') })], services: [service('db', { kind: 'database', data: [dataSet('Orders', '90d'), dataSet('Invoices')] })] });
		const d = diffModels(snapshot('main', ok(before), TODAY), snapshot('working tree', ok(after), TODAY), TODAY);
		assert.deepEqual(d.governance.map((g) => `${g.kind}/${g.id} ${g.part} ${g.change}: ${g.details.join('; ')}`), [
			'systems/core business impact changed: maximum tolerable downtime 4h → 8h (loosens)',
			'systems/core access changed: role support added; recertified 2026-11-20',
			'services/db data inventory changed: data set Invoices added; data set Orders changed',
		]);
		assert.equal(d.unchanged, false);
	});
	test('access documented for the first time is "added"', () => {
		const d = diffModels(snapshot('main', ok(model()), TODAY), snapshot('working tree', ok(model({ systems: [system('core', { access: access(['admin']) })] })), TODAY), TODAY);
		assert.deepEqual(d.governance.map((g) => `${g.id} ${g.part} ${g.change}`), ['core access added']);
	});
});
