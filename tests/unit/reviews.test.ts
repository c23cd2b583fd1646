/**
 * Post-incident reviews: the schema, the times (detect, respond, recover) and their means per
 * service and quarter, the model check, the two coverage rules (incident-reviews, review-actions)
 * judged from YAML at their lines, how the pages word a review's state, and the model diff.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import {
	isOverdue,
	meanTimesByQuarter,
	meanTimesByService,
	quarterOf,
	resolutionDay,
	reviewTimeProblems,
	reviewTimes,
	severitiesNeedingReview,
} from '../../src/analysis/reviews.ts';
import { judge } from '../../src/coverage/verdict.ts';
import { diffModels, renderMarkdown, snapshot } from '../../src/diff/index.ts';
import { formatPath } from '../../src/load/diagnostics.ts';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { reviewsOf, type Model } from '../../src/model/index.ts';
import { reviewSchema } from '../../src/model/review.ts';
import { report } from '../../src/report/check.ts';
import { momentText, publication, publicationText, reviewWindow } from '../../src/site/reviews.ts';
import { fixtures, incidentPolicy, model, policy, review, service, TODAY, fixtureCopy } from './helpers.ts';

const FIXTURE = join(fixtures, 'reviews-and-controls');
/** A copy of the fixture with some files replaced (text → text). */
const variant = (edits: Record<string, (text: string) => string>) => fixtureCopy('reviews-and-controls', edits);

const CHECKOUT = 'reviews/2026-11-10-checkout-down.yaml';
const fixtureReview = parse(readFileSync(join(FIXTURE, CHECKOUT), 'utf8')) as Record<string, unknown>;
const issues = (value: unknown) => {
	const result = reviewSchema.safeParse(value);
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the review schema', () => {
	test('accepts the fixture review, with defaults for the lists it leaves out', () => {
		assert.deepEqual(issues(fixtureReview), []);
		const parsed = reviewSchema.parse(fixtureReview);
		assert.deepEqual(parsed.wentWell, []);
		assert.deepEqual(parsed.contributingFactors, []);
	});
	test('times are a date and time with its offset, or a duration after the start', () => {
		for (const value of ['2026-11-10T09:16:00Z', '2026-11-10T20:16:00+11:00', '4m', '1h20m', 0]) assert.deepEqual(issues({ ...fixtureReview, detected: value }), [], String(value));
		assert.deepEqual(issues({ ...fixtureReview, detected: '2026-11-10T09:16' }), ['detected: expected a date and time such as "2026-03-14T02:10:00Z", or a duration after the start such as "12m"']);
		assert.deepEqual(issues({ ...fixtureReview, detected: 'soon' }), ['detected: expected a date and time such as "2026-03-14T02:10:00Z", or a duration after the start such as "12m"']);
		assert.equal(issues({ ...fixtureReview, started: '12m' }).length, 1, 'the start itself is a date and time');
	});
	test('an action needs an owner, a due date and a known status; its link follows the URL policy', () => {
		const action = { title: 'Fix it', owner: 'payments', due: '2026-12-01', status: 'open' };
		assert.deepEqual(issues({ ...fixtureReview, actions: [{ ...action, status: 'todo' }] }).map((i) => i.split(':')[0]), ['actions.0.status']);
		assert.deepEqual(issues({ ...fixtureReview, actions: [{ ...action, due: 'next week' }] }), ['actions.0.due: expected a date written as YYYY-MM-DD']);
		assert.equal(issues({ ...fixtureReview, actions: [{ ...action, url: 'javascript:alert(1)' }] }).length, 1);
		assert.deepEqual(issues({ ...fixtureReview, actions: [action] }), []);
	});
	test('a review lists at least one service and knows its severity', () => {
		assert.deepEqual(issues({ ...fixtureReview, services: [] }), ['services: a review must list at least one service']);
		assert.equal(issues({ ...fixtureReview, severity: 'p1' }).length, 1);
	});
});

describe('times', () => {
	test('dates and times give time to detect, respond, mitigate and recover', () => {
		const times = reviewTimes({ started: '2026-03-14T02:00:00Z', detected: '2026-03-14T02:04:00Z', acknowledged: '2026-03-14T02:10:00Z', mitigated: '2026-03-14T02:40:00Z', resolved: '2026-03-14T03:30:00Z' });
		assert.deepEqual(times, { detect: 240, respond: 360, mitigate: 2400, recover: 5400 });
	});
	test('offsets work without a start time; offsets from a start mix with dates and times', () => {
		assert.deepEqual(reviewTimes({ detected: '4m', acknowledged: '10m', resolved: '1h' }), { detect: 240, respond: 360, recover: 3600 });
		assert.deepEqual(reviewTimes({ started: '2026-03-14T13:00:00+11:00', detected: '5m', acknowledged: '2026-03-14T02:15:00Z', resolved: '2h' }), { detect: 300, respond: 600, recover: 7200 });
	});
	test('a time that cannot be placed against the start is left out, not guessed', () => {
		// A date and time with no start cannot be placed; the offsets still can.
		assert.deepEqual(reviewTimes({ detected: '2026-03-14T02:04:00Z', resolved: '1h' }), { recover: 3600 });
		assert.deepEqual(reviewTimes({ detected: '2026-03-14T02:04:00Z', acknowledged: '2026-03-14T02:05:00Z' }), { respond: 60 });
	});
	test('contradicting times are problems for the check, each at its field', () => {
		const base = { date: '2026-03-14', started: '2026-03-14T02:00:00Z' };
		assert.deepEqual(reviewTimeProblems({ ...base, detected: '2026-03-14T01:55:00Z' }), [{ path: ['detected'], message: '"detected" (2026-03-14T01:55:00Z) is before the incident started (2026-03-14T02:00:00Z)' }]);
		assert.deepEqual(reviewTimeProblems({ ...base, mitigated: '1h', resolved: '30m' }), [{ path: ['resolved'], message: '"resolved" (30m) is before "mitigated" (1h)' }]);
		assert.deepEqual(reviewTimeProblems({ ...base, detected: '10m', acknowledged: '5m' }), [{ path: ['acknowledged'], message: '"acknowledged" (5m) is before "detected" (10m)' }]);
		assert.deepEqual(reviewTimeProblems({ date: '2026-03-15', started: '2026-03-14T23:00:00Z' }), [{ path: ['started'], message: '"started" is on 2026-03-14 but "date" is 2026-03-15; give the day the incident started in both' }]);
		assert.deepEqual(reviewTimeProblems({ ...base, detected: '4m', acknowledged: '2026-03-14T02:05:00Z', resolved: '2h' }), []);
	});
	test('the resolution day: a written time keeps its own day, an offset counts from the start', () => {
		assert.equal(resolutionDay({ date: '2026-03-14', started: '2026-03-14T22:00:00Z', resolved: '3h' }), '2026-03-15');
		assert.equal(resolutionDay({ date: '2026-03-14', resolved: '2026-03-15T08:30:00+11:00' }), '2026-03-15');
		assert.equal(resolutionDay({ date: '2026-03-14', resolved: '26h' }), '2026-03-15');
		assert.equal(resolutionDay({ date: '2026-03-14', mitigated: '2h' }), '2026-03-14');
		assert.equal(resolutionDay({ date: '2026-03-14' }), '2026-03-14');
	});
	test('quarters, overdue actions and the severities that need a review', () => {
		assert.deepEqual(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOf), ['2026 Q1', '2026 Q1', '2026 Q2', '2026 Q4']);
		assert.equal(isOverdue({ status: 'open', due: '2026-11-22' }, TODAY), true);
		assert.equal(isOverdue({ status: 'in-progress', due: '2026-11-22' }, TODAY), true);
		assert.equal(isOverdue({ status: 'open', due: TODAY }, TODAY), false, 'due today is not overdue yet');
		assert.equal(isOverdue({ status: 'done', due: '2026-01-01' }, TODAY), false);
		assert.equal(isOverdue({ status: 'wont-do', due: '2026-01-01' }, TODAY), false);
		assert.deepEqual(severitiesNeedingReview(undefined), ['sev1', 'sev2']);
		const matrix = incidentPolicy({ severities: [
			{ level: 'sev1', name: 'Critical', criteria: ['Down'], responseTime: '5m', updateEvery: '30m', page: true, review: true },
			{ level: 'sev2', name: 'Major', criteria: ['Degraded'], responseTime: '15m', updateEvery: '1h', page: true, review: false },
			{ level: 'sev3', name: 'Minor', criteria: ['Minor'], responseTime: '1h', updateEvery: '1d', page: false, review: true },
		] });
		assert.deepEqual(severitiesNeedingReview(matrix), ['sev1', 'sev3']);
	});
});

describe('mean times', () => {
	const reviews = [
		review('a', { date: '2026-02-10', services: ['api', 'db'], detected: '10m', acknowledged: '20m', resolved: '2h' }),
		review('b', { date: '2026-03-01', services: ['api'], detected: '2m', acknowledged: '4m', resolved: '1h' }),
		review('c', { date: '2026-05-05', services: ['db'], detected: undefined, acknowledged: undefined, resolved: '30m' }),
	];
	test('per service: a review of two services counts for each; a mean is over the reviews that give the time', () => {
		assert.deepEqual(meanTimesByService(reviews), [
			{ key: 'api', reviews: 2, mttd: 360, mtta: 360, mttr: 5400, detectCount: 2, respondCount: 2, recoverCount: 2 },
			{ key: 'db', reviews: 2, mttd: 600, mtta: 600, mttr: 4500, detectCount: 1, respondCount: 1, recoverCount: 2 },
		]);
	});
	test('per quarter, oldest first', () => {
		assert.deepEqual(
			meanTimesByQuarter(reviews).map((q) => [q.key, q.reviews, q.mttr]),
			[['2026 Q1', 2, 5400], ['2026 Q2', 1, 1800]],
		);
		assert.deepEqual(meanTimesByQuarter([]), []);
	});
	test('the model lists a service\'s reviews newest first', () => {
		const m = model({ services: [service('api'), service('db')], reviews });
		assert.deepEqual(reviewsOf(m, 'api').map((r) => r.id), ['b', 'a']);
		assert.deepEqual(reviewsOf(m, 'db').map((r) => r.id), ['c', 'a']);
		assert.deepEqual(reviewsOf(m, 'nothing'), []);
	});
});

describe('the model check', () => {
	test('the fixture loads without a diagnostic', () => {
		assert.deepEqual(loadModel(FIXTURE, { cwd: FIXTURE }).diagnostics.map(formatDiagnostic), []);
	});
	test('unknown services, runbooks and action owners are errors with the nearest id; an unknown alert is a warning', () => {
		const root = variant({
			[CHECKOUT]: (text) =>
				text
					.replace('services: [checkout-api, orders-db]', 'services: [checkout-api, orders-bd]')
					.replace('runbooks: [checkout-api-down]', 'runbooks: [checkout-api-dwn]')
					.replace('    owner: payments\n    due: 2026-12-31', '    owner: paymnts\n    due: 2026-12-31')
					.replace('alerts: [CheckoutApiDown]', 'alerts: [CheckoutApiDwn]'),
		});
		assert.deepEqual(loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic), [
			`${CHECKOUT}:5:26  services[1]  unknown service "orders-bd"; did you mean "orders-db"?`,
			`${CHECKOUT}:26:12  actions[1].owner  unknown team "paymnts"; did you mean "payments"?`,
			`${CHECKOUT}:33:10  alerts[0]  warning: no service defines alert "CheckoutApiDwn"; did you mean "CheckoutApiDown"?`,
			`${CHECKOUT}:34:12  runbooks[0]  unknown runbook "checkout-api-dwn"; did you mean "checkout-api-down"?`,
		]);
	});
	test('a severity outside the incident-management matrix, and times out of order, are errors at their fields', () => {
		const root = variant({ [CHECKOUT]: (text) => text.replace('severity: sev1', 'severity: sev4').replace('resolved: 2026-11-10T10:20:00Z', 'resolved: 2026-11-10T09:50:00Z') });
		assert.deepEqual(loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic), [
			`${CHECKOUT}:4:11  severity  severity "sev4" is not in the incident-management severity matrix (sev1, sev2, sev3)`,
			`${CHECKOUT}:11:11  resolved  "resolved" (2026-11-10T09:50:00Z) is before "mitigated" (2026-11-10T09:59:00Z)`,
		]);
	});
});

describe('coverage: incident-reviews and review-actions', () => {
	const gapsOf = (root: string, today = TODAY) => {
		const loaded = loadModel(root, { cwd: root });
		assert.deepEqual(loaded.diagnostics.map(formatDiagnostic), []);
		return judge(loaded.model, loaded.model.policy!, today).gaps.map((gap) => {
			const { line, column } = loaded.position(gap.file, gap.field);
			return `${gap.file}:${line}:${column} ${formatPath(gap.field)} ${gap.service} ${gap.requirement}: ${gap.message}`;
		});
	};

	test('the fixture meets both on its date: a published review, a draft inside its window, no action past due', () => {
		assert.deepEqual(gapsOf(FIXTURE), []);
	});

	test('an action past its due date is a gap at its due date, for each service the review lists', () => {
		const root = variant({ [CHECKOUT]: (text) => text.replace('due: 2026-12-31', 'due: 2026-11-15') });
		assert.deepEqual(gapsOf(root), [
			`${CHECKOUT}:27:10 actions[1].due checkout-api review-actions: checkout-api is tier 1, which requires the actions of its incident reviews done on time, but action "Remove certificate pinning" of review 2026-11-10-checkout-down (owner payments) is open and was due 2026-11-15, 8 days ago — finish it and set "status: done" (or "wont-do", saying why), or agree a new date with its owner and set "due"`,
			`${CHECKOUT}:27:10 actions[1].due orders-db review-actions: orders-db is tier 1, which requires the actions of its incident reviews done on time, but action "Remove certificate pinning" of review 2026-11-10-checkout-down (owner payments) is open and was due 2026-11-15, 8 days ago — finish it and set "status: done" (or "wont-do", saying why), or agree a new date with its owner and set "due"`,
		]);
	});

	test('a draft past the tier\'s reviewWithin is a gap at the review\'s id; a done or wont-do action never is', () => {
		const later = '2026-11-26';
		const gaps = gapsOf(FIXTURE, later);
		assert.deepEqual(gaps, [
			'reviews/2026-11-21-orders-db-failover.yaml:1:5 id orders-db incident-reviews: orders-db is tier 1, which requires a published review of every major incident, but review 2026-11-21-orders-db-failover of the sev2 incident of 2026-11-21 is still a draft 5 days after it was resolved (2026-11-21); the tier-1 review window is 3d — hold the review with everyone involved, then set "published:" to the day it was published',
		]);
	});

	test('without a threshold, the incident-management policy\'s window applies', () => {
		const root = variant({ 'policy.yaml': (text) => text.replace(/thresholds:[\s\S]*$/, '') });
		// The fixture's incident-management.yaml asks for reviews within its own "within".
		const within = (parse(readFileSync(join(root, 'incident-management.yaml'), 'utf8')) as { postIncidentReview: { within: string } }).postIncidentReview.within;
		const gaps = gapsOf(root, '2026-12-31');
		assert.equal(gaps.length, 1);
		assert.match(gaps[0]!, new RegExp(`the incident-management policy's review window is ${within}`));
	});

	test('a waiver covers the rule like any other', () => {
		const root = variant({
			[CHECKOUT]: (text) => text.replace('due: 2026-12-31', 'due: 2026-11-15'),
			'policy.yaml': (text) => `${text}waivers:\n  - service: checkout-api\n    requirement: review-actions\n    reason: The pinning removal waits for the provider's new SDK.\n    approver: Head of Payments\n    expires: 2026-12-31\n  - service: orders-db\n    requirement: review-actions\n    reason: Same action.\n    approver: Head of Payments\n    expires: 2026-12-31\n`,
		});
		assert.deepEqual(gapsOf(root), []);
	});

	test('the check prints both with the file, line and column, and fails', () => {
		const root = variant({ [CHECKOUT]: (text) => text.replace('due: 2026-12-31', 'due: 2026-11-15') });
		const out = report(loadModel(root, { cwd: root }), { today: TODAY, cwd: root });
		assert.equal(out.ok, false);
		assert.match(out.text, /^reviews\/2026-11-10-checkout-down\.yaml:27:10 {2}actions\[1\]\.due {2}checkout-api is tier 1, which requires the actions/m);
		assert.match(out.text, /2 post-incident reviews, 3 compliance controls/);
	});
});

describe('how the pages word a review', () => {
	const world = (extra: Parameters<typeof review>[1]): Model =>
		model({ services: [service('api', { tier: 1 })], reviews: [review('r', extra)], policy: policy({ thresholds: { '1': { reviewWithin: '3d' } } }) });
	const state = (extra: Parameters<typeof review>[1]) => {
		const m = world(extra);
		const r = m.reviews.get('r')!;
		return publicationText(r, publication(m, r, TODAY));
	};
	test('published on time, published late, a draft inside and past its window, a severity that needs none', () => {
		assert.equal(state({ published: '2026-11-03' }), 'Published 2026-11-03');
		assert.equal(state({ published: '2026-11-09' }), 'Published 2026-11-09 — 8 days after resolution (window 3d)');
		assert.equal(state({ date: '2026-11-22' }), 'Draft');
		assert.equal(state({}), 'Draft — 22 days after resolution (window 3d)');
		assert.equal(state({ severity: 'sev4' }), 'Draft');
	});
	test('the window follows the most critical service, then the incident-management policy, then 5d', () => {
		const services = new Map([['api', service('api', { tier: 1 })], ['jobs', service('jobs', { tier: 3 })]]);
		const p = policy({ thresholds: { '1': { reviewWithin: '2d' } } });
		assert.equal(reviewWindow({ services }, p, undefined, { services: ['jobs', 'api'] }), '2d');
		assert.equal(reviewWindow({ services }, p, incidentPolicy(), { services: ['jobs'] }), '5d');
		assert.equal(reviewWindow({ services }, undefined, incidentPolicy({ postIncidentReview: { within: '10d', owner: 'IC', steps: ['Write'] } }), { services: ['jobs'] }), '10d');
	});
	test('times as written, in words', () => {
		assert.equal(momentText('2026-03-14T02:10:00Z'), '2026-03-14 02:10 UTC');
		assert.equal(momentText('2026-03-14T13:10:30+11:00'), '2026-03-14 13:10:30 UTC+11:00');
		assert.equal(momentText('12m'), '12m after the start');
		assert.equal(momentText('0'), 'the start');
		assert.equal(momentText(undefined), '—');
	});
});

describe('the model diff', () => {
	const ok = (m: Model) => ({ model: m, diagnostics: [] });
	const diff = (before: Model, after: Model) => diffModels(snapshot('main', ok(before), TODAY), snapshot('working tree', ok(after), TODAY), TODAY);
	const services = [service('api')];
	test('reports reviews added and removed, a review published and its actions moved', () => {
		const action = { title: 'Add an alert', owner: 'team-a', due: '2026-12-01', status: 'open' as const };
		const d = diff(
			model({ services, reviews: [review('old'), review('r', { actions: [action] })] }),
			model({ services, reviews: [review('r', { published: '2026-11-04', actions: [{ ...action, status: 'done' }, { ...action, title: 'Write a runbook' }] }), review('new', { severity: 'sev2' })] }),
		);
		assert.deepEqual(d.records.added.map((e) => `${e.kind}/${e.id} ${e.facts}`), ['reviews/new sev2, 2026-11-01']);
		assert.deepEqual(d.records.removed.map((e) => `${e.kind}/${e.id}`), ['reviews/old']);
		assert.deepEqual(d.records.changed, [
			{ kind: 'reviews', id: 'r', label: 'r', changes: ['published 2026-11-04 (was a draft)', 'action "Add an alert": open → done', 'new action "Write a runbook" (open, due 2026-12-01)'] },
		]);
		assert.equal(d.unchanged, false);
		const markdown = renderMarkdown(d);
		assert.match(markdown, /^#### Post-incident reviews and compliance controls$/m);
		assert.match(markdown, /^- Added post-incident review `new` — new \(sev2, 2026-11-01\)$/m);
		assert.match(markdown, /^- Review `r`: published 2026-11-04 \(was a draft\); action "Add an alert": open → done; new action "Write a runbook" \(open, due 2026-12-01\)$/m);
	});
	test('an unchanged review is no change', () => {
		const m = () => model({ services, reviews: [review('r')] });
		assert.equal(diff(m(), m()).unchanged, true);
	});
});
