/**
 * `npm run diff` on a temporary git repository: the minimal fixture is committed, then a change
 * raises an RTO, removes a runbook (and the references to it), adds a service and retests a
 * runbook. The diff must report exactly that, read the base from git without touching the
 * working tree, and cope with an unknown ref, a ref without a model and a ref with a broken one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { project } from './helpers.ts';

const TODAY = '2026-11-23';
let repo = '';

function git(...args: string[]) {
	const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
	assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}

function edit(file: string, from: string | RegExp, to: string) {
	const path = join(repo, 'content', file);
	const text = readFileSync(path, 'utf8');
	const next = text.replace(from, to);
	assert.notEqual(next, text, `${file}: ${String(from)} not found`);
	writeFileSync(path, next);
}

/** Runs scripts/diff.ts with its cwd in the temporary repository, as CI would. */
function diff(...args: string[]) {
	const result = spawnSync(process.execPath, [join(project, 'scripts', 'diff.ts'), ...args, '--content', join(repo, 'content'), '--today', TODAY], {
		cwd: repo,
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n') };
}

/** Test repositories carry their own identity and never sign, whatever the user's config says. */
function commit(message: string) {
	git('add', '-A');
	git('-c', 'user.name=Opsbook Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message);
}

before(() => {
	repo = mkdtempSync(join(tmpdir(), 'opsbook-diff-repo-'));
	git('init', '-q', '-b', 'main');
	writeFileSync(join(repo, 'README.md'), '# A team handbook\n');
	commit('start'); // no model yet: HEAD~2 at the end
	cpSync(join(project, 'tests/fixtures/good/minimal'), join(repo, 'content'), { recursive: true });
	commit('add the model'); // the base: HEAD~1 at the end

	// A commit with a broken model, kept only as a tag.
	edit('services/email-worker.yaml', 'tier: 3', 'tier: 7');
	commit('break the model');
	git('tag', 'broken');
	git('reset', '-q', '--hard', 'HEAD~1');

	// The change under review.
	edit('services/orders-db.yaml', 'rto: 30m', 'rto: 2h');
	rmSync(join(repo, 'content/runbooks/checkout-api-down.yaml'));
	edit('services/checkout-api.yaml', '    runbook: checkout-api-down\n', '');
	edit('trees/checkout-errors.yaml', 'runbook: checkout-api-down', 'escalate: payments');
	edit('runbooks/orders-db-restore.yaml', 'lastTested: 2026-10-15', 'lastTested: 2026-11-20');
	writeFileSync(
		join(repo, 'content/services/search-api.yaml'),
		[
			'id: search-api',
			'name: Search API',
			'summary: Finds products for the shop front.',
			'system: shop',
			'owner: payments',
			'tier: 3',
			'lifecycle: production',
			'kind: service',
			'dataClassification: internal',
			'lastReviewed: 2026-11-01',
			'',
		].join('\n'),
	);
	commit('raise the orders-db RTO, drop the checkout runbook, add search-api');
});

after(() => rmSync(repo, { recursive: true, force: true }));

describe('npm run diff on a two-commit repository', () => {
	test('reports the raised RTO, the removed runbook, the new service and the coverage delta exactly', () => {
		const status = git('status', '--porcelain');
		const { status: code, stdout, stderr, lines } = diff('HEAD~1');
		assert.equal(code, 0, stderr);
		const expected = [
			'### Model changes',
			'Comparing `HEAD~1` with the working tree; coverage judged on 2026-11-23.',
			'**Coverage: ✖ fails with 3 gaps (92.8 %)** — before: ✔ passes (100 %)',
			'#### Services, systems and teams',
			'- Added service `search-api` — Search API (tier 3, owner payments, production)',
			'#### Recovery objectives and SLOs',
			'| service | objective | before | after | change |',
			'| `orders-db` | RTO | 30m | 2h | ⚠ loosens |',
			'#### Runbooks and troubleshooting trees',
			'- Removed runbook `checkout-api-down` — Checkout API is down',
			'- Retested runbook `orders-db-restore`: 2026-10-15 → 2026-11-20',
			'#### Alerts that lost their runbook',
			'- ⚠ `CheckoutApiDown` (service `checkout-api`) led to `checkout-api-down`; runbook "checkout-api-down" was removed',
			'#### Coverage by tier',
			'| tier | before | after | change |',
			'| 1 | 100 % (38 of 38) | 92.1 % (35 of 38) | −7.9 pts |',
			'| 3 | 100 % (2 of 2) | 100 % (4 of 4) | ±0 |',
			'| all | 100 % (40 of 40) | 92.8 % (39 of 42) | −7.2 pts |',
			'New gaps (3):',
			'- `checkout-api`: tier 1 requires an incident runbook, but no runbook of kind incident lists checkout-api — add a runbook with "kind: incident" that lists service checkout-api',
			'- `checkout-api`: tier 1 requires a runbook for every alert, but alert CheckoutApiDown has no runbook — set "runbook:" on the alert, or add CheckoutApiDown to a runbook\'s "triggers.alerts"',
			// checkout-api-down also listed orders-db, so orders-db loses its incident runbook too.
			'- `orders-db`: tier 1 requires an incident runbook, but no runbook of kind incident lists orders-db — add a runbook with "kind: incident" that lists service orders-db',
			'#### Analysis findings',
			'- New: RTO inversion — checkout-api must recover within 1 h (RTO 1h) but its hard dependency orders-db may take 2 h (RTO 2h)',
		];
		const missing = expected.filter((line) => !lines.includes(line));
		assert.deepEqual(missing, [], stdout);
		// Nothing else: no renames, no owner/tier changes, no closed gaps, no resolved findings.
		for (const absent of ['Renamed', 'owner `', 'Closed gaps', 'Resolved:', 'Added runbook', 'Removed service', 'Warning']) {
			assert.ok(!stdout.includes(absent), `unexpected "${absent}" in:\n${stdout}`);
		}
		assert.equal(git('status', '--porcelain'), status, 'the working tree and index are untouched');
	});

	test('--json gives the same facts for tools', () => {
		const { status, stdout, stderr } = diff('HEAD~1', '--json');
		assert.equal(status, 0, stderr);
		const data = JSON.parse(stdout);
		assert.equal(data.format, 'opsbook-model-diff/1');
		assert.equal(data.modelPath, 'content');
		assert.deepEqual(data.objectives, [{ service: 'orders-db', objective: 'RTO', before: '30m', after: '2h', direction: 'loosens' }]);
		assert.deepEqual(
			data.entities.added.map((e: { kind: string; id: string }) => `${e.kind}/${e.id}`),
			['services/search-api'],
		);
		assert.deepEqual(
			data.procedures.removed.map((e: { kind: string; id: string }) => `${e.kind}/${e.id}`),
			['runbooks/checkout-api-down'],
		);
		assert.deepEqual(data.coverage.before, { state: 'pass', gaps: 0, percent: 100 });
		assert.deepEqual(data.coverage.after, { state: 'fail', gaps: 3, percent: 92.8 });
		const tier1 = data.coverage.tiers.find((t: { tier: string }) => t.tier === '1');
		assert.equal(tier1.delta, -7.9);
		assert.deepEqual(data.alertsWithoutRunbook.map((a: { alert: string }) => a.alert), ['CheckoutApiDown']);
	});

	test('the same ref on both sides reports no changes', () => {
		const { status, lines, stderr } = diff('HEAD');
		assert.equal(status, 0, stderr);
		assert.ok(lines.includes('No changes to the model.'), lines.join('\n'));
	});

	test('an unknown ref is an error, with a hint', () => {
		const { status, stdout, stderr } = diff('no-such-branch');
		assert.equal(status, 2);
		assert.equal(stdout, '');
		assert.match(stderr, /unknown git ref "no-such-branch"/);
		assert.match(stderr, /fetch-depth: 0/);
	});

	test('a ref without the model folder: everything is new', () => {
		const { status, stdout, stderr } = diff('HEAD~2');
		assert.equal(status, 0, stderr);
		assert.match(stdout, /there is no model folder `content` at `HEAD~2`; everything in the working tree is reported as new/);
		assert.match(stdout, /^- Added service `orders-db` — Orders database \(tier 1, owner platform, production\)$/m);
		assert.match(stdout, /\*\*Coverage: ✖ fails with 3 gaps \(92\.8 %\)\*\* — before: no model/);
	});

	test('a ref with an invalid model: its error count, and the comparison is partial', () => {
		const { status, stdout, stderr } = diff('broken');
		assert.equal(status, 0, stderr);
		assert.match(stdout, /the model at `broken` has 1 error, so this comparison is partial/);
		assert.match(stdout, /^content\/services\/email-worker\.yaml:6:7 {2}tier {2}expected a number ≤ 4, found number 7$/m);
		// email-worker did not load at the ref, so it is neither "added" nor compared.
		assert.match(stdout, /^Not compared, because they have errors on one side: `services\/email-worker\.yaml`\.$/m);
		assert.doesNotMatch(stdout, /Added service `email-worker`/);
		// Coverage and findings are judged on what loaded at the ref, as the check does.
		assert.match(stdout, /^\| 1 \| 100 % \(38 of 38\) \| 92\.1 % \(35 of 38\) \| −7\.9 pts \|$/m);
		assert.match(stdout, /before: ✔ passes \(100 %\)/);
		assert.match(stdout, /^- New: RTO inversion — checkout-api must recover within 1 h/m);
		// What did load is still compared.
		assert.match(stdout, /\| `orders-db` \| RTO \| 30m \| 2h \| ⚠ loosens \|/);
	});

	test('--label names the ref in the output (CI passes a sha and the branch name)', () => {
		const sha = git('rev-parse', 'HEAD~1').trim();
		const { status, lines, stderr } = diff(sha, '--label', 'main');
		assert.equal(status, 0, stderr);
		assert.ok(lines.includes('Comparing `main` with the working tree; coverage judged on 2026-11-23.'), lines.join('\n'));
		assert.ok(diff(sha).lines.includes(`Comparing \`${sha.slice(0, 12)}\` with the working tree; coverage judged on 2026-11-23.`));
	});

	test('no arguments prints the usage', () => {
		const result = spawnSync(process.execPath, [join(project, 'scripts', 'diff.ts')], { cwd: repo, encoding: 'utf8' });
		assert.equal(result.status, 2);
		assert.match(result.stderr, /usage: npm run diff -- <git-ref>/);
	});
});
