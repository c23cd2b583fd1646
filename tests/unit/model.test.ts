/** The indexes and helpers of src/model/index.ts that every page relies on. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dependantsOf, productionReplicas, runbookForAlert, runbooksOf, servicesOfSystem, servicesOfTeam, treesOf } from '../../src/model/index.ts';
import { hard, model, runbook, service, soft, system, team, tree } from './helpers.ts';

const m = model({
	systems: [system('core'), system('edge')],
	teams: [team('team-a'), team('team-b')],
	services: [
		service('web', { system: 'edge', owner: 'team-b', dependencies: [hard('api'), soft('db')] }),
		service('api', {
			dependencies: [hard('db')],
			alerts: [
				{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbook: 'api-restart' },
				{ name: 'ApiSlow', severity: 'warning', summary: 'Slow.' },
				{ name: 'ApiOdd', severity: 'info', summary: 'Odd.' },
			],
		}),
		service('db', { kind: 'database' }),
	],
	runbooks: [
		runbook('api-restart', { services: ['api'] }),
		runbook('api-slow', { services: ['api'], triggers: { alerts: ['ApiSlow', 'ApiDown'] } }),
		runbook('db-restore', { kind: 'disaster-recovery', services: ['db', 'api'] }),
	],
	trees: [tree('api-errors', { services: ['api', 'web'] })],
});

describe('createModel', () => {
	test('sorts every kind by id', () => {
		assert.deepEqual([...m.services.keys()], ['api', 'db', 'web']);
		assert.deepEqual([...m.runbooks.keys()], ['api-restart', 'api-slow', 'db-restore']);
	});
	test('indexes services by system and team', () => {
		assert.deepEqual(servicesOfSystem(m, 'core').map((s) => s.id), ['api', 'db']);
		assert.deepEqual(servicesOfTeam(m, 'team-b').map((s) => s.id), ['web']);
		assert.deepEqual(servicesOfSystem(m, 'none'), []);
	});
	test('indexes dependants with the dependency type', () => {
		assert.deepEqual(dependantsOf(m, 'db').map((d) => `${d.service.id}:${d.type}`), ['api:hard', 'web:soft']);
		assert.deepEqual(dependantsOf(m, 'web'), []);
	});
	test('indexes runbooks and trees by service', () => {
		assert.deepEqual(runbooksOf(m, 'api').map((r) => r.id), ['api-restart', 'api-slow', 'db-restore']);
		assert.deepEqual(runbooksOf(m, 'api', 'disaster-recovery').map((r) => r.id), ['db-restore']);
		assert.deepEqual(treesOf(m, 'web').map((t) => t.id), ['api-errors']);
		assert.deepEqual(treesOf(m, 'db'), []);
	});
	test('indexes alerts by name', () => {
		assert.deepEqual([...m.index.alerts.keys()], ['ApiDown', 'ApiSlow', 'ApiOdd']);
		assert.equal(m.index.alerts.get('ApiDown')![0]!.service.id, 'api');
	});
});

describe('runbookForAlert', () => {
	const entry = (name: string) => m.index.alerts.get(name)![0]!;
	test('the runbook the alert names comes first', () => assert.equal(runbookForAlert(m, entry('ApiDown'))?.id, 'api-restart'));
	test('else a runbook that lists the alert in its triggers', () => assert.equal(runbookForAlert(m, entry('ApiSlow'))?.id, 'api-slow'));
	test('else none', () => assert.equal(runbookForAlert(m, entry('ApiOdd')), undefined));
	test('the index answers the other way round: which alerts lead to a runbook', () => {
		assert.deepEqual(Object.fromEntries(m.index.alertsByRunbook), { 'api-restart': ['ApiDown'], 'api-slow': ['ApiSlow'] });
	});
});

describe('productionReplicas', () => {
	const env = (...names: [string, number][]) => service('x', { environments: names.map(([name, replicas]) => ({ name, replicas })) });
	test('reads the production environment', () => assert.equal(productionReplicas(env(['staging', 1], ['production', 3])), 3));
	test('accepts "prod" and any case', () => {
		assert.equal(productionReplicas(env(['prod', 2])), 2);
		assert.equal(productionReplicas(env(['Production', 4])), 4);
	});
	test('is undefined without production', () => assert.equal(productionReplicas(env(['staging', 2], ['production-eu', 2])), undefined));
});
