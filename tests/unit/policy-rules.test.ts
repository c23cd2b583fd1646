/**
 * tests/fixtures/policy-rules: a policy that uses every rule (per-tier and per-kind windows,
 * thresholds, required links and objectives, lifecycle rules, a declared vocabulary), judged
 * on the minimal model. Each rule has its own unit tests in coverage.test.ts; this proves they
 * load from YAML together and land on the right lines.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { judge } from '../../src/coverage/verdict.ts';
import { formatPath } from '../../src/load/diagnostics.ts';
import { loadModel } from '../../src/load/index.ts';
import { fixtures, TODAY } from './helpers.ts';

const loaded = loadModel(join(fixtures, 'policy-rules'));
const verdict = judge(loaded.model, loaded.model.policy!, TODAY);
const gaps = verdict.gaps.map((gap) => {
	const { line, column } = loaded.position(gap.file, gap.field);
	return `${gap.file}:${line}:${column} ${formatPath(gap.field)} ${gap.requirement}: ${gap.detail}`;
});

test('the policy and the declared vocabulary load without errors', () => {
	assert.deepEqual(loaded.diagnostics, []);
	assert.equal(loaded.model.services.get('orders-db')!.dataClassification, 'restricted-pci');
});

test('every rule is judged, each gap where its fix goes', () => {
	assert.deepEqual(gaps, [
		'teams/payments.yaml:14:1 escalation escalation: team "payments" has 2 escalation levels',
		'services/checkout-api.yaml:32:13 slos[0].target availability-slo: its availability objective is 99.9 %',
		'services/checkout-api.yaml:29:1 slos objectives: it has no error-rate SLO',
		'services/checkout-api.yaml:27:8 recovery.rto rto: its RTO is 1h',
		'services/checkout-api.yaml:15:1 links links: it has no dashboard or logs link',
		'runbooks/orders-db-restore.yaml:16:13 lastTested runbooks-tested: runbook orders-db-restore: the last test 2026-10-15 is 39 days old; the tier-1 disaster-recovery runbook window is 30d',
		'trees/checkout-errors.yaml:22:15 lastReviewed trees-reviewed: tree checkout-errors: the last review 2026-10-01 is 53 days old; the tier-1 window is 30d',
		'systems/shop.yaml:1:5 id access-review: system shop documents no access',
		'services/email-worker.yaml:7:12 lifecycle sunset: it is sunsetting and names no sunset or replacement',
		'teams/platform.yaml:10:1 escalation escalation: team "platform" has 2 escalation levels',
		'services/orders-db.yaml:28:13 slos[0].target availability-slo: its availability objective is 99.95 %',
		'services/orders-db.yaml:25:1 slos objectives: it has no error-rate SLO',
		'services/orders-db.yaml:14:8 recovery.rpo rpo: its RPO is 5m',
		'services/orders-db.yaml:1:1 links links: it has no dashboard, logs or repo link',
		'runbooks/orders-db-restore.yaml:16:13 lastTested runbooks-tested: runbook orders-db-restore: the last test 2026-10-15 is 39 days old; the tier-1 disaster-recovery runbook window is 30d',
		'trees/checkout-errors.yaml:22:15 lastReviewed trees-reviewed: tree checkout-errors: the last review 2026-10-01 is 53 days old; the tier-1 window is 30d',
		// restricted-pci is declared like restricted, so restricted data's rules apply to it.
		'services/orders-db.yaml:43:5 data[0].erasureRunbook data-handling: data set "Orders and payment references" (restricted-pci, like restricted) names no erasure runbook',
	]);
});

test('an exempt lifecycle stage is not judged, even at tier 1', () => {
	assert.deepEqual(verdict.exempt, [{ service: 'fraud-score', lifecycle: 'experimental' }]);
	assert.ok(!verdict.services.some((s) => s.service === 'fraud-score'));
});

test('rules the services meet are met: per-tier replicas, the review windows, a non-DR runbook\'s longer window', () => {
	const results = (id: string) => verdict.services.find((s) => s.service === id)!.results;
	assert.equal(results('checkout-api').find((r) => r.requirement === 'replicas')!.status, 'met');
	assert.equal(results('checkout-api').find((r) => r.requirement === 'review')!.status, 'met');
	// checkout-api-down (incident, tested 2026-09-20) is held to runbookTest 365d, not the DR window.
	assert.ok(!gaps.some((gap) => gap.includes('checkout-api-down')));
});
