/** The pure questions behind the tree, incident, security and coverage pages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alertIndex, resolutionId, treeExits, treeNodesInOrder, treeParents, treesBySymptom } from '../../src/site/queries-ops.ts';
import { model, runbook, service, tree } from './helpers.ts';

const branching = tree('checkout', {
	start: 'a',
	nodes: [
		{ id: 'd', question: 'D?', answers: [{ label: 'Yes', resolution: 'Fixed.' }] },
		{ id: 'c', question: 'C?', answers: [{ label: 'Yes', next: 'd' }, { label: 'No', runbook: 'rb' }] },
		{ id: 'a', question: 'A?', answers: [{ label: 'Yes', next: 'b' }, { label: 'No', next: 'c' }] },
		{ id: 'b', question: 'B?', answers: [{ label: 'Yes', next: 'd' }, { label: 'No', escalate: 'team-a' }] },
		{ id: 'lost', question: 'Unreachable?' },
	],
});

describe('troubleshooting trees', () => {
	test('nodes come start first, then breadth-first, unreachable ones last', () => {
		assert.deepEqual(treeNodesInOrder(branching).map((n) => n.id), ['a', 'b', 'c', 'd', 'lost']);
	});

	test('parents list every answer that leads to a node', () => {
		const parents = treeParents(branching);
		assert.deepEqual(parents.get('d'), [
			{ node: 'c', label: 'Yes' },
			{ node: 'b', label: 'Yes' },
		]);
		assert.equal(parents.get('a'), undefined);
	});

	test('exits name the runbooks and teams once, and count inline resolutions', () => {
		assert.deepEqual(treeExits(branching), { runbooks: ['rb'], teams: ['team-a'], resolutions: 1 });
		assert.equal(resolutionId('d', 0), 'resolution-d-0');
	});

	test('the index is sorted by symptom, ignoring case', () => {
		const m = model({ trees: [tree('x', { symptom: 'slow pages' }), tree('y', { symptom: 'Alerts are silent' })] });
		assert.deepEqual(treesBySymptom(m).map((t) => t.id), ['y', 'x']);
	});
});

describe('alertIndex', () => {
	const m = model({
		services: [
			service('api', {
				alerts: [
					{ name: 'ApiSlow', severity: 'warning', summary: 'Slow.' },
					{ name: 'ApiDown', severity: 'critical', summary: 'Down.', runbook: 'api-down' },
					{ name: 'ApiNoise', severity: 'info', summary: 'Noise.', runbook: 'missing' },
				],
			}),
			service('web', { alerts: [{ name: 'AardvarkDown', severity: 'critical', summary: 'Gone.' }] }),
		],
		runbooks: [runbook('api-down'), runbook('slow', { triggers: { alerts: ['ApiSlow'] } })],
	});
	const rows = alertIndex(m);

	test('lists every alert once, critical first, then by name', () => {
		assert.deepEqual(rows.map((r) => r.name), ['AardvarkDown', 'ApiDown', 'ApiSlow', 'ApiNoise']);
	});

	test('finds the runbook the alert names, or one whose triggers name it', () => {
		const by = new Map(rows.map((r) => [r.name, r]));
		assert.equal(by.get('ApiDown')!.runbook?.id, 'api-down');
		assert.equal(by.get('ApiSlow')!.runbook?.id, 'slow');
		assert.equal(by.get('AardvarkDown')!.runbook, undefined);
		assert.equal(by.get('ApiNoise')!.missingRunbook, 'missing');
		assert.deepEqual(by.get('AardvarkDown')!.services.map((s) => s.id), ['web']);
	});
});
