/**
 * Compliance controls: the schema, the evidence derived from the model (runbooks tested within
 * their policy window, backups restored within theirs, cited entities present), the control
 * gaps the check prints at their lines, the model check's references, and the model diff.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { compareControlIds, evidenceOf, judgeControl, judgeControls } from '../../src/coverage/controls.ts';
import { diffModels, renderMarkdown, snapshot } from '../../src/diff/index.ts';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { controlSchema, frameworkName } from '../../src/model/control.ts';
import type { Model } from '../../src/model/index.ts';
import { securityPlanSchema } from '../../src/model/security.ts';
import { report } from '../../src/report/check.ts';
import { control, fixtures, incidentPolicy, model, policy, review, runbook, service, TODAY, fixtureCopy } from './helpers.ts';

const FIXTURE = join(fixtures, 'reviews-and-controls');
/** A copy of the fixture with some files replaced (text → text). */
const variant = (edits: Record<string, (text: string) => string>) => fixtureCopy('reviews-and-controls', edits);

const CC74 = 'controls/soc2-cc7-4.yaml';
const fixtureControl = parse(readFileSync(join(FIXTURE, CC74), 'utf8')) as Record<string, unknown>;
const issues = (value: unknown) => {
	const result = controlSchema.safeParse(value);
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the control schema', () => {
	test('accepts the fixture control; evidence defaults to nothing cited', () => {
		assert.deepEqual(issues(fixtureControl), []);
		const bare = controlSchema.parse({ ...fixtureControl, evidence: undefined });
		assert.deepEqual(bare.evidence, { runbooks: [], services: [], backups: [], reviews: [], playbooks: [], securityPlan: false, incidentManagement: false, documents: [] });
	});
	test('any kebab-case framework id; a known one is named in full', () => {
		assert.deepEqual(issues({ ...fixtureControl, framework: 'internal-policy' }), []);
		assert.equal(issues({ ...fixtureControl, framework: 'SOC 2' }).length, 1);
		assert.equal(frameworkName('soc2'), 'SOC 2');
		assert.equal(frameworkName('pci-dss'), 'PCI DSS');
		assert.equal(frameworkName('internal-policy'), 'internal-policy');
	});
	test('a status from the list; documents follow the URL policy', () => {
		assert.equal(issues({ ...fixtureControl, status: 'done' }).length, 1);
		assert.equal(issues({ ...fixtureControl, evidence: { documents: [{ title: 'Policy', url: 'javascript:alert(1)' }] } }).length, 1);
		assert.deepEqual(issues({ ...fixtureControl, evidence: { documents: [{ title: 'Policy', url: 'https://docs.example.com/p' }] } }), []);
	});
	test('control ids sort as people number them', () => {
		assert.deepEqual(['CC7.10', 'CC7.4', 'Art. 33', 'Art. 5', 'A.5.24', 'A.8.13'].sort(compareControlIds), ['A.5.24', 'A.8.13', 'Art. 5', 'Art. 33', 'CC7.4', 'CC7.10']);
	});
});

/** A tier-1 service "api" with a backup restored 2026-10-01, its runbooks and a policy with tier-1 windows. */
function world(extra: { runbookTested?: string; restoreTest?: string | null; stateless?: boolean; security?: boolean; incident?: boolean } = {}): Model {
	const backup = { method: 'snapshots', schedule: 'daily', retention: '30d', location: 'eu', ...(extra.restoreTest === null ? {} : { lastRestoreTest: extra.restoreTest ?? '2026-10-01' }) };
	return model({
		services: [service('api', { tier: 1, recovery: extra.stateless ? { rto: '1h', stateless: true } : { rto: '1h', rpo: '5m', backup } })],
		runbooks: [
			runbook('api-down', { services: ['api'], lastTested: extra.runbookTested ?? '2026-09-01' }),
			runbook('api-restore', { kind: 'disaster-recovery', services: ['api'], lastTested: '2026-06-01' }),
			runbook('api-untested', { services: ['api'] }),
		],
		reviews: [review('r1')],
		policy: policy({ freshness: { review: '180d', restoreTest: { '1': '90d', default: '180d' }, runbookTest: '365d', treeReview: '180d', runbookTestByKind: { 'disaster-recovery': '120d' }, controlReview: '365d' } }),
		security: extra.security ? securityPlanSchema.parse(parse(readFileSync(join(fixtures, 'good', 'minimal', 'security-response-plan.yaml'), 'utf8'))) as never : undefined,
		incident: extra.incident ? incidentPolicy() : undefined,
	});
}
const judged = (m: Model, extra: Parameters<typeof control>[1]) => judgeControl(m, control('c', extra), TODAY);
const details = (m: Model, extra: Parameters<typeof control>[1]) => judged(m, extra).gaps.map((gap) => `${gap.field.join('.')}: ${gap.detail}`);

describe('evidence from the model', () => {
	test('a runbook tested within its window, a backup restored within its tier\'s, entities present: the control is met', () => {
		const verdict = judged(world({ security: true, incident: true }), { evidence: { runbooks: ['api-down'], backups: ['api'], services: ['api'], reviews: ['r1'], playbooks: ['secret-exposure'], securityPlan: true, incidentManagement: true } });
		assert.equal(verdict.state, 'met');
		assert.deepEqual(verdict.gaps, []);
		assert.deepEqual(verdict.evidence.map((e) => `${e.kind} ${e.state}: ${e.detail}`), [
			'runbook ok: tested 2026-09-01 (83 days ago)',
			'service ok: tier 1, owner team-a',
			'backup ok: restore-tested 2026-10-01 (53 days ago)',
			'review ok: sev1 incident of 2026-11-01, draft',
			'playbook ok: in the security response plan',
			'security-plan ok: reviewed 2026-10-01',
			'incident-management ok: 1 severity levels',
		]);
	});
	test('a stale or never-tested runbook, judged by its kind\'s window for its most critical service', () => {
		assert.deepEqual(details(world({ runbookTested: '2025-10-01' }), { evidence: { runbooks: ['api-down', 'api-restore', 'api-untested'] } }), [
			'evidence.runbooks.0: its evidence runbook api-down was last tested 2025-10-01, 418 days ago; its window is 365d',
			'evidence.runbooks.1: its evidence runbook api-restore was last tested 2026-06-01, 175 days ago; its window is 120d',
			'evidence.runbooks.2: its evidence runbook api-untested has never been tested',
		]);
	});
	test('a backup restored outside its tier\'s window, never restored, stateless or not described', () => {
		assert.deepEqual(details(world({ restoreTest: '2026-07-01' }), { evidence: { backups: ['api'] } }), ['evidence.backups.0: its evidence the last restore test of api, 2026-07-01, is 145 days old; its tier-1 window is 90d']);
		assert.deepEqual(details(world({ restoreTest: null }), { evidence: { backups: ['api'] } }), ['evidence.backups.0: its evidence the backup of api has never been restore-tested']);
		assert.deepEqual(details(world({ stateless: true }), { evidence: { backups: ['api'] } }), ['evidence.backups.0: its evidence service api is stateless and has no backup']);
	});
	test('a cited entity that is not in the model, with the nearest id in the fix', () => {
		const verdict = judged(world(), { evidence: { runbooks: ['api-dwn'], services: ['apj'], backups: ['nope'], reviews: ['r2'], playbooks: ['secret-exposure'], securityPlan: true, incidentManagement: true } });
		assert.equal(verdict.state, 'not-met');
		assert.deepEqual(verdict.gaps.map((g) => `${g.field.join('.')}: ${g.detail} — ${g.fix}`), [
			'evidence.runbooks.0: its evidence runbook "api-dwn" is not in the model — correct the id (did you mean "api-down"?), or add runbooks/api-dwn.yaml',
			'evidence.services.0: its evidence service "apj" is not in the model — correct the id (did you mean "api"?), or remove it',
			'evidence.backups.0: its evidence service "nope" is not in the model — correct the id, or remove it',
			'evidence.reviews.0: its evidence post-incident review "r2" is not in the model — correct the id (did you mean "r1"?), or add reviews/r2.yaml',
			'evidence.playbooks.0: its evidence playbook "secret-exposure" is cited but the model has no security response plan — add security-response-plan.yaml with the playbook, or remove it',
			'evidence.securityPlan: its evidence the model has no security response plan — add security-response-plan.yaml, or set "securityPlan: false"',
			'evidence.incidentManagement: its evidence the model has no incident-management policy — add incident-management.yaml, or set "incidentManagement: false"',
		]);
	});
	test('an implemented control that cites nothing, or was not reviewed within controlReview, is not met', () => {
		assert.deepEqual(details(world(), {}), ['status: it cites no evidence']);
		assert.deepEqual(details(world(), { lastReviewed: '2025-10-01', evidence: { services: ['api'] } }), ['lastReviewed: it was last reviewed 2025-10-01, 418 days ago; the control review window is 365d']);
		assert.deepEqual(details(world(), { evidence: { documents: [{ title: 'Signed policy', url: 'https://docs.example.com/p' }] } }), [], 'a document is evidence, listed and not judged');
	});
	test('partial controls are judged; planned and not-applicable ones are listed, not judged', () => {
		const stale = { runbooks: ['api-untested'] };
		assert.equal(judged(world(), { status: 'partial', evidence: stale }).state, 'not-met');
		for (const status of ['planned', 'not-applicable'] as const) {
			const verdict = judged(world(), { status, justification: 'Not yet.', evidence: stale });
			assert.equal(verdict.state, 'not-judged');
			assert.deepEqual(verdict.gaps, []);
			assert.equal(verdict.evidence[0]!.state, 'missing', 'the evidence is still shown as it is');
		}
	});
	test('a gap says which framework and control, and how to fix it', () => {
		const [gap] = judged(world(), { control: 'CC7.4', title: 'Incidents are responded to', evidence: { runbooks: ['api-untested'] } }).gaps;
		assert.equal(gap!.message, 'SOC 2 CC7.4 (Incidents are responded to) is implemented, but its evidence runbook api-untested has never been tested — exercise it (a drill, a game day or real use), then set "lastTested" in runbooks/api-untested.yaml');
		assert.equal(gap!.file, 'controls/c.yaml');
	});
	test('every control, by framework then control id', () => {
		const m = model({ controls: [control('b', { framework: 'soc2', control: 'CC7.10', evidence: { documents: [{ title: 'x', url: 'https://x.example' }] } }), control('a', { framework: 'soc2', control: 'CC7.4' }), control('g', { framework: 'gdpr', control: 'Art. 33', status: 'planned' })] });
		const verdict = judgeControls(m, TODAY);
		assert.deepEqual([...verdict.frameworks.keys()], ['gdpr', 'soc2']);
		assert.deepEqual(verdict.controls.map((c) => `${c.control.id} ${c.state}`), ['g not-judged', 'a not-met', 'b met']);
		assert.equal(verdict.ok, false);
		assert.equal(verdict.gaps.length, 1);
		assert.equal(evidenceOf(m, m.controls.get('b')!, TODAY)[0]!.state, 'listed');
	});
});

describe('from YAML: the model check and the check output', () => {
	test('the fixture has no diagnostic and no control gap', () => {
		const loaded = loadModel(FIXTURE, { cwd: FIXTURE });
		assert.deepEqual(loaded.diagnostics.map(formatDiagnostic), []);
		const out = report(loaded, { today: TODAY, cwd: FIXTURE });
		assert.equal(out.ok, true, out.text);
		assert.match(out.text, /^Compliance controls: 3 controls in 3 frameworks — 2 of 2 with their evidence in order, 1 not judged \(planned or not applicable\)$/m);
		assert.match(out.text, /^✔ 0 errors, 0 warnings, 0 coverage gaps, 0 control gaps — /m);
	});
	test('unknown references are errors with the nearest id; a not-applicable control must say why; one file per control', () => {
		const root = variant({
			[CC74]: (text) => text.replace('runbooks: [checkout-api-down]', 'runbooks: [checkout-api-dwn]').replace('reviews: [2026-11-10-checkout-down]', 'reviews: [2026-11-10-checkout-dwn]').replace('playbooks: [secret-exposure]', 'playbooks: [secret-exposur]').replace('owner: platform', 'owner: platfrom'),
			'controls/pci-dss-12-10-1.yaml': (text) => text.replace(/^justification:.*\n/m, ''),
			'controls/gdpr-art-32.yaml': (text) => text.replace('framework: gdpr', 'framework: soc2').replace('control: Art. 32(1)(c)', 'control: CC7.4'),
		});
		assert.deepEqual(loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic), [
			'controls/pci-dss-12-10-1.yaml:6:9  status  a control that does not apply says why: add "justification:"',
			`${CC74}:3:10  control  warning: soc2 CC7.4 is also described by controls/gdpr-art-32.yaml; keep one file per control`,
			`${CC74}:5:8  owner  unknown team "platfrom"; did you mean "platform"?`,
			`${CC74}:8:14  evidence.runbooks[0]  unknown runbook "checkout-api-dwn"; did you mean "checkout-api-down"?`,
			`${CC74}:11:13  evidence.reviews[0]  unknown post-incident review "2026-11-10-checkout-dwn"; did you mean "2026-11-10-checkout-down"?`,
			`${CC74}:12:15  evidence.playbooks[0]  unknown security playbook "secret-exposur"; did you mean "secret-exposure"?`,
		]);
	});
	test('a stale runbook and an old restore test are control gaps at their lines; they fail the check, or only warn with gaps allowed', () => {
		const root = variant({
			'runbooks/checkout-api-down.yaml': (text) => text.replace('lastTested: 2026-09-20', 'lastTested: 2026-01-20'),
			'services/orders-db.yaml': (text) => text.replace('lastRestoreTest: 2026-10-15', 'lastRestoreTest: 2026-08-01'),
		});
		const loaded = loadModel(root, { cwd: root });
		const out = report(loaded, { today: TODAY, cwd: root });
		assert.equal(out.ok, false);
		const section = out.text.slice(out.text.indexOf('Control gaps'));
		assert.deepEqual(section.split('\n').slice(0, 5), [
			'Control gaps (3):',
			'controls/gdpr-art-32.yaml:9:13  evidence.backups[0]  GDPR Art. 32(1)(c) (Personal data can be restored in a timely manner) is partial, but its evidence the last restore test of orders-db, 2026-08-01, is 114 days old; its tier-1 window is 90d — restore a backup, then set "recovery.backup.lastRestoreTest" in services/orders-db.yaml',
			`${CC74}:8:14  evidence.runbooks[0]  SOC 2 CC7.4 (Incidents are responded to with a tested plan) is implemented, but its evidence runbook checkout-api-down was last tested 2026-01-20, 307 days ago; its window is 180d — exercise it, then set "lastTested" in runbooks/checkout-api-down.yaml`,
			`${CC74}:9:13  evidence.backups[0]  SOC 2 CC7.4 (Incidents are responded to with a tested plan) is implemented, but its evidence the last restore test of orders-db, 2026-08-01, is 114 days old; its tier-1 window is 90d — restore a backup, then set "recovery.backup.lastRestoreTest" in services/orders-db.yaml`,
			'',
		]);
		assert.match(out.text, /, 3 control gaps — /);
		assert.equal(report(loaded, { today: TODAY, cwd: root, gapsAsWarnings: true }).ok, true);
	});
});

describe('the model diff', () => {
	const ok = (m: Model) => ({ model: m, diagnostics: [] });
	const services = [service('api')];
	test('controls added, their status and the evidence they cite', () => {
		const before = model({ services, controls: [control('c', { status: 'partial', evidence: { services: ['api'] } })] });
		const after = model({ services, controls: [control('c', { status: 'implemented', evidence: { backups: ['api'] } }), control('g', { framework: 'gdpr', control: 'Art. 33', title: 'Breach notified' })] });
		const d = diffModels(snapshot('main', ok(before), TODAY), snapshot('working tree', ok(after), TODAY), TODAY);
		assert.deepEqual(d.records.added.map((e) => `${e.kind}/${e.id} ${e.facts}`), ['controls/g GDPR Art. 33, implemented']);
		assert.deepEqual(d.records.changed, [{ kind: 'controls', id: 'c', label: 'c', changes: ['status partial → implemented', 'now cites backup of api', 'no longer cites service api'] }]);
		const markdown = renderMarkdown(d);
		assert.match(markdown, /^- Added compliance control `g` — Breach notified \(GDPR Art\. 33, implemented\)$/m);
		assert.match(markdown, /^- Control `c`: status partial → implemented; now cites backup of api; no longer cites service api$/m);
	});
});
