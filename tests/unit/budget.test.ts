import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSlo, errorBudget, formatMinutes } from '../../src/analysis/budget.ts';
import { slo as sloSchema } from '../../src/model/service.ts';

const slo = (input: Record<string, unknown>) => sloSchema.parse({ name: 'SLO', window: '30d', ...input });

describe('errorBudget: availability', () => {
	test('99.9 % over 30d is exactly 43.2 minutes', () => {
		const budget = errorBudget(slo({ indicator: 'availability', target: 99.9, window: '30d' }));
		assert.equal(budget.fraction, 0.001);
		assert.equal(budget.downtime, 2592);
		assert.equal(budget.downtime! / 60, 43.2);
		assert.equal(budget.text, '43.2 min of downtime per 30d');
	});

	test('99.95 % over 28d is 20.16 minutes', () => {
		const budget = errorBudget(slo({ indicator: 'availability', target: 99.95, window: '28d' }));
		assert.equal(budget.fraction, 0.0005);
		assert.equal(budget.downtime, 1209.6);
		assert.equal(budget.text, '20.2 min of downtime per 28d');
	});

	test('99 % over 30d is 7.2 hours', () => {
		const budget = errorBudget(slo({ indicator: 'availability', target: 99, window: '30d' }));
		assert.equal(budget.downtime, 25920);
		assert.equal(budget.text, '7.2 h of downtime per 30d');
	});

	test('99.99 % over 7d is 1 minute', () => {
		const budget = errorBudget(slo({ indicator: 'availability', target: 99.99, window: '7d' }));
		assert.equal(budget.downtime, 60.48);
		assert.equal(budget.text, '1 min of downtime per 7d');
	});

	test('100 % leaves no budget', () => {
		const budget = errorBudget(slo({ indicator: 'availability', target: 100 }));
		assert.equal(budget.fraction, 0);
		assert.equal(budget.downtime, 0);
		assert.equal(budget.text, '0 min of downtime per 30d');
	});
});

describe('errorBudget: latency and error rate', () => {
	test('latency: the share of requests that may be slow', () => {
		const budget = errorBudget(slo({ indicator: 'latency', target: 99, percentile: 95, threshold: '200ms' }));
		assert.equal(budget.fraction, 0.01);
		assert.equal(budget.downtime, undefined);
		assert.equal(budget.text, '1 % of requests may take longer than 200 ms per 30d');
	});

	test('latency: no floating-point noise in the text', () => {
		const budget = errorBudget(slo({ indicator: 'latency', target: 99.9, percentile: 99, threshold: '1s' }));
		assert.equal(budget.text, '0.1 % of requests may take longer than 1 s per 30d');
	});

	test('error rate: the target is the budget', () => {
		const budget = errorBudget(slo({ indicator: 'error-rate', target: 0.5 }));
		assert.equal(budget.fraction, 0.005);
		assert.equal(budget.text, '0.5 % of requests may fail per 30d');
	});
});

describe('formatMinutes', () => {
	test('minutes below two hours', () => {
		assert.equal(formatMinutes(2592), '43.2 min');
		assert.equal(formatMinutes(60), '1 min');
		assert.equal(formatMinutes(7140), '119 min');
	});
	test('hours from two hours', () => {
		assert.equal(formatMinutes(7200), '2 h');
		assert.equal(formatMinutes(25920), '7.2 h');
	});
});

describe('describeSlo', () => {
	test('availability', () => assert.equal(describeSlo(slo({ indicator: 'availability', target: 99.9 })), '99.9 % available over 30d'));
	test('latency', () => assert.equal(describeSlo(slo({ indicator: 'latency', target: 99, percentile: 95, threshold: '200ms' })), 'p95 ≤ 200 ms (99 % of 30d)'));
	test('error rate', () => assert.equal(describeSlo(slo({ indicator: 'error-rate', target: 1 })), '≤ 1 % errors over 30d'));
});
