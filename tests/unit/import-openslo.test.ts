/** `opsbook import openslo` on the real OpenSLO files in tests/fixtures/import/openslo/ (see its SOURCES.md). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.ts';
import { guessIndicator, importOpenSlo, percentOf, readWindow } from '../../src/import/openslo.ts';
import { collectFiles, readYamlInputs } from '../../src/import/read.ts';
import { isTodo } from '../../src/lib/todo.ts';
import type { ImportNote } from '../../src/import/types.ts';
import { fixtures } from './helpers.ts';

const folder = join(fixtures, 'import', 'openslo');
const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-openslo-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const notes: ImportNote[] = [];
const inputs = readYamlInputs(collectFiles([folder], (name) => /\.ya?ml$/.test(name), notes), notes);
const result = importOpenSlo(inputs);
const service = (id: string) => {
	const found = result.entities.find((e) => e.kind === 'services' && e.id === id);
	assert.ok(found, `no service ${id}`);
	return found.data;
};
type Slo = Record<string, unknown>;

describe('openslo: the real files', () => {
	test('multi-document files and top-level lists; v1 kinds counted, alerting objects skipped', () => {
		assert.deepEqual(result.counts, { 'AlertPolicy (skipped)': 3, Service: 4, SLI: 5, SLO: 3, 'AlertCondition (skipped)': 1, 'AlertNotificationTarget (skipped)': 1 });
		assert.deepEqual(result.entities.map((e) => e.id).sort(), ['example-service', 'users-auth', 'users-login', 'web', 'web-shop']);
	});

	test('Service → service: displayName → name, description → summary; the same name twice is one service', () => {
		assert.equal(service('users-auth').name, 'Users Auth Service');
		assert.equal(service('users-auth').summary, 'Example Service');
		assert.ok(isTodo(service('users-auth').owner));
		assert.match(service('example-service').owner as string, /^TODO: .*2 teams: team-a, team-b/);
		assert.ok(result.notes.some((n) => n.message.includes('Service example-service is described twice')));
	});

	test('an inline ratio SLO: target 0.99 → 99, 2w rolling, RatioTimeslices → timeslices (noted), availability', () => {
		const [slo] = service('web-shop').slos as Slo[];
		assert.equal(slo!.name, 'Main page availability');
		assert.equal(slo!.indicator, 'availability');
		assert.equal(slo!.target, 99);
		assert.equal(slo!.window, '2w');
		assert.equal(slo!.budgetingMethod, 'timeslices');
		assert.match(slo!.description as string, /^Our main page should be available always\n\n/);
		assert.match(slo!.description as string, /RatioTimeslices/);
		assert.ok(isTodo(service('web-shop').owner), 'the SLO names a service that no Service describes');
	});

	test('calendar windows and indicatorRef: 0.995 → 99.5, the calendar noted, kafka lag is not guessed', () => {
		const slos = service('web').slos as Slo[];
		assert.deepEqual(slos.map((s) => s.name), ['my-slo-1', 'my-slo-2']);
		for (const slo of slos) {
			assert.equal(slo.target, 99.5);
			assert.equal(slo.window, '1w');
			assert.equal(slo.budgetingMethod, 'timeslices');
			assert.ok(isTodo(slo.indicator), 'consumer lag is neither latency nor availability');
			assert.match(slo.description as string, /Calendar window of 1w starting 2022-01-01 12:00:00 America\/New_York/);
			assert.match(slo.description as string, /kafka_consumergroup_lag/);
			assert.match(slo.description as string, /Time slices of 1m count as good at 95 %/);
		}
		assert.match(slos[1]!.description as string, /indicator `my-sli`/, 'my-slo-2 reads its SLI through indicatorRef');
	});

	test('the indicator of each real SLI', () => {
		const slis = inputs.find((input) => input.file.endsWith('slis.yaml'))!.docs as { metadata: { name: string }; spec: Record<string, unknown> }[];
		const guesses = Object.fromEntries(slis.map((sli) => [sli.metadata.name, guessIndicator(sli.spec) ?? 'TODO']));
		assert.deepEqual(guesses, {
			'search-availability': 'availability',
			'end-user-response': 'latency',
			'wifi-client-satisfaction': 'availability',
			'annotator-throughput': 'TODO',
		});
	});

	test('written into the model folder', () => {
		const content = join(scratch, 'model');
		const run = runImport('openslo', [folder], { content });
		assert.equal(run.ok, true);
		const web = parse(readFileSync(join(content, 'services', 'web.yaml'), 'utf8')) as { slos: Slo[] };
		assert.equal(web.slos[0]!.target, 99.5);
		assert.match(run.lines[0]!, /5 entities \(services 5\)/);
	});
});

describe('openslo: conversions', () => {
	test('percentages without floating-point tails', () => {
		assert.equal(percentOf(0.995), 99.5);
		assert.equal(percentOf(0.9999), 99.99);
		assert.equal(percentOf(0.999), 99.9);
	});

	test('windows: v1 durations, v1alpha unit + count, months are not model durations', () => {
		assert.deepEqual(readWindow({ timeWindow: [{ duration: '28d', isRolling: true }] }), { rolling: true, written: '28d', duration: '28d' });
		assert.deepEqual(readWindow({ timeWindows: [{ unit: 'Day', count: 28, isRolling: true }] }), { rolling: true, written: '28 Day', duration: '28d' });
		assert.equal(readWindow({ timeWindow: [{ duration: '1M', isRolling: false }] })!.duration, undefined);
		assert.equal(readWindow({ timeWindows: [{ unit: 'Quarter', count: 1 }] })!.duration, undefined);
	});

	test('v1alpha: objectives with ratioMetrics, a latency threshold, an error ratio, a month window', () => {
		const alpha = importOpenSlo([
			{
				file: 'alpha.yaml',
				docs: [
					{
						apiVersion: 'openslo/v1alpha',
						kind: 'SLO',
						metadata: { name: 'checkout-latency', displayName: 'Checkout latency' },
						spec: {
							service: 'checkout',
							indicator: { thresholdMetric: { source: 'prometheus', queryType: 'promql', query: 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))' } },
							timeWindows: [{ unit: 'Day', count: 28, isRolling: true }],
							budgetingMethod: 'Occurrences',
							objectives: [
								{ displayName: 'fast', op: 'lte', value: 0.3, target: 0.95 },
								{ displayName: 'ok', op: 'lte', value: 1, target: 0.99 },
							],
						},
					},
					{
						apiVersion: 'openslo/v1alpha',
						kind: 'SLO',
						metadata: { name: 'checkout-errors' },
						spec: {
							service: 'checkout',
							timeWindows: [{ unit: 'Month', count: 1, isRolling: false }],
							objectives: [{ target: 0.999, ratioMetrics: { incremental: true, bad: { source: 'prometheus', query: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' }, total: { source: 'prometheus', query: 'sum(rate(http_requests_total[5m]))' } } }],
						},
					},
				],
			},
		]);
		const slos = alpha.entities[0]!.data.slos as Slo[];
		assert.deepEqual(slos.map((s) => [s.name, s.indicator, s.target, s.window]), [
			['Checkout latency: fast', 'latency', 95, '28d'],
			['Checkout latency: ok', 'latency', 99, '28d'],
			['checkout-errors', 'error-rate', 0.1, slos[2]!.window],
		]);
		assert.ok(isTodo(slos[0]!.percentile) && isTodo(slos[0]!.threshold));
		assert.match(slos[0]!.threshold as string, /lte 0\.3 without a unit/);
		assert.ok(isTodo(slos[2]!.window) && /1 Month/.test(slos[2]!.window as string));
		assert.equal(slos[0]!.budgetingMethod, 'occurrences');
	});
});
