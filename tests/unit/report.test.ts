/** The text of `npm run check`, from a loaded model (src/report/check.ts). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadModel } from '../../src/load/index.ts';
import { report } from '../../src/report/check.ts';
import { fixtures, repoRoot, TODAY } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-report-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, files: Record<string, string>): string {
	const root = join(scratch, name);
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
	return root;
}

const TEAM = 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n';
const SYSTEM = 'id: core\nname: Core\nsummary: The core system.\nowner: platform\n';
const service = (id: string, tier: number, rto: string, extra = '') =>
	`id: ${id}\nname: ${id}\nsummary: The ${id}.\nkind: service\ntier: ${tier}\nlifecycle: production\nsystem: core\nowner: platform\ndataClassification: internal\nrecovery:\n  rto: ${rto}\n  stateless: true\n${extra}`;
const POLICY = 'tiers:\n  "1": [owner, review]\n  "2": [owner]\n  "3": []\n  "4": []\nfreshness:\n  review: 180d\n  restoreTest: 90d\n  runbookTest: 180d\n  treeReview: 180d\n';

describe('the good fixture', () => {
	const result = loadModel(join(fixtures, 'good', 'minimal'), { cwd: repoRoot });
	const { text, ok, verdict } = report(result, { today: TODAY, cwd: repoRoot });
	test('is ok with full coverage', () => {
		assert.equal(ok, true);
		assert.equal(verdict?.ok, true);
	});
	test('summarises the model', () => {
		assert.match(text, /^Model tests\/fixtures\/good\/minimal: 1 system, 2 teams, 3 services, 2 runbooks, 1 troubleshooting tree, 2 alerts, 1 guide$/m);
		assert.match(text, /^ {2}security response plan: 6 playbooks; incident management: 3 severity levels; coverage policy: yes$/m);
		assert.match(text, /^Findings: none$/m);
		assert.match(text, /^Coverage on 2026-11-23: 100 % \(40 met, 0 waived, 0 gaps of 40\)$/m);
		assert.match(text, /^✔ 0 errors, 0 warnings, 0 coverage gaps — 12 files checked in \d+ ms$/m);
	});
});

describe('findings and gaps', () => {
	const root = write('findings', {
		'teams/platform.yaml': TEAM,
		'systems/core.yaml': SYSTEM,
		'services/api.yaml': service('api', 1, '1h', 'dependencies:\n  - service: db\n    type: hard\n    reason: data\n    onFailure: down\nlastReviewed: 2026-10-01\n'),
		'services/db.yaml': service('db', 1, '4h', 'lastReviewed: 2025-01-01\n'),
		'policy.yaml': POLICY,
	});
	const result = loadModel(root, { cwd: scratch });
	test('findings are printed as positioned warnings', () => {
		const { text } = report(result, { today: TODAY, cwd: scratch });
		assert.match(text, /^Findings \(1\):\nfindings\/services\/api\.yaml:14:14 {2}dependencies\[0\]\.service {2}warning: RTO inversion: api must recover within 1 h \(RTO 1h\) but its hard dependency db may take 4 h \(RTO 4h\) — bring db's RTO down to 1h or less, raise api's RTO to 4h, or make the dependency soft with a fallback$/m);
	});
	test('coverage gaps fail the check and name the file', () => {
		const { text, ok } = report(result, { today: TODAY, cwd: scratch });
		assert.equal(ok, false);
		assert.match(text, /^Coverage gaps \(1\):\nfindings\/services\/db\.yaml:\d+:\d+  lastReviewed  tier 1 requires a recent review, but the last review 2025-01-01 is 691 days old; the window is 180d — /m);
		assert.match(text, /^Coverage on 2026-11-23: 75 % \(3 met, 0 waived, 1 gap of 4\)$/m);
		assert.match(text, /^✖ 0 errors, 0 warnings, 1 coverage gap — /m);
	});
	test('gaps can be warnings (dev server, forced previews)', () => {
		assert.equal(report(result, { today: TODAY, cwd: scratch, gapsAsWarnings: true }).ok, true);
	});
	test('waivers in force are listed', () => {
		const waived = write('waived', {
			'teams/platform.yaml': TEAM,
			'systems/core.yaml': SYSTEM,
			'services/db.yaml': service('db', 1, '4h'),
			'policy.yaml': `${POLICY}waivers:\n  - service: db\n    requirement: review\n    reason: New owner.\n    approver: CTO\n    expires: 2027-01-01\n`,
		});
		const { text, ok } = report(loadModel(waived, { cwd: scratch }), { today: TODAY, cwd: scratch });
		assert.equal(ok, true);
		assert.match(text, /^ {4}db \/ review until 2027-01-01 \(CTO\): New owner\.$/m);
	});
});

describe('a model with errors', () => {
	const root = write('errors', { 'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM.replace('owner: platform', 'owner: nobody'), 'policy.yaml': POLICY });
	const { text, ok, verdict } = report(loadModel(root, { cwd: scratch }), { today: TODAY, cwd: scratch });
	test('is still judged for coverage, on the entities that loaded, and fails', () => {
		assert.equal(ok, false);
		assert.ok(verdict);
		assert.match(text, /^Coverage on 2026-11-23: /m);
		assert.match(text, /^ {2}judged on the entities that loaded; the error above still fails the check$/m);
	});
	test('errors and gaps are reported in one run; a gap an error may explain says so', () => {
		const both = write('errors-and-gaps', {
			'teams/platform.yaml': TEAM,
			'systems/core.yaml': SYSTEM,
			'services/db.yaml': service('db', 1, '4h').replace('owner: platform', 'owner: platfrom'),
			'policy.yaml': POLICY,
		});
		const r = report(loadModel(both, { cwd: scratch }), { today: TODAY, cwd: scratch });
		assert.equal(r.ok, false);
		assert.match(r.text, /^errors-and-gaps\/services\/db\.yaml:\d+:\d+ {2}owner {2}unknown team "platfrom"; did you mean "platform"\?$/m);
		assert.match(r.text, /^errors-and-gaps\/services\/db\.yaml:\d+:\d+  lastReviewed  tier 1 requires a recent review.* \(an error above may explain this gap\)$/m);
	});
	test('prints the diagnostics first', () => {
		assert.ok(text.startsWith('errors/systems/core.yaml:4:8  owner  unknown team "nobody"\n'), text);
	});
	test('without policy.yaml there is no gate', () => {
		const bare = write('bare', { 'teams/platform.yaml': TEAM });
		const r = report(loadModel(bare, { cwd: scratch }), { today: TODAY, cwd: scratch });
		assert.equal(r.ok, true);
		assert.match(r.text, /^Coverage: no policy\.yaml in the model, so no coverage gate$/m);
	});
});
