/**
 * Access on systems: the schema (roles, break-glass, recertification, on/offboarding), the
 * access-review requirement (judged once per system, on its most critical service) and the
 * references checked across files.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { z } from 'zod';
import { judge } from '../../src/coverage/verdict.ts';
import { formatPath } from '../../src/load/diagnostics.ts';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { access } from '../../src/model/access.ts';
import { mostCriticalService } from '../../src/model/governance.ts';
import { model, policy, service, system, TODAY } from './helpers.ts';

const ROLE = { name: 'Cluster operator', grants: 'exec, scale and restart in cmp', grantedBy: 'team-a', mfa: true, request: 'cluster-access', expires: '90d' };
const ACCESS = { roles: [ROLE], breakGlass: 'cluster-access', recertifyEvery: '90d', lastRecertified: '2026-10-01' };

describe('the schema', () => {
	test('roles, break-glass, recertification; the checklists default to empty', () => {
		const parsed = access.parse(ACCESS);
		assert.deepEqual(parsed.onboarding, []);
		assert.deepEqual(parsed.offboarding, []);
		assert.equal(parsed.roles[0]!.mfa, true);
	});
	test('at least one role, each saying who grants it and whether it needs MFA', () => {
		assert.equal(access.safeParse({ ...ACCESS, roles: [] }).success, false);
		const { mfa: _mfa, ...noMfa } = ROLE;
		assert.equal(access.safeParse({ ...ACCESS, roles: [noMfa] }).success, false);
		assert.equal(access.safeParse({ ...ACCESS, roles: [{ ...ROLE, grantedBy: 'Team A' }] }).success, false);
	});
	test('the recertification interval is a duration and required; the date is a date', () => {
		const { recertifyEvery: _every, ...noInterval } = ACCESS;
		assert.equal(access.safeParse(noInterval).success, false);
		assert.equal(access.safeParse({ ...ACCESS, recertifyEvery: 'quarterly' }).success, false);
		assert.equal(access.safeParse({ ...ACCESS, lastRecertified: '01/10/2026' }).success, false);
	});
	test('onboarding and offboarding are ordered steps', () => {
		const parsed = access.parse({ ...ACCESS, onboarding: ['Join `#ops`', 'Request the operator role'], offboarding: ['Remove the group'] });
		assert.deepEqual(parsed.onboarding, ['Join `#ops`', 'Request the operator role']);
		assert.equal(access.safeParse({ ...ACCESS, onboarding: [''] }).success, false);
	});
});

describe('the access-review requirement', () => {
	const p = policy({ tiers: { '1': ['access-review'], '2': ['access-review'], '3': ['access-review'], '4': [] }, lifecycles: { exempt: ['experimental'], needSunset: [] } });
	const services = [service('web', { tier: 2 }), service('api', { tier: 1 }), service('db', { tier: 1 }), service('tool', { tier: 3 })];
	const verdictWith = (accessOf: z.input<typeof access> | undefined, list = services) => judge(model({ systems: [system('core', accessOf ? { access: accessOf } : {})], services: list }), p, TODAY);
	const gapLines = (verdict: ReturnType<typeof judge>) => verdict.gaps.map((gap) => `${gap.service} ${gap.file} ${formatPath(gap.field)} ${gap.status}: ${gap.message}`);

	test('the most critical service of a system is the lowest tier, then the first id; exempt stages are left out', () => {
		const m = model({ services: [...services, service('new', { tier: 1, lifecycle: 'experimental' })] });
		assert.equal(mostCriticalService(m, 'core')?.id, 'api');
		assert.equal(mostCriticalService(m, 'core', ['production'])?.id, 'new');
		assert.equal(mostCriticalService(m, 'nowhere'), undefined);
	});
	test('met when recertified within recertifyEvery; the other services point at the one judged', () => {
		const verdict = verdictWith(ACCESS);
		assert.deepEqual(verdict.gaps, []);
		const detail = (id: string) => verdict.services.find((s) => s.service === id)!.results[0]!.detail;
		assert.equal(detail('api'), 'core: last recertification 2026-10-01 (53 days ago)');
		assert.equal(detail('db'), 'judged on api, the most critical service of core');
		assert.equal(detail('tool'), 'judged on api, the most critical service of core');
	});
	test('a stale recertification is one gap for the system, at lastRecertified, at the tier of its most critical service', () => {
		assert.deepEqual(gapLines(verdictWith({ ...ACCESS, lastRecertified: '2026-06-01' })), [
			'api systems/core.yaml access.lastRecertified stale: api is tier 1, which requires its system\'s access recertified on time, but system core: the last recertification 2026-06-01 is 175 days old; its recertifyEvery is 90d — review every grant with the teams that grant them, remove the ones nobody can justify, then set "lastRecertified" to that date',
		]);
	});
	test('never recertified is a gap at recertifyEvery', () => {
		const { lastRecertified: _date, ...never } = ACCESS;
		assert.deepEqual(gapLines(verdictWith(never)), [
			'api systems/core.yaml access.recertifyEvery missing: api is tier 1, which requires its system\'s access recertified on time, but system core: no last recertification date recorded — review every grant with the teams that grant them, remove the ones nobody can justify, then set "access.lastRecertified" to that date',
		]);
	});
	test('a system without access is a gap in the system file', () => {
		assert.deepEqual(gapLines(verdictWith(undefined)), [
			'api systems/core.yaml id missing: api is tier 1, which requires its system\'s access recertified on time, but system core documents no access — add "access:" with its roles (name, grants, grantedBy, mfa, request), recertifyEvery and lastRecertified',
		]);
	});
	test('judged only if the most critical service\'s tier asks for it', () => {
		const lenient = policy({ tiers: { '1': [], '2': ['access-review'], '3': [], '4': [] } });
		assert.deepEqual(judge(model({ systems: [system('core')], services }), lenient, TODAY).gaps, []);
	});
	test('a service of a system that is not in the model', () => {
		const verdict = judge(model({ services: [service('api', { system: 'cor' })] }), p, TODAY);
		assert.equal(verdict.gaps[0]!.detail, 'system "cor" is not in the model');
		assert.equal(verdict.gaps[0]!.fix, 'set "system:" to the id of a system in systems/ (did you mean "core"?)');
	});
});

describe('from YAML', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'opsbook-access-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));
	let counter = 0;
	const check = (accessYaml: string) => {
		const root = join(scratch, `m${++counter}`);
		const files = {
			'teams/platform.yaml': 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n',
			'systems/core.yaml': `id: core\nname: Core\nsummary: The core system.\nowner: platform\naccess:\n${accessYaml}`,
			'services/api.yaml': 'id: api\nname: API\nsummary: Serves.\nkind: service\ntier: 2\nlifecycle: production\nsystem: core\nowner: platform\ndataClassification: internal\n',
			'runbooks/cluster-access.yaml': 'id: cluster-access\ntitle: Cluster access\nkind: access\nservices: [api]\nsummary: Get or remove access.\nsteps:\n  - title: Ask\n',
		};
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			writeFileSync(join(root, file), text);
		}
		return loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic);
	};
	const role = (extra = '') => `    - name: Operator\n      grants: Everything.\n      grantedBy: platform\n      mfa: true\n      request: cluster-access\n${extra}`;
	test('a valid access section loads clean', () => {
		assert.deepEqual(check(`  roles:\n${role()}  breakGlass: cluster-access\n  recertifyEvery: 90d\n  lastRecertified: 2026-10-01\n  onboarding:\n    - Join the team\n`), []);
	});
	test('a grantedBy team that is not in the model is an error with the nearest id', () => {
		assert.deepEqual(check(`  roles:\n${role().replace('grantedBy: platform', 'grantedBy: platfrom')}  recertifyEvery: 90d\n`), [
			'systems/core.yaml:9:18  access.roles[0].grantedBy  unknown team "platfrom"; did you mean "platform"?',
		]);
	});
	test('a request or break-glass runbook that is not in the model is an error with the nearest id', () => {
		assert.deepEqual(check(`  roles:\n${role().replace('request: cluster-access', 'request: cluster-acess')}  breakGlass: clustr-access\n  recertifyEvery: 90d\n`), [
			'systems/core.yaml:11:16  access.roles[0].request  unknown runbook "cluster-acess"; did you mean "cluster-access"?',
			'systems/core.yaml:12:15  access.breakGlass  unknown runbook "clustr-access"; did you mean "cluster-access"?',
		]);
	});
	test('a role listed twice is an error', () => {
		assert.deepEqual(check(`  roles:\n${role()}${role().replace('Operator', 'operator')}  recertifyEvery: 90d\n`), [
			'systems/core.yaml:12:13  access.roles[1].name  role "operator" is listed twice; give each role one entry',
		]);
	});
});

describe('the access page', () => {
	test('the matrix is every role of every system, in order', async () => {
		const { accessMatrix } = await import('../../src/site/queries-governance.ts');
		const m = model({ systems: [system('core', { access: { ...ACCESS, roles: [ROLE, { ...ROLE, name: 'Reader', mfa: false }] } }), system('edge')] });
		assert.deepEqual(accessMatrix(m).map((row) => `${row.system.id} ${row.index} ${row.role.name} ${row.role.mfa}`), ['core 0 Cluster operator true', 'core 1 Reader false']);
	});
	test('a recertification\'s age, stale the day after its interval', async () => {
		const { recertificationAge } = await import('../../src/site/queries-governance.ts');
		assert.deepEqual(recertificationAge('2026-08-25', '90d', TODAY), { days: 90, stale: false });
		assert.deepEqual(recertificationAge('2026-08-24', '90d', TODAY), { days: 91, stale: true });
		assert.equal(recertificationAge(undefined, '90d', TODAY), undefined);
	});
});
