import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	analyse,
	availabilityCeilings,
	availabilityTarget,
	dependencyCycles,
	findingsFor,
	rtoInversions,
	singlePointsOfFailure,
	tierInversions,
} from '../../src/analysis/findings.ts';
import { availability, hard, latency, model, service, soft } from './helpers.ts';

const withRto = (rto: string) => ({ recovery: { rto, stateless: true } });

describe('RTO inversion', () => {
	test('a service that must recover faster than a hard dependency', () => {
		const m = model({ services: [service('api', { ...withRto('1h'), dependencies: [soft('cache'), hard('db')] }), service('db', withRto('4h')), service('cache', withRto('1d'))] });
		assert.deepEqual(rtoInversions(m), [
			{
				kind: 'rto-inversion',
				service: 'api',
				services: ['api', 'db'],
				path: ['dependencies', 1, 'service'],
				message: 'api must recover within 1 h (RTO 1h) but its hard dependency db may take 4 h (RTO 4h)',
				fix: "bring db's RTO down to 1h or less, raise api's RTO to 4h, or make the dependency soft with a fallback",
			},
		]);
	});
	test('no finding for a soft dependency, an equal RTO, or a dependency without recovery', () => {
		const m = model({
			services: [
				service('api', { ...withRto('1h'), dependencies: [soft('slow'), hard('same'), hard('unknown-recovery'), hard('not-in-model')] }),
				service('slow', withRto('1d')),
				service('same', withRto('60m')),
				service('unknown-recovery'),
			],
		});
		assert.deepEqual(rtoInversions(m), []);
	});
	test('compares durations, not text', () => {
		const m = model({ services: [service('api', { ...withRto('90m'), dependencies: [hard('db')] }), service('db', withRto('1h30m'))] });
		assert.deepEqual(rtoInversions(m), []);
	});
});

describe('availability ceiling', () => {
	test('an objective above the product of its hard dependencies', () => {
		const m = model({
			services: [
				service('api', { slos: [latency(), availability(99.95)], dependencies: [hard('db'), hard('auth'), soft('cdn')] }),
				service('db', { slos: [availability(99.9)] }),
				service('auth', { slos: [availability(99.9)] }),
				service('cdn', { slos: [availability(90)] }),
			],
		});
		assert.deepEqual(availabilityCeilings(m), [
			{
				kind: 'availability-ceiling',
				service: 'api',
				services: ['api', 'db', 'auth'],
				path: ['slos', 1, 'target'],
				message: 'api promises 99.95 % availability but its hard dependencies allow at most 99.8 % (db 99.9 % × auth 99.9 %)',
				fix: "lower the objective to 99.8 % or less, raise the dependencies' objectives, or make one soft with a fallback",
			},
		]);
	});
	test('an objective at or below the ceiling is fine', () => {
		const m = model({
			services: [
				service('api', { slos: [availability(99.8)], dependencies: [hard('db'), hard('auth')] }),
				service('db', { slos: [availability(99.9)] }),
				service('auth', { slos: [availability(99.9)] }),
				service('one', { slos: [availability(99.9)], dependencies: [hard('db')] }),
			],
		});
		assert.deepEqual(availabilityCeilings(m), []);
	});
	test('soft dependencies and dependencies without an objective do not lower the ceiling', () => {
		const m = model({
			services: [
				service('api', { slos: [availability(99.99)], dependencies: [soft('db'), hard('auth')] }),
				service('db', { slos: [availability(99)] }),
				service('auth'),
			],
		});
		assert.deepEqual(availabilityCeilings(m), []);
	});
	test('a service without an availability objective makes no promise', () => {
		const m = model({ services: [service('api', { slos: [latency()], dependencies: [hard('db')] }), service('db', { slos: [availability(90)] })] });
		assert.deepEqual(availabilityCeilings(m), []);
		assert.equal(availabilityTarget(m.services.get('api')!), undefined);
		assert.equal(availabilityTarget(m.services.get('db')!), 90);
	});
});

describe('tier inversion', () => {
	test('a tier-1 service hard-depending on a tier-3 one', () => {
		const m = model({ services: [service('api', { tier: 1, dependencies: [hard('search')] }), service('search', { tier: 3 })] });
		assert.deepEqual(tierInversions(m), [
			{
				kind: 'tier-inversion',
				service: 'api',
				services: ['api', 'search'],
				path: ['dependencies', 0, 'service'],
				message: 'tier-1 api hard-depends on tier-3 search',
				fix: 'raise search to tier 1, or make the dependency soft with a fallback',
			},
		]);
	});
	test('no finding for soft dependencies, equal tiers or more critical dependencies', () => {
		const m = model({
			services: [
				service('api', { tier: 1, dependencies: [soft('search'), hard('db')] }),
				service('search', { tier: 4 }),
				service('db', { tier: 1 }),
				service('report', { tier: 3, dependencies: [hard('db')] }),
			],
		});
		assert.deepEqual(tierInversions(m), []);
	});
});

describe('single point of failure', () => {
	const env = (replicas: number, name = 'production') => ({ environments: [{ name: 'staging', replicas: 1 }, { name, replicas }] });
	test('a tier-1 service with one production replica and no failover', () => {
		const m = model({
			services: [
				service('db', { tier: 1, kind: 'database', ...env(1) }),
				service('api', { dependencies: [hard('db')] }),
				service('jobs', { dependencies: [soft('db')] }),
			],
		});
		assert.deepEqual(singlePointsOfFailure(m), [
			{
				kind: 'single-point-of-failure',
				service: 'db',
				services: ['db', 'api'],
				path: ['environments', 1, 'replicas'],
				message: 'tier-1 db runs 1 production replica and has no failover; api hard-depends on it',
				fix: 'run 2 or more production replicas, or fail over automatically ("recovery.failover.mode: automatic")',
			},
		]);
	});
	test('"prod" counts as production, and zero replicas too', () => {
		const m = model({ services: [service('db', { tier: 2, ...env(0, 'prod') })] });
		assert.deepEqual(singlePointsOfFailure(m).map((f) => f.message), ['tier-2 db runs 0 production replicas and has no failover']);
	});
	test('failover "none" is no failover', () => {
		const m = model({ services: [service('db', { tier: 1, ...env(1), recovery: { rto: '1h', rpo: '0', failover: { mode: 'none', description: 'none' } } })] });
		assert.equal(singlePointsOfFailure(m).length, 1);
	});
	test('no finding with two replicas, with failover, for tier 3, for external services, or without production', () => {
		const failover = (mode: 'automatic' | 'manual') => ({ recovery: { rto: '1h', rpo: '0', failover: { mode, description: 'standby' } } });
		const m = model({
			services: [
				service('two', { tier: 1, ...env(2) }),
				service('auto', { tier: 1, ...env(1), ...failover('automatic') }),
				service('manual', { tier: 1, ...env(1), ...failover('manual') }),
				service('low', { tier: 3, ...env(1) }),
				service('vendor', { tier: 1, kind: 'external', ...env(1) }),
				service('nowhere', { tier: 1, environments: [{ name: 'staging', replicas: 1 }] }),
			],
		});
		assert.deepEqual(singlePointsOfFailure(m), []);
	});
});

describe('dependency cycles (Tarjan)', () => {
	test('a three-service cycle is one finding that reads as a path', () => {
		const m = model({ services: [service('a', { dependencies: [hard('b')] }), service('b', { dependencies: [hard('c')] }), service('c', { dependencies: [soft('x'), hard('a')] }), service('x')] });
		assert.deepEqual(dependencyCycles(m), [
			{
				kind: 'dependency-cycle',
				service: 'a',
				services: ['a', 'b', 'c'],
				path: ['dependencies', 0, 'service'],
				message: 'hard dependencies form a cycle: a → b → c → a; none of them can start or recover first',
				fix: 'make one of these dependencies soft (with a fallback), so one service can start first',
			},
		]);
	});
	test('two separate cycles in one graph, with a bridge between them', () => {
		const m = model({
			services: [
				service('a', { dependencies: [hard('b')] }),
				service('b', { dependencies: [hard('a'), hard('c')] }),
				service('c', { dependencies: [hard('d')] }),
				service('d', { dependencies: [hard('c')] }),
				service('e', { dependencies: [hard('a')] }),
			],
		});
		assert.deepEqual(dependencyCycles(m).map((f) => f.services), [['c', 'd'], ['a', 'b']]);
		assert.deepEqual(dependencyCycles(m).map((f) => f.message.split(';')[0]), ['hard dependencies form a cycle: c → d → c', 'hard dependencies form a cycle: a → b → a']);
	});
	test('a cycle through a soft dependency is no finding', () => {
		const m = model({ services: [service('a', { dependencies: [hard('b')] }), service('b', { dependencies: [soft('a')] })] });
		assert.deepEqual(dependencyCycles(m), []);
	});
	test('a diamond is not a cycle', () => {
		const m = model({
			services: [service('a', { dependencies: [hard('b'), hard('c')] }), service('b', { dependencies: [hard('d')] }), service('c', { dependencies: [hard('d')] }), service('d')],
		});
		assert.deepEqual(dependencyCycles(m), []);
	});
	test('dependencies on services outside the model are ignored', () => {
		const m = model({ services: [service('a', { dependencies: [hard('ghost')] })] });
		assert.deepEqual(dependencyCycles(m), []);
	});
	test('the path points at the first member\'s edge into the cycle', () => {
		const m = model({ services: [service('a', { dependencies: [hard('z'), hard('b')] }), service('b', { dependencies: [hard('a')] }), service('z')] });
		assert.deepEqual(dependencyCycles(m)[0]!.path, ['dependencies', 1, 'service']);
	});
	test('a long chain does not overflow', () => {
		const services = Array.from({ length: 2000 }, (_, i) => service(`s${i}`, { dependencies: i < 1999 ? [hard(`s${i + 1}`)] : [hard('s0')] }));
		const cycles = dependencyCycles(model({ services }));
		assert.equal(cycles.length, 1);
		assert.equal(cycles[0]!.services.length, 2000);
	});
});

describe('analyse', () => {
	const m = model({
		services: [
			service('api', { tier: 1, ...withRto('1h'), slos: [availability(99.99)], dependencies: [hard('db'), soft('search')], environments: [{ name: 'production', replicas: 3 }] }),
			service('db', { tier: 2, ...withRto('4h'), slos: [availability(99.9)], environments: [{ name: 'production', replicas: 1 }] }),
			service('search', { tier: 4 }),
		],
	});
	test('collects every kind, sorted by service and kind', () => {
		assert.deepEqual(analyse(m).map((f) => `${f.service} ${f.kind}`), ['api availability-ceiling', 'api rto-inversion', 'api tier-inversion', 'db single-point-of-failure']);
	});
	test('findingsFor lists every finding a service is involved in', () => {
		assert.deepEqual(findingsFor(analyse(m), 'db').map((f) => f.kind), ['availability-ceiling', 'rto-inversion', 'tier-inversion', 'single-point-of-failure']);
		assert.deepEqual(findingsFor(analyse(m), 'search'), []);
	});
	test('a model with only soft dependencies has no findings', () => {
		const calm = model({
			services: [
				service('a', { tier: 1, ...withRto('1m'), slos: [availability(99.999)], dependencies: [soft('b')], environments: [{ name: 'production', replicas: 2 }] }),
				service('b', { tier: 4, ...withRto('1w'), slos: [availability(50)], dependencies: [soft('a')] }),
			],
		});
		assert.deepEqual(analyse(calm), []);
	});
});
